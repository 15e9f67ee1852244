"""Role × page matrix for listening's sources and queries pages, with the other council's
outsider (an administrator there) who must find none of our sources or queries.

The digital team and council administrators set listening up; approvers and account owners may
read the sources and queries; nobody else sees them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.listening.services.queries import create_query
from herald.listening.services.sources import create_source

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    source: str
    query: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    source = create_source(
        council=personas.council,
        kind="rss",
        name="Gazette",
        config={"url": "https://gazette.example/rss"},
        actor=SYSTEM,
    )
    query = create_query(
        council=personas.council, name="Bins", topic="service", expression="bins", actor=SYSTEM
    )
    return Objects(str(source.public_id), str(query.public_id))


PAGES = [
    "/listening/sources/",
    "/listening/sources/{source}/",
    "/listening/sources/new/",
    "/listening/sources/{source}/edit/",
    "/listening/queries/",
    "/listening/queries/new/",
    "/listening/queries/{query}/edit/",
]

_EDIT = [OK] * 7
_READ = [OK, OK, NO, NO, OK, NO, NO]
_NONE = [NO] * 7
MATRIX = {
    "digital_lead": _EDIT,
    "admin": _EDIT,
    "approver": _READ,
    "officer": _READ,  # a service account owner
    "editor": _NONE,
    "ict": _NONE,
    "hr": _NONE,
    "staff": _NONE,
    "line_manager": _NONE,
    "ambassador": _NONE,
    "committee": _NONE,
    # An administrator of the other council: its own (empty) lists, none of our objects.
    "outsider": [OK, GONE, OK, GONE, OK, OK, GONE],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_listening_setup_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_signed_out_visitors_are_sent_to_sign_in(objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
