"""Role × page matrix for channels (connections), written out by hand, with the other council's
outsider. Only the digital team and council administrators manage connections; another council's
connection is a 404. The Sandbox timeline is the Sandbox network's own public page."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.channels import services
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    connection: str
    other: str
    handle: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    ours = make_account(council=personas.council, service=ServiceFactory(council=personas.council))
    theirs = make_account(
        council=personas.other_council, service=ServiceFactory(council=personas.other_council)
    )
    mine = services.connect(council=personas.council, account=ours, network="sandbox", actor=SYSTEM)
    other = services.connect(
        council=personas.other_council, account=theirs, network="sandbox", actor=SYSTEM
    )
    return Objects(str(mine.public_id), str(other.public_id), mine.external_id)


PAGES = [
    "/channels/connections/",
    "/channels/connections/connect/",
    "/channels/connections/{connection}/",
    "/channels/connections/{other}/",
    "/channels/sandbox/{handle}/",
]
_PLAIN = [NO, NO, NO, NO, OK]
_MANAGER = [OK, OK, OK, GONE, OK]
MATRIX = {
    "officer": _PLAIN,
    "editor": _PLAIN,
    "approver": _PLAIN,
    "digital_lead": _MANAGER,
    "admin": _MANAGER,
    "ict": _PLAIN,
    "hr": _PLAIN,
    "line_manager": _PLAIN,
    "staff": _PLAIN,
    "ambassador": _PLAIN,
    "committee": _PLAIN,
    # An administrator of the other council: their own connection only (ours is "other" to them).
    "outsider": [OK, OK, GONE, OK, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_channels_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    got = [client.get(page.format(**vars(objects))).status_code for page in PAGES]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


@pytest.mark.parametrize("action", ["disconnect", "check"])
def test_posts_need_the_role_and_the_council(
    personas: Personas, objects: Objects, action: str
) -> None:
    for persona, expected in (("editor", NO), ("outsider", GONE)):
        client = personas.client_for(getattr(personas, persona))
        response = client.post(f"/channels/connections/{objects.connection}/{action}/")
        assert response.status_code == expected
    done = personas.client_for(personas.digital_lead).post(
        f"/channels/connections/{objects.connection}/{action}/"
    )
    assert done.status_code == 302


def test_signed_out_visitors_are_sent_to_sign_in_except_the_public_timeline(
    personas: Personas, objects: Objects
) -> None:
    client = Client()
    for page in PAGES[:-1]:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
    assert client.get(PAGES[-1].format(**vars(objects))).status_code == OK
