"""The one way a reply's status moves: the transition table, ``move_status`` and an audit event
in one transaction. Shared by the drafting services and the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from herald.audit.services import Actor, record
from herald.core.transitions import move_status
from herald.inbox.models import Reply, ReplyStatusChange
from herald.inbox.replies.errors import ReplyTransitionNotAllowed
from herald.inbox.replies.workflow import can_move_reply

if TYPE_CHECKING:
    from herald.accounts.models import User

R = Reply.Status
MEANWHILE = "Someone else changed this reply just now. Reload the page to see what they did."
# Moves worth a line in the audit trail (the outbox's own claims are in the status history).
AUDITED = frozenset({R.AWAITING_APPROVAL, R.APPROVED, R.SENT, R.FAILED, R.UNCONFIRMED})
AUDITED_ALL = AUDITED | {R.REJECTED, R.WITHDRAWN, R.DRAFT}


def person(actor: Actor) -> User | None:
    return actor.user or getattr(actor, "on_behalf_of", None)


def move_reply(reply: Reply, to_status: str, *, actor: Actor, note: str = "", **fields: Any) -> str:
    """Move ``reply`` through the transition table; the loser of a race is told."""
    if not can_move_reply(reply.status, to_status):
        raise ReplyTransitionNotAllowed(
            f"A reply that is {R(reply.status).label.lower()} cannot become "
            f"{R(to_status).label.lower()}."
        )
    with transaction.atomic():
        from_status = move_status(
            obj=reply,
            to_status=to_status,
            history=ReplyStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note[:2000],
            meanwhile=MEANWHILE,
            **fields,
        )
        if to_status in AUDITED_ALL and not (from_status == R.SENDING and to_status == R.APPROVED):
            record(
                council=reply.conversation.council,
                actor=actor,
                action=f"inbox.reply_{to_status}",
                summary=f"Reply to {reply.conversation.resident_handle}: "
                f"{R(to_status).label.lower()}",
                target=reply,
                changes={"status": [from_status, to_status], **({"note": note} if note else {})},
            )
    return from_status
