"""The inbox's data: conversations with residents and their messages, replies (with their own
outbox), notes, escalations (each with its own clock), moderation actions, saved responses and
views, and each council's response targets and office hours."""

from herald.inbox.models.conversations import (
    Assignment,
    Conversation,
    ConversationStatusChange,
    Message,
    Note,
    SavedView,
)
from herald.inbox.models.escalations import Escalation, EscalationStatusChange, ModerationAction
from herald.inbox.models.replies import (
    AccountReplySettings,
    Reply,
    ReplyAttempt,
    ReplyStatusChange,
    SavedResponse,
)
from herald.inbox.models.settings import InboxSettings, ResponseTarget, ServiceRoute

__all__ = [
    "AccountReplySettings",
    "Assignment",
    "Conversation",
    "ConversationStatusChange",
    "Escalation",
    "EscalationStatusChange",
    "InboxSettings",
    "Message",
    "ModerationAction",
    "Note",
    "Reply",
    "ReplyAttempt",
    "ReplyStatusChange",
    "ResponseTarget",
    "SavedResponse",
    "SavedView",
    "ServiceRoute",
]
