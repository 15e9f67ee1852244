"""Restricted conduct and performance records: opened, advised on, closed, erased on schedule.

Who may see or act is decided by ``herald.learning.conduct_access`` (views 404 everyone else);
the services keep the rules that hold whoever calls them, and audit every view and change.
Audit summaries never carry the record's content: the audit log outlives erasure.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.core.errors import DomainError
from herald.core.transitions import move_status, start_history
from herald.learning import workflow
from herald.learning.models import (
    ConductNote,
    ConductRecord,
    ConductRecordStatusChange,
    LearningSettings,
)
from herald.learning.services.errors import NotInThisCouncil, TransitionNotAllowed

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember

Status = ConductRecord.Status


class NotTheirLineManager(DomainError):
    code = "not_their_line_manager"


class RecordErased(DomainError):
    code = "record_erased"


class InvalidRetention(DomainError):
    code = "invalid_retention"


def learning_settings(*, council: Council) -> LearningSettings:
    """The council's learning settings, made with the defaults the first time."""
    found, _ = LearningSettings.objects.get_or_create(council=council)
    return found


@transaction.atomic
def set_conduct_retention(*, council: Council, months: int, actor: Actor) -> LearningSettings:
    if not 1 <= months <= 120:
        raise InvalidRetention("Retention must be between 1 and 120 months.")
    current = learning_settings(council=council)
    before = current.conduct_retention_months
    current.conduct_retention_months = months
    current.save(update_fields=["conduct_retention_months", "updated_at"])
    record(
        council=council,
        actor=actor,
        action="learning.conduct_retention_set",
        summary=f"Conduct records are kept for {months} months after closure",
        changes={"conduct_retention_months": [before, months]},
    )
    return current


@transaction.atomic
def open_conduct_record(
    *,
    council: Council,
    staff_member: StaffMember,
    raised_by: StaffMember,
    kind: str,
    summary: str,
    occurred_on: datetime.date,
    actor: Actor,
) -> ConductRecord:
    """The person's line manager records a matter about their social media use."""
    if staff_member.council_id != council.pk:
        raise NotInThisCouncil("That person does not work for this council.")
    if staff_member.line_manager_id != raised_by.pk:
        raise NotTheirLineManager("Only the person's line manager can record a matter.")
    if occurred_on > timezone.localdate():
        raise DomainError("The date it happened must be today or in the past.")
    matter = council.conduct_records.create(
        staff_member=staff_member,
        kind=kind,
        summary=summary,
        occurred_on=occurred_on,
        raised_by=raised_by,
    )
    start_history(
        obj=matter,
        history=ConductRecordStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
    )
    record(
        council=council,
        actor=actor,
        action="learning.conduct_record_opened",
        summary=f"Opened a restricted {matter.get_kind_display().lower()} record",
        target=matter,
    )
    return matter


@transaction.atomic
def add_advice_note(*, matter: ConductRecord, body: str, actor: Actor) -> ConductNote:
    """HR's advice, appended to the record (never edited)."""
    if matter.status == Status.ERASED:
        raise RecordErased("This record has been erased under the retention rule.")
    note = matter.notes.create(author=actor.user, author_label=actor.display[:200], body=body)
    record(
        council=matter.council,
        actor=actor,
        action="learning.conduct_note_added",
        summary="Added HR advice to a restricted record",
        target=matter,
    )
    return note


def close_conduct_record(*, matter: ConductRecord, outcome: str, actor: Actor) -> ConductRecord:
    """Record the outcome and close; the retention period runs from now."""
    _move(
        matter=matter,
        to_status=Status.CLOSED,
        actor=actor,
        outcome=outcome,
        closed_at=timezone.now(),
        closed_by=actor.user,
    )
    return matter


def record_conduct_view(*, matter: ConductRecord, actor: Actor) -> None:
    """Every look at a record is itself on the record."""
    record(
        council=matter.council,
        actor=actor,
        action="learning.conduct_record_viewed",
        summary="Viewed a restricted record",
        target=matter,
    )


def erase_expired_conduct_records(*, council: Council, now: datetime.datetime | None = None) -> int:
    """Blank the content of records closed longer ago than the council's retention period;
    the rows stay, so the fact a record existed (and when it was erased) can still be told."""
    moment = now or timezone.now()
    months = learning_settings(council=council).conduct_retention_months
    cutoff = months_before(moment, months)
    due = council.conduct_records.filter(status=Status.CLOSED, closed_at__lte=cutoff)
    erased = 0
    for matter in due:
        statement = (
            f"Erased on {moment:%-d %B %Y} under the council's retention rule "
            f"({months} months after closure)."
        )
        with transaction.atomic():
            _move(
                matter=matter,
                to_status=Status.ERASED,
                actor=SYSTEM,
                summary=statement,
                outcome=statement,
                erased_at=moment,
            )
            matter.notes.update(body=statement)
        erased += 1
    return erased


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """``moment`` less whole calendar months (the 31st becomes the month's last day)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last_day = (
        datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)
    ).day
    return moment.replace(year=year, month=month, day=min(moment.day, last_day))


@transaction.atomic
def _move(*, matter: ConductRecord, to_status: str, actor: Actor, **fields: Any) -> None:
    if not workflow.can_move_conduct(from_status=matter.status, to_status=to_status):
        raise TransitionNotAllowed(
            f"A record that is {matter.get_status_display().lower()} cannot become {to_status}."
        )
    from_status = move_status(
        obj=matter,
        to_status=to_status,
        history=ConductRecordStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        meanwhile="Someone else changed this record. Reload the page.",
        **fields,
    )
    record(
        council=matter.council,
        actor=actor,
        action=f"learning.conduct_record_{to_status}",
        summary=f"Restricted record: {from_status} to {to_status}",
        target=matter,
        changes={"status": [from_status, to_status]},
    )
