"""Committee reports: a draft is created for a period, its author's sections edited, then it is
finalised: the HTML and PDF are stored with a hash and never change again."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.core.transitions import TransitionNotAllowed, move_status, start_history
from herald.programme import workflow
from herald.programme.models import Report, ReportStatusChange
from herald.programme.periods import Period
from herald.programme.report.content import Content, build_content
from herald.programme.report.render import content_hash, render_body, render_document, render_pdf
from herald.programme.report.sections import KEYS, starting_sections

if TYPE_CHECKING:
    from herald.councils.models import Council

MAX_DAYS = 3 * 366


class BadPeriod(DomainError):
    code = "bad_period"


class ReportFrozen(DomainError):
    code = "report_frozen"


def check_period(*, period_from: datetime.date, period_to: datetime.date) -> Period:
    if period_to < period_from:
        raise BadPeriod("The end of the period must be on or after its start.")
    if (period_to - period_from).days > MAX_DAYS:
        raise BadPeriod("A report can cover at most three years.")
    return Period(start=period_from, end=period_to)


@transaction.atomic
def create_report(
    *,
    council: Council,
    period_from: datetime.date,
    period_to: datetime.date,
    actor: Actor,
    title: str = "",
) -> Report:
    """A new draft for the period, its sections started with what Herald can write."""
    period = check_period(period_from=period_from, period_to=period_to)
    report = Report.objects.create(
        council=council,
        title=title.strip() or "Social media policy: implementation report",
        period_from=period_from,
        period_to=period_to,
        sections=starting_sections(council_name=council.name, period=period),
        created_by=actor.user,
        status_changed_at=timezone.now(),
    )
    start_history(
        obj=report, history=ReportStatusChange, actor_user=actor.user, actor_label=actor.display
    )
    record(
        council=council,
        actor=actor,
        action="programme.report_created",
        target=report,
        summary=f"Drafted a committee report for {period.label}",
    )
    return report


@transaction.atomic
def edit_report(*, report: Report, title: str, sections: dict[str, str], actor: Actor) -> Report:
    """Change a draft's title and author's sections; a finalised report cannot change."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != Report.Status.DRAFT:
        raise ReportFrozen("This report has been finalised and can no longer be changed.")
    before = dict(locked.sections)
    after = {key: str(sections.get(key, before.get(key)) or "").strip() for key in KEYS}
    changed = sorted(k for k in KEYS if before.get(k, "") != after[k])
    locked.title = title.strip() or locked.title
    locked.sections = after
    locked.save(update_fields=["title", "sections", "updated_at"])
    record(
        council=locked.council,
        actor=actor,
        action="programme.report_edited",
        target=locked,
        summary="Edited the report's sections",
        changes={"sections": changed},
    )
    return locked


def report_content(*, report: Report, today: datetime.date | None = None) -> Content:
    return build_content(
        council=report.council,
        period=Period(start=report.period_from, end=report.period_to),
        title=report.title,
        sections=report.sections,
        today=today or timezone.localdate(),
    )


def finalise_report(*, report: Report, actor: Actor, note: str = "") -> Report:
    """Freeze the report: its HTML and PDF as the committee will read them, with their hash."""
    report.refresh_from_db()  # the sections as saved, not as this copy last saw them
    if not workflow.allowed(report.status, Report.Status.FINAL):
        raise TransitionNotAllowed("This report has already been finalised.")
    # The PDF is drawn outside the transaction: it takes seconds and needs no lock.
    content = report_content(report=report)
    body = render_body(content)
    pdf = render_pdf(render_document(content, body=body))
    with transaction.atomic():
        move_status(
            obj=report,
            to_status=Report.Status.FINAL,
            history=ReportStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note,
            status_changed_at=timezone.now(),
            final_html=body,
            final_pdf=pdf,
            content_hash=content_hash(body, pdf),
            finalised_at=timezone.now(),
        )
        record(
            council=report.council,
            actor=actor,
            action="programme.report_finalised",
            target=report,
            summary=f"Finalised the report ({len(pdf):,} bytes of PDF)",
            changes={"content_hash": report.content_hash},
        )
    return report


def report_pdf(*, report: Report) -> bytes:
    """The stored PDF of a finalised report, or a fresh one drawn from a draft."""
    if report.status == Report.Status.FINAL:
        return bytes(report.final_pdf)
    return render_pdf(render_document(report_content(report=report)))
