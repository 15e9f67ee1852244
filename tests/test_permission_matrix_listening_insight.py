"""Role × page matrix for listening's insight pages, with the other council's outsider.

The digital and communications team and council administrators run listening (exports, alerts,
rules, privacy changes); approvers and service account owners read the dashboard, the mentions
and the privacy page. Another council's mention, alert and rule are a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import timezone

from conftest import Personas
from herald.listening.alerting import evaluate_for_mentions
from herald.listening.models import Alert, AlertRule
from herald.listening.presenters.insight import mention_path
from herald.listening.tests.insight.support import make_mention, make_source

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    mention: str
    alert: str
    rule: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    rule = AlertRule.objects.create(council=personas.council, name="Safeguarding", kind="high_risk")
    mention = make_mention(
        make_source(personas.council), posted_at=timezone.now(), safeguarding=True
    )
    evaluate_for_mentions(personas.council.pk, [mention.pk])
    alert = Alert.objects.get(rule=rule)
    return Objects(mention_path(mention), str(alert.public_id), str(rule.public_id))


PAGES = [
    "/listening/",
    "/listening/dashboard.csv",
    "/listening/mentions/",
    "/listening/mentions.csv",
    "{mention}",
    "/listening/alerts/",
    "/listening/alerts/{alert}/",
    "/listening/alerts/rules/",
    "/listening/alerts/rules/new/",
    "/listening/alerts/rules/{rule}/",
    "/listening/privacy/",
]

_MANAGE = [OK] * 11
_READ = [OK, NO, OK, NO, OK, NO, NO, NO, NO, NO, OK]
_NONE = [NO] * 11
MATRIX = {
    "digital_lead": _MANAGE,
    "admin": _MANAGE,
    "approver": _READ,
    "officer": _READ,
    "editor": _NONE,
    "ict": _NONE,
    "hr": _NONE,
    "staff": _NONE,
    "line_manager": _NONE,
    "ambassador": _NONE,
    "committee": _NONE,
    # An administrator of the other council: its own listening, none of our objects.
    "outsider": [OK, OK, OK, OK, GONE, OK, GONE, OK, OK, GONE, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_listening_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_only_managers_act_on_alerts(personas: Personas, objects: Objects) -> None:
    for persona, expected in [("approver", NO), ("officer", NO), ("outsider", GONE)]:
        client = personas.client_for(getattr(personas, persona))
        response = client.post(f"/listening/alerts/{objects.alert}/acknowledge/")
        assert response.status_code == expected, persona
    assert Alert.objects.get().status == "open"


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
