"""Role × page matrix for the routing pages, with the other council's outsider.

The digital team and council administrators edit keyword rules, train and activate versions;
approvers and service account owners read them; nobody else reaches them. Another council's
rules and versions are a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.listening.routing import services
from herald.listening.tests.enrich.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    rule: str
    model: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    rule = services.save_keyword_rule(
        council=personas.council, service_label="waste", keywords=["bin"], actor=SYSTEM
    )
    model = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    return Objects(str(rule.public_id), str(model.public_id))


PAGES = [
    "/listening/routing/",
    "/listening/routing/keywords/new/",
    "/listening/routing/keywords/{rule}/",
    "/listening/routing/models/{model}/",
    "/listening/routing/train/",
]
MATRIX = {
    "digital_lead": [OK, OK, OK, OK, OK],
    "admin": [OK, OK, OK, OK, OK],
    "approver": [OK, NO, NO, OK, NO],
    "officer": [OK, NO, NO, OK, NO],
    "editor": [NO, NO, NO, NO, NO],
    "ict": [NO, NO, NO, NO, NO],
    "hr": [NO, NO, NO, NO, NO],
    "staff": [NO, NO, NO, NO, NO],
    "line_manager": [NO, NO, NO, NO, NO],
    "ambassador": [NO, NO, NO, NO, NO],
    "committee": [NO, NO, NO, NO, NO],
    # An administrator of the other council: its own routing, none of our rules or versions.
    "outsider": [OK, OK, GONE, GONE, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_routing_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


@pytest.mark.parametrize(("persona", "status"), [("digital_lead", 302), ("approver", 403),
                                                 ("officer", 403), ("outsider", 404)])  # fmt: skip
def test_only_editors_of_the_council_activate_a_version(
    personas: Personas, objects: Objects, persona: str, status: int
) -> None:
    client = personas.client_for(getattr(personas, persona))
    response = client.post(f"/listening/routing/models/{objects.model}/activate/")
    assert response.status_code == status


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
