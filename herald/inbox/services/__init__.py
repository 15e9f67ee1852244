"""The inbox's writes: collecting, triage, escalations, settings and record keeping."""

from herald.inbox.services.collect import CollectResult, collect_for, mark_deleted_messages
from herald.inbox.services.common import InvalidTriage, settings_for
from herald.inbox.services.escalations import (
    EscalationRefused,
    move_escalation,
    raise_escalation,
)
from herald.inbox.services.records import purge_expired
from herald.inbox.services.settings import SettingsInput, set_route, set_target, update_settings
from herald.inbox.services.triage import (
    BulkResult,
    Closing,
    add_note,
    assign_conversation,
    await_reply,
    bulk_apply,
    clean_tags,
    close_conversation,
    link_consultation,
    record_response,
    reopen_conversation,
    set_priority,
    set_tags,
)

__all__ = [
    "BulkResult",
    "Closing",
    "CollectResult",
    "EscalationRefused",
    "InvalidTriage",
    "SettingsInput",
    "add_note",
    "assign_conversation",
    "await_reply",
    "bulk_apply",
    "clean_tags",
    "close_conversation",
    "collect_for",
    "link_consultation",
    "mark_deleted_messages",
    "move_escalation",
    "purge_expired",
    "raise_escalation",
    "record_response",
    "reopen_conversation",
    "set_priority",
    "set_route",
    "set_tags",
    "set_target",
    "settings_for",
    "update_settings",
]
