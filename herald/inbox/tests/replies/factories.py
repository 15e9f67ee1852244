"""Conversations and messages made directly from the inbox's models (inbox-core builds them from
listening in parallel), on an account connected to the Sandbox network with a resident's real
comment under the council's real post there, so replies go end to end."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.channels import services as channel_services
from herald.channels.models import SandboxPost
from herald.channels.sandbox import replies as sandbox_replies
from herald.channels.sandbox import service as sandbox
from herald.estate.testing import make_account
from herald.inbox.models import Conversation, Message

if TYPE_CHECKING:
    import datetime

    from herald.councils.models import Council, Service
    from herald.estate.models import SocialAccount

_numbers = itertools.count(1)


def sandbox_account(*, council: Council, service: Service, **details: Any) -> SocialAccount:
    n = next(_numbers)
    account = make_account(
        council=council,
        service=service,
        network="x",
        handle=str(details.pop("handle", f"Inbox{n}")),
        name=str(details.pop("name", f"Inbox account {n}")),
        **details,
    )
    channel_services.connect(council=council, account=account, network="sandbox", actor=SYSTEM)
    return account


@dataclass
class Thread:
    conversation: Conversation
    message: Message
    council_post: SandboxPost
    comment: SandboxPost


def conversation(
    *,
    council: Council,
    account: SocialAccount,
    text: str = "When is my bin collected this week?",
    resident: str = "resident1",
    at: datetime.datetime | None = None,
    service: Service | None = None,
) -> Thread:
    """A resident's comment under the council's post on the Sandbox, as a conversation."""
    at = at or timezone.now()
    handle = account.connection.external_id
    own = sandbox.account_named(handle)
    council_post, _ = sandbox.create_post(
        own, text="Bin collections this week", idempotency_key=f"seed-{next(_numbers)}"
    )
    comment = sandbox_replies.comment(
        handle=resident, on_post_id=str(council_post.public_id), text=text
    )
    made = Conversation.objects.create(
        council=council,
        account=account,
        network=account.connection.network,
        resident_handle=resident,
        resident_name=resident.title(),
        thread_key=str(council_post.public_id) + f":{comment.public_id}",
        kind="comment",
        subject=text[:60],
        service=service,
        first_message_at=at,
        last_message_at=at,
    )
    message = add_message(conversation=made, text=text, remote_id=str(comment.public_id), at=at)
    return Thread(made, message, council_post, comment)


def add_message(
    *,
    conversation: Conversation,
    text: str,
    remote_id: str = "",
    at: datetime.datetime | None = None,
) -> Message:
    return Message.objects.create(
        conversation=conversation,
        direction=Message.Direction.IN,
        remote_id=remote_id or f"remote-{next(_numbers)}",
        author_handle=conversation.resident_handle,
        text=text,
        sent_at=at or timezone.now(),
    )
