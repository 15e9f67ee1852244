"""Role × page matrix for the inbox's conversations, escalations, figures, records and settings,
with the other council's administrator as the outsider.

The digital team, account owners, editors and council administrators work the inbox; only the
digital team and administrators search the records (personal data for FOI and subject access)
and change the settings. Another council's conversations and escalations are a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.inbox import services
from herald.inbox.models import Conversation, Escalation
from herald.inbox.testing import make_mention

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    conversation: str
    escalation: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    council = personas.council
    account = make_account(council=council, service=ServiceFactory(council=council))
    make_mention(council=council, account=account, text="Help", safeguarding=True)
    services.collect_for(council=council)
    return Objects(
        str(Conversation.objects.get().public_id), str(Escalation.objects.get().public_id)
    )


PAGES = [
    "/inbox/",
    "/inbox/?view=overdue",
    "/inbox/conversations/{conversation}/",
    "/inbox/escalations/",
    "/inbox/escalations/{escalation}/",
    "/inbox/outcomes/",
    "/inbox/consultations/",
    "/inbox/records/",
    "/inbox/settings/",
]

_WORKER = [OK] * 7 + [NO, NO]
_EDITOR = [OK] * 9
_NONE = [NO] * 9
MATRIX = {
    "digital_lead": _EDITOR,
    "admin": _EDITOR,
    "officer": _WORKER,
    "editor": _WORKER,
    "approver": _NONE,
    "ict": _NONE,
    "hr": _NONE,
    "staff": _NONE,
    "line_manager": _NONE,
    "ambassador": _NONE,
    "committee": _NONE,
    # An administrator of the other council: their own inbox, none of our objects.
    "outsider": [OK, OK, GONE, OK, GONE, OK, OK, OK, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_inbox_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
