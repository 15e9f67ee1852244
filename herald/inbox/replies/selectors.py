"""Reads for replies, always from the council: another council's conversation or reply is a 404."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from herald.inbox.models import (
    AccountReplySettings,
    Conversation,
    Message,
    ModerationAction,
    Reply,
    SavedResponse,
)
from herald.inbox.replies.workflow import IN_FLIGHT

if TYPE_CHECKING:
    from uuid import UUID

    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

R = Reply.Status
# A draft touched this recently means someone is writing a reply now.
EDITING_WINDOW = datetime.timedelta(minutes=15)


def conversation_in(*, council: Council, public_id: UUID | str) -> Conversation:
    found = (
        council.conversations.filter(public_id=public_id)
        .select_related("account", "service")
        .first()
    )
    if found is None:
        raise Http404("No such conversation")
    return found


def conversation_messages(*, conversation: Conversation) -> QuerySet[Message]:
    return conversation.messages.order_by("sent_at", "id")


def message_in(*, conversation: Conversation, message_id: int) -> Message:
    found = conversation.messages.filter(pk=message_id).first()
    if found is None:
        raise Http404("No such message")
    return found


def conversation_replies(*, conversation: Conversation) -> QuerySet[Reply]:
    return conversation.replies_written.select_related("author", "approved_by").order_by(
        "created_at", "id"
    )


def reply_in(*, conversation: Conversation, public_id: UUID | str) -> Reply:
    found = conversation_replies(conversation=conversation).filter(public_id=public_id).first()
    if found is None:
        raise Http404("No such reply")
    return found


def reply_of_council(*, council: Council, public_id: UUID | str) -> Reply:
    found = (
        Reply.objects.filter(conversation__council=council, public_id=public_id)
        .select_related("conversation", "conversation__account", "author")
        .first()
    )
    if found is None:
        raise Http404("No such reply")
    return found


def others_replying(*, reply: Reply, now: datetime.datetime | None = None) -> list[Reply]:
    """Other people's replies to the same conversation that are being written now, or went (or
    are going) to the resident since this reply was started: the collision warning."""
    now = now or timezone.now()
    others = Reply.objects.filter(conversation_id=reply.conversation_id).exclude(pk=reply.pk)
    others = others.exclude(author_id=reply.author_id).filter(is_automatic=False)
    writing = Q(status=R.DRAFT, editing_at__gte=now - EDITING_WINDOW)
    going = Q(status__in=[s for s in IN_FLIGHT if s != R.SENT])
    sent_since = Q(status=R.SENT, sent_at__gte=reply.created_at)
    return list(others.filter(writing | going | sent_since).select_related("author"))


def someone_replying(
    *, conversation: Conversation, user: User, now: datetime.datetime | None = None
) -> list[Reply]:
    """Drafts by other people on this conversation touched within the editing window."""
    now = now or timezone.now()
    return list(
        conversation.replies_written.filter(status=R.DRAFT, editing_at__gte=now - EDITING_WINDOW)
        .exclude(author=user)
        .select_related("author")
    )


def awaiting_approval(*, council: Council) -> QuerySet[Reply]:
    return (
        Reply.objects.filter(conversation__council=council, status=R.AWAITING_APPROVAL)
        .select_related("conversation", "conversation__account", "author")
        .order_by("submitted_at", "id")
    )


def failed_replies(*, council: Council) -> QuerySet[Reply]:
    return (
        Reply.objects.filter(conversation__council=council, status__in=[R.FAILED, R.UNCONFIRMED])
        .select_related("conversation", "conversation__account", "author")
        .order_by("-updated_at", "-id")
    )


def saved_responses(
    *, council: Council, service_id: int | None = None, archived: bool = False
) -> QuerySet[SavedResponse]:
    """The council's saved responses; with ``service_id``, that service's and the council-wide
    ones (no service)."""
    found = SavedResponse.objects.filter(council=council, archived_at__isnull=not archived)
    if service_id is not None:
        found = found.filter(Q(service_id=service_id) | Q(service__isnull=True))
    return found.select_related("service").order_by("title", "id")


def saved_response_in(*, council: Council, public_id: UUID | str) -> SavedResponse:
    found = SavedResponse.objects.filter(council=council, public_id=public_id).first()
    if found is None:
        raise Http404("No such saved response")
    return found


def account_in(*, council: Council, public_id: UUID | str) -> SocialAccount:
    found = council.social_accounts.filter(public_id=public_id).first()
    if found is None:
        raise Http404("No such account")
    return found


def reply_settings_for(*, account: SocialAccount) -> AccountReplySettings | None:
    return AccountReplySettings.objects.filter(account=account).first()


def reply_settings_by_account(*, council: Council) -> dict[int, AccountReplySettings]:
    return {s.account_id: s for s in AccountReplySettings.objects.filter(council=council)}


def moderation_actions(*, council: Council) -> QuerySet[ModerationAction]:
    return (
        ModerationAction.objects.filter(message__conversation__council=council)
        .select_related("message", "message__conversation", "actor")
        .order_by("-created_at", "-id")
    )
