"""How the inbox shows things: status and priority tags, deadlines (overdue highlighted), and
rows for the GOV.UK tables, so templates only place components."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from herald.inbox.models import Conversation

if TYPE_CHECKING:
    from herald.inbox.models import Escalation, Message

_STATUS_COLOURS = {
    "new": "blue",
    "assigned": "light-blue",
    "awaiting_reply": "yellow",
    "awaiting_resident": "grey",
    "resolved": "green",
    "no_action": "grey",
}
_PRIORITY_COLOURS = {"urgent": "red", "high": "orange", "normal": "grey", "low": "grey"}


def _tag(text: str, colour: str) -> Markup:
    return Markup('<strong class="govuk-tag govuk-tag--{}">{}</strong>').format(colour, text)


def status_tag(conversation: Conversation) -> Markup:
    return _tag(conversation.get_status_display(), _STATUS_COLOURS[conversation.status])


def priority_tag(conversation: Conversation) -> Markup:
    return _tag(conversation.get_priority_display(), _PRIORITY_COLOURS[conversation.priority])


def when(at: datetime.datetime | None) -> str:
    if at is None:
        return ""
    return f"{timezone.localtime(at):%-d %b %Y %H:%M}"


def is_overdue(conversation: Conversation, now: datetime.datetime | None = None) -> bool:
    due = conversation.next_due_at
    return due is not None and due < (now or timezone.now())


def due_html(conversation: Conversation, now: datetime.datetime | None = None) -> Markup:
    """The next deadline, with "Overdue" in a red tag (words, not colour alone)."""
    if conversation.next_due_at is None:
        return Markup("")
    text = escape(when(conversation.next_due_at))
    if is_overdue(conversation, now):
        return Markup("{} {}").format(_tag("Overdue", "red"), text)
    return Markup("{}").format(text)


def list_rows(conversations: list[Conversation]) -> list[list[dict[str, Any]]]:
    now = timezone.now()
    rows: list[list[dict[str, Any]]] = []
    for conversation in conversations:
        pid = conversation.public_id
        check = Markup(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            'id="pick-{0}" name="ids" type="checkbox" value="{0}" form="bulk">'
            '<label class="govuk-label govuk-checkboxes__label" for="pick-{0}">'
            '<span class="govuk-visually-hidden">Select {1}</span></label></div></div>'
        ).format(pid, conversation.resident_handle)
        link = Markup('<a class="govuk-link" href="{}">{}</a>').format(
            reverse("inbox:conversation", args=[pid]), conversation.subject or "(no text)"
        )
        rows.append(
            [
                {"html": check},
                {"html": link},
                {"text": conversation.resident_handle},
                {"text": conversation.service.name if conversation.service else "Not routed"},
                {"text": _owner(conversation)},
                {"html": status_tag(conversation) + Markup(" ") + priority_tag(conversation)},
                {"html": due_html(conversation, now)},
            ]
        )
    return rows


def _owner(conversation: Conversation) -> str:
    if conversation.assignee is not None:
        return conversation.assignee.display_name
    return conversation.team.name if conversation.team is not None else "Unassigned"


def message_view(message: Message) -> dict[str, Any]:
    return {
        "from_resident": message.direction == "in",
        "author": message.author_handle or "The council",
        "text": message.text,
        "when": when(message.sent_at),
        "url": message.url,
        "deleted": message.deleted_on_network_at is not None,
        "hidden": message.hidden_on_network_at is not None,
    }


def escalation_row(escalation: Escalation) -> list[dict[str, Any]]:
    to = (
        escalation.assigned_to.display_name
        if escalation.assigned_to
        else (escalation.assigned_team.name if escalation.assigned_team else "Nobody designated")
    )
    late = escalation.due_on is not None and escalation.due_on < timezone.localdate()
    due = f"{escalation.due_on:%-d %b %Y}" if escalation.due_on else ""
    link = Markup('<a class="govuk-link" href="{}">{}</a>').format(
        reverse("inbox:escalation", args=[escalation.public_id]), escalation.get_kind_display()
    )
    return [
        {"html": link},
        {"text": escalation.reason[:120]},
        {"text": to},
        {"html": (_tag("Late", "red") + Markup(" ") if late else Markup("")) + escape(due)},
        {"text": escalation.get_status_display()},
    ]
