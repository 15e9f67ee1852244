"""Moderation of threats and abuse: hide or delete a resident's message on the network where its
API allows (through the adapter's ``Moderation`` methods), with the reason recorded as a
``ModerationAction``. Herald's own copy of the message is always kept; where the network has no
such API the decision is recorded anyway, and the person is told to act on the network."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.adapters.base import AdapterError
from herald.channels.models import ChannelConnection
from herald.inbox.models import Message, ModerationAction
from herald.inbox.replies import rules
from herald.inbox.replies.common import person
from herald.inbox.replies.errors import InvalidReply, NotAllowed

if TYPE_CHECKING:
    from herald.accounts.models import User

A = ModerationAction.Action
# Each action's adapter method name and the message field it stamps.
_CALLS: dict[str, tuple[str, str]] = {
    A.HIDE: ("hide", "hidden_on_network_at"),
    A.UNHIDE: ("hide", "hidden_on_network_at"),
    A.DELETE: ("delete_comment", "deleted_on_network_at"),
}


@dataclass(frozen=True)
class Outcome:
    action: ModerationAction
    done_on_network: bool
    message: str


def moderate_message(*, message: Message, action: str, reason: str, actor: Actor) -> Outcome:
    """Hide, unhide or delete ``message`` on its network, or record the decision where the
    network's API does not allow it. Never changes Herald's copy of the text."""
    user = person(actor)
    conversation = message.conversation
    if user is None or not rules.roles_of(council=conversation.council, user=user) & set(
        rules.MODERATORS
    ):
        raise NotAllowed("Moderation needs the digital team or a council administrator")
    if action not in _CALLS:
        raise InvalidReply("Choose hide, unhide or delete", code="invalid_action")
    if not reason.strip():
        raise InvalidReply("Say why (threats, abuse…): the reason is kept", code="reason_required")
    if message.direction != Message.Direction.IN:
        raise InvalidReply("Only residents' messages are moderated", code="invalid_message")
    done, detail = _on_network(message, action)
    return _record(
        message,
        action=action if done else A.RECORD_ONLY,
        reason=reason,
        user=user,
        actor=actor,
        done=done,
        detail=detail,
    )


def _on_network(message: Message, action: str) -> tuple[bool, str]:
    """Call the network (outside any transaction). (done, what happened)."""
    connection = ChannelConnection.objects.filter(
        account_id=message.conversation.account_id
    ).first()
    if connection is None or connection.status != ChannelConnection.Status.CONNECTED:
        return False, "The account is not connected to Herald: act on the network itself."
    adapter = clients.adapter(connection.network, base_url=connection.base_url)
    method_name, _ = _CALLS[action]
    method = getattr(adapter, method_name, None)
    if method is None or not message.remote_id:
        return False, (
            f"{connection.network} does not let Herald {action} residents' messages: "
            "the decision is recorded; act on the network itself if you can."
        )
    target = channel_services.as_connection(connection)
    try:
        if method_name == "hide":
            method(target, message.remote_id, hidden=action == A.HIDE)
        else:
            method(target, message.remote_id)
    except AdapterError as error:
        return False, f"The network refused: {error.detail}. The decision is recorded."
    return True, ""


@transaction.atomic
def _record(
    message: Message,
    *,
    action: str,
    reason: str,
    user: User,
    actor: Actor,
    done: bool,
    detail: str,
) -> Outcome:
    made = ModerationAction.objects.create(
        message=message,
        action=action,
        reason=reason.strip(),
        actor=user,
        succeeded=done,
        detail=detail,
    )
    requested = A.RECORD_ONLY if action == A.RECORD_ONLY else action
    if done:
        field = _CALLS[requested][1]
        value = None if requested == A.UNHIDE else timezone.now()
        Message.objects.filter(pk=message.pk).update(**{field: value})
    record(
        council=message.conversation.council,
        actor=actor,
        action=f"inbox.moderation_{action}",
        summary=f"Message from {message.author_handle or 'a resident'}: "
        f"{ModerationAction.Action(action).label.lower()}",
        target=message.conversation,
        changes={
            "reason": reason.strip(),
            "succeeded": done,
            **({"detail": detail} if detail else {}),
        },
    )
    text = "Done on the network; Herald keeps its copy." if done else detail
    return Outcome(action=made, done_on_network=done, message=text)
