"""Role × page matrix for the inbox's replies, saved responses, reply settings and moderation,
with the other council's outsider.

Editors, account owners and the digital team write replies (account owners only on accounts they
hold: on another account they read the page without the form); approvers and administrators read
them; the digital team and council administrators keep saved responses and reply settings and
moderate. Another council's objects are a 404.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import Actor
from herald.inbox.models import SavedResponse
from herald.inbox.replies import services
from herald.inbox.tests.replies.factories import conversation, sandbox_account

pytestmark = pytest.mark.django_db

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    conversation: str
    reply: str
    message: int
    saved: str
    account: str


@pytest.fixture
def objects(personas: Personas) -> Objects:
    service = personas.council.services.get(slug="libraries")
    account = sandbox_account(council=personas.council, service=service)
    thread = conversation(council=personas.council, account=account)
    reply = services.start_reply(
        conversation=thread.conversation,
        text="Thanks: collections are on Tuesday.",
        actor=Actor(user=personas.editor.user),
    )
    saved = SavedResponse.objects.create(council=personas.council, title="Bins", text="Tuesday.")
    return Objects(
        str(thread.conversation.public_id),
        str(reply.public_id),
        thread.message.pk,
        str(saved.public_id),
        str(account.public_id),
    )


PAGES = [
    "/inbox/conversations/{conversation}/reply/",
    "/inbox/conversations/{conversation}/reply/{reply}/",
    "/inbox/conversations/{conversation}/reply/moderate/{message}/",
    "/inbox/replies/",
    "/inbox/saved-responses/",
    "/inbox/saved-responses/new/",
    "/inbox/saved-responses/{saved}/",
    "/inbox/reply-settings/",
    "/inbox/reply-settings/{account}/",
    "/inbox/moderation/",
]

_WRITER = [OK, OK, NO, OK, OK, NO, NO, NO, NO, NO]
_MANAGER = [OK] * 10
_NONE = [NO] * 10
MATRIX = {
    "editor": _WRITER,
    "officer": _WRITER,  # an account owner: reads this account's page without the form
    "approver": _WRITER,
    "digital_lead": _MANAGER,
    "admin": _MANAGER,
    "ict": _NONE,
    "hr": _NONE,
    "staff": _NONE,
    "line_manager": _NONE,
    "ambassador": _NONE,
    "committee": _NONE,
    # An administrator of the other council: its own lists, none of our objects.
    "outsider": [GONE, GONE, GONE, OK, OK, OK, GONE, OK, GONE, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_reply_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_only_writers_on_the_account_see_the_form(personas: Personas, objects: Objects) -> None:
    page = PAGES[0].format(**vars(objects))
    for persona, sees in (("editor", True), ("officer", False), ("approver", False)):
        html = personas.client_for(getattr(personas, persona)).get(page).content.decode()
        assert ('id="reply-form"' in html) is sees, persona


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")
