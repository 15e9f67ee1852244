"""Service routing in real Chromium with axe: the digital team adds keywords (with an error
first), uploads a labelled CSV to train a version, reads its metrics and activates an older one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.listening.models import RouterModel
from herald.listening.routing import selectors, services
from herald.listening.routing_demo import DATASET, load_routing_demo
from herald.listening.tests.enrich.conftest import EXAMPLES
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_digital_team_configures_routing(
    journey: Journey, personas: Personas, tmp_path: Path
) -> None:
    load_routing_demo(council=personas.council)
    services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/listening/routing/", label="routing overview")

    page.get_by_role("button", name="Add keywords for a service").click()
    page.wait_for_load_state()
    journey.check("add keywords form")
    page.get_by_label("Service label").fill("Street Cleaning!")
    page.get_by_label("Keywords and phrases").fill("litter\nstreet sweeping")
    page.get_by_role("button", name="Save the keywords").click()
    page.wait_for_load_state()
    journey.check("add keywords with an error")
    page.get_by_label("Service label").fill("street_cleaning")
    page.get_by_role("button", name="Save the keywords").click()
    page.wait_for_load_state()
    journey.check("keywords saved")
    assert selectors.keyword_rules(personas.council).filter(service_label="street_cleaning")

    page.get_by_role("button", name="Train a new version").click()
    page.wait_for_load_state()
    journey.check("training form")
    page.get_by_role("button", name="Upload and train").click()
    page.wait_for_load_state()
    journey.check("training form without a file")
    page.get_by_label("Upload a labelled CSV").set_input_files(str(DATASET))
    page.get_by_role("button", name="Upload and train").click()
    page.wait_for_load_state()
    journey.check("training queued")
    newest = RouterModel.objects.filter(council=personas.council).order_by("-version").first()
    assert newest is not None
    assert newest.version == 2  # the test task backend trains it at once

    page.get_by_role("link", name="Version 1").click()
    page.wait_for_load_state()
    journey.check("an older version")
    page.get_by_role("button", name="Make this version active").click()
    page.wait_for_load_state()
    journey.check("version activated")
    active = selectors.active_router(personas.council.pk)
    assert active is not None
    assert active.version == 1

    journey.sign_out()
    journey.sign_in(personas.approver.user.username)
    journey.visit("/listening/routing/", label="routing overview for an approver")
    journey.assert_clean()
