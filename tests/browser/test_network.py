"""The network policy in real Chromium with axe: ICT changes the policy and reads the usage;
HR opens a person view for a case. Every network page (and its forms with errors) is checked.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.network import services
from herald.network.demo import load_demo
from herald.network.ingest import ingest_files
from herald.network.models import Category, NetworkAlert, PolicyException
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _usage(personas: Personas) -> None:
    now = timezone.now().timestamp()
    user = personas.record_of(personas.staff).email.split("@")[0]
    lines = "".join(
        f"{now - 86400 * (i % 5) - i:.3f} 5 10.0.0.{i % 3} "
        f"{'TCP_DENIED/403' if i % 4 == 0 else 'TCP_TUNNEL/200'} {1000 + i * 50} "
        f"CONNECT www.{'bet365.com' if i % 4 == 0 else 'facebook.com'}:443 {user} HIER_DIRECT/1.2.3.4 -\n"
        for i in range(40)
    )
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "access.log"
        log.write_text(lines)
        ingest_files(council=personas.council, paths=[str(log)])
    NetworkAlert.objects.create(
        council=personas.council,
        kind="blocked_repeats",
        day=datetime.date.today(),
        client=user,
        detail="25 attempts to reach blocked sites",
    )


def test_ict_changes_the_policy_and_reads_the_usage(  # noqa: PLR0915 - one journey
    journey: Journey, personas: Personas
) -> None:
    load_demo(council=personas.council)
    _usage(personas)
    social = Category.objects.get(council=personas.council, slug="social")
    page = journey.page
    journey.sign_in(personas.ict.user.username)
    journey.visit("/network/", label="policy overview")
    page.get_by_role("link", name="Social networking").click()
    page.wait_for_load_state()
    journey.check("category")
    page.get_by_role("button", name="Change the action").click()
    page.wait_for_load_state()
    journey.check("change action form")
    page.get_by_label("Block").check()
    page.get_by_role("button", name="Save the action").click()
    page.wait_for_load_state()
    journey.check("change action without a reason")
    page.get_by_label("Block").check()
    page.get_by_label("Reason for the change").fill("Pilot at the depot")
    page.get_by_role("button", name="Save the action").click()
    page.wait_for_load_state()
    journey.check("action changed")
    social.refresh_from_db()
    assert social.action == "block"

    journey.visit(f"/network/categories/{social.public_id}/add/", label="add a domain")
    page.get_by_label("Domain").fill("not a domain")
    page.get_by_role("button", name="Add the domain").click()
    page.wait_for_load_state()
    journey.check("add a domain with an error")
    journey.visit(f"/network/categories/{social.public_id}/import/", label="import a list")
    page.get_by_label("Domains").fill("mastodon.social\nbad entry here\n")
    page.get_by_role("button", name="Import the list").click()
    page.wait_for_load_state()
    journey.check("import with per-line problems")
    assert page.get_by_text("bad entry here").first.is_visible()

    journey.visit("/network/groups/", label="groups and exceptions")
    journey.visit("/network/groups/new/", label="new group")
    page.get_by_label("Group name").fill("Licensing")
    page.get_by_label("Libraries").check()
    page.get_by_role("button", name="Add the group").click()
    page.wait_for_load_state()
    journey.visit("/network/exceptions/new/", label="new exception")
    page.get_by_role("button", name="Add the exception").click()
    page.wait_for_load_state()
    journey.check("new exception with errors")
    later = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Group", exact=True).select_option(label="Licensing")
    page.get_by_label("Category", exact=True).select_option(label="Gambling")
    page.get_by_label("Allow and log").check()
    page.get_by_label("Business reason").fill("Test purchases for licensing")
    page.get_by_label("Approver").select_option(index=1)
    page.get_by_label("Day").fill(str(later.day))
    page.get_by_label("Month").fill(str(later.month))
    page.get_by_label("Year").fill(str(later.year))
    page.get_by_role("button", name="Add the exception").click()
    page.wait_for_load_state()
    journey.check("exception added")
    assert PolicyException.objects.filter(council=personas.council).count() == 1

    journey.visit("/network/identities/", label="proxy identities")
    page.get_by_label("Fixed client IP address").check()
    page.get_by_label("User name or address").fill("not an address")
    page.get_by_role("button", name="Add the identity").click()
    page.wait_for_load_state()
    journey.check("proxy identity with an error")
    journey.visit("/network/versions/", label="versions")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    journey.check("compare versions")
    journey.visit("/network/squid/", label="squid configuration")
    journey.visit("/network/review/", label="quarterly review")
    journey.visit("/network/usage/", label="usage report")
    assert page.get_by_role("img", name="Requests a day, with blocked attempts").is_visible()
    journey.visit(
        "/network/usage/?start-day=31&start-month=2&start-year=2026", label="usage bad date"
    )
    journey.visit("/network/alerts/", label="alerts")
    journey.visit("/network/warn/?url=http://www.wetransfer.com/", label="warning page")
    journey.visit("/network/settings/", label="monitoring settings")
    page.get_by_label("Keep raw proxy logs for (days)").fill("2")
    page.get_by_role("button", name="Save the settings").click()
    page.wait_for_load_state()
    journey.check("monitoring settings with an error")
    journey.sign_out()
    journey.assert_clean()


def test_hr_opens_a_person_view_for_a_case(journey: Journey, personas: Personas) -> None:
    services.ensure_default_policy(council=personas.council, actor=SYSTEM)
    _usage(personas)
    page = journey.page
    journey.sign_in(personas.hr.user.username)
    journey.visit("/network/usage/", label="usage report for HR")
    journey.visit("/network/people/", label="person view form")
    page.get_by_role("button", name="Open the view").click()
    page.wait_for_load_state()
    journey.check("person view form with errors")
    page.get_by_label("Staff member").select_option(str(personas.record_of(personas.staff).pk))
    page.get_by_label("HR case reference").fill("HR-2026-031")
    page.get_by_label("Why you need to see this person's activity").fill("Conduct complaint")
    page.get_by_role("button", name="Open the view").click()
    page.wait_for_load_state()
    journey.check("person view")
    assert page.get_by_text("HR case HR-2026-031").is_visible()
    journey.visit("/network/people/", label="person view list")
    journey.assert_clean()
