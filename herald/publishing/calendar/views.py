"""The calendar's pages: month and week views, campaigns, schedules and the falling-short
report, recurring series, and CSV import and export."""

from __future__ import annotations

import base64
import binascii
import datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.context import CouncilContext
from herald.publishing.calendar import csvio, dates, presenters, recurrence, selectors, services
from herald.publishing.calendar.access import CALENDAR_EDITORS, CALENDAR_READERS, plans_calendar
from herald.publishing.calendar.forms import (
    CampaignForm,
    ImportForm,
    NewScheduleForm,
    RecurrenceForm,
    ScheduleForm,
)
from herald.publishing.calendar.selectors import Filters


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


def _show(form: Any, error: DomainError) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error.message)


def _filters(request: HttpRequest) -> Filters:
    return Filters(
        **{key: request.GET.get(key, "")[:80] for key in ("service", "account", "campaign")}
    )


def _filter_context(context: CouncilContext, filters: Filters) -> dict[str, Any]:
    council = context.council
    services_list = council.services.filter(is_active=True).values_list("slug", "name")
    accounts = [
        (str(a.public_id), f"{a.name} ({presenters.NETWORKS.get(a.network, a.network)})")
        for a in selectors.council_accounts(council=council)
    ]
    campaigns = [(str(c.public_id), c.name) for c in selectors.campaigns(council=council)]
    return {
        "filters": filters,
        "service_items": presenters.filter_items(
            services_list, filters.service, everything="All services"
        ),
        "account_items": presenters.filter_items(
            accounts, filters.account, everything="All accounts"
        ),
        "campaign_items": presenters.filter_items(
            campaigns, filters.campaign, everything="All campaigns"
        ),
        "planner": plans_calendar(context),
    }


def _with(filters: Filters, **more: str) -> str:
    return "?" + urlencode({**filters.query, **more})


def _first_week(first: datetime.date) -> datetime.date:
    """The week to open from a month: this week in the current month, else its first week."""
    today = dates.today()
    return today if dates.month_start(today) == first else first


@council_required(*CALENDAR_READERS)
def month(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    filters = _filters(request)
    first = dates.parse_month(request.GET.get("month", "")) or dates.month_start(dates.today())
    last = first.replace(day=dates.days_in_month(first))
    found = selectors.calendar_days(
        council=context.council, first=first, last=last, filters=filters
    )
    previous, following = dates.add_months(first, -1), dates.add_months(first, 1)
    return render(
        request,
        "publishing/calendar/month.jinja",
        {
            "title": f"{first:%B %Y}",
            "days": presenters.days(found, planner=plans_calendar(context)),
            "head": presenters.ENTRY_HEAD,
            "previous": {
                "href": _with(filters, month=f"{previous:%Y-%m}"),
                "label": f"{previous:%B %Y}",
            },
            "next": {
                "href": _with(filters, month=f"{following:%Y-%m}"),
                "label": f"{following:%B %Y}",
            },
            "week_href": _with(filters, week=_first_week(first).isoformat()),
            "export_href": _with(filters, **{"from": first.isoformat(), "to": last.isoformat()}),
            "month_value": f"{first:%Y-%m}",
            **_filter_context(context, filters),
        },
    )


@council_required(*CALENDAR_READERS)
def week(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    filters = _filters(request)
    monday = dates.week_start(dates.parse_day(request.GET.get("week", "")) or dates.today())
    sunday = monday + datetime.timedelta(days=6)
    found = selectors.calendar_days(
        council=context.council, first=monday, last=sunday, filters=filters, every_day=True
    )
    previous, following = monday - datetime.timedelta(weeks=1), monday + datetime.timedelta(weeks=1)
    return render(
        request,
        "publishing/calendar/week.jinja",
        {
            "title": f"Week beginning {monday:%-d %B %Y}",
            "days": presenters.days(found, planner=plans_calendar(context)),
            "head": presenters.ENTRY_HEAD,
            "previous": {
                "href": _with(filters, week=previous.isoformat()),
                "label": f"Week beginning {previous:%-d %B}",
            },
            "next": {
                "href": _with(filters, week=following.isoformat()),
                "label": f"Week beginning {following:%-d %B}",
            },
            "month_href": _with(filters, month=f"{monday:%Y-%m}"),
            "export_href": _with(filters, **{"from": monday.isoformat(), "to": sunday.isoformat()}),
            "week_value": monday.isoformat(),
            **_filter_context(context, filters),
        },
    )


@council_required(*CALENDAR_READERS)
def export(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    today = dates.today()
    first = dates.parse_day(request.GET.get("from", "")) or dates.month_start(today)
    last = dates.parse_day(request.GET.get("to", "")) or first.replace(
        day=dates.days_in_month(first)
    )
    if last < first or (last - first).days > 366:
        last = first + datetime.timedelta(days=min(max((last - first).days, 0), 366))
    body = csvio.export_csv(
        council=context.council, first=first, last=last, filters=_filters(request)
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"calendar-{context.council.slug}-{first.isoformat()}-to-{last.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Campaigns


@council_required(*CALENDAR_READERS)
def campaigns(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    archived = request.GET.get("archived") == "1"
    found = selectors.campaigns(council=context.council, archived=archived)
    return render(
        request,
        "publishing/calendar/campaigns.jinja",
        {
            "rows": presenters.campaign_rows(found),
            "head": presenters.CAMPAIGN_HEAD,
            "archived": archived,
            "planner": plans_calendar(context),
        },
    )


@council_required(*CALENDAR_READERS)
def campaign(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.campaign(council=context.council, public_id=public_id)
    return render(
        request,
        "publishing/calendar/campaign.jinja",
        {
            "campaign": found,
            "summary": presenters.campaign_summary(found),
            "rows": presenters.campaign_post_rows(selectors.campaign_posts(campaign=found)),
            "head": presenters.CAMPAIGN_POSTS_HEAD,
            "planner": plans_calendar(context),
        },
    )


@council_required(*CALENDAR_EDITORS)
def campaign_new(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = CampaignForm(request.POST or None, council=context.council)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.create_campaign(
                council=context.council, details=form.details(), actor=_actor(request)
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Created the campaign {made.name}")
            return redirect("publishing:calendar_campaign", public_id=made.public_id)
    return render(
        request,
        "publishing/calendar/form.jinja",
        {
            "form": form,
            "title": "Create a campaign",
            "button": "Create campaign",
            "back": "publishing:calendar_campaigns",
        },
    )


@council_required(*CALENDAR_EDITORS)
def campaign_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.campaign(council=context.council, public_id=public_id)
    form = CampaignForm(
        request.POST or None, initial=CampaignForm.initial_for(found), council=context.council
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_campaign(campaign=found, details=form.details(), actor=_actor(request))
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Saved the changes to {found.name}")
            return redirect("publishing:calendar_campaign", public_id=found.public_id)
    return render(
        request,
        "publishing/calendar/form.jinja",
        {"form": form, "title": f"Change {found.name}", "button": "Save changes"},
    )


@require_POST
@council_required(*CALENDAR_EDITORS)
def campaign_archive(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.campaign(council=context.council, public_id=public_id)
    restoring = request.POST.get("restore") == "1"
    try:
        if restoring:
            services.restore_campaign(campaign=found, actor=_actor(request))
        else:
            services.archive_campaign(campaign=found, actor=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{'Restored' if restoring else 'Archived'} {found.name}")
    return redirect("publishing:calendar_campaign", public_id=found.public_id)


# Schedules and the falling-short report


@council_required(*CALENDAR_READERS)
def schedules(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    try:
        weeks = min(max(int(request.GET.get("weeks", "4")), 1), 12)
    except ValueError:
        weeks = 4
    now = timezone.now()
    rows = services.falling_short_report(council=context.council, weeks=weeks, now=now)
    rows = services.with_next_slots(rows, now=now)
    inactive = [s for s in selectors.schedules(council=context.council) if not s.is_active]
    planner = plans_calendar(context)
    return render(
        request,
        "publishing/calendar/schedules.jinja",
        {
            "rows": presenters.shortfall_rows(rows, editable=planner),
            "head": presenters.SHORTFALL_HEAD,
            "short": sum(1 for row in rows if row.falling_short),
            "weeks": weeks,
            "inactive": inactive,
            "planner": planner,
        },
    )


@council_required(*CALENDAR_EDITORS)
def schedule_new(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    taken = {s.account_id for s in selectors.schedules(council=context.council)}
    accounts = {
        str(a.public_id): a
        for a in selectors.council_accounts(council=context.council)
        if a.pk not in taken
    }
    choices = [
        (
            key,
            f"{a.name} ({presenters.NETWORKS.get(a.network, a.network)}, {a.get_kind_display().lower()})",
        )
        for key, a in accounts.items()
    ]
    form = NewScheduleForm(request.POST or None, accounts=choices)
    if request.method == "POST" and form.is_valid():
        try:
            slots = services.parse_slots(form.cleaned_data["slots"])
            made = services.set_schedule(
                account=accounts[form.cleaned_data["account"]],
                target_per_week=form.cleaned_data["target_per_week"],
                slots=slots,
                is_active=form.cleaned_data["is_active"],
                actor=_actor(request),
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Set the publishing schedule of {made.account.name}")
            return redirect("publishing:calendar_schedules")
    return render(
        request,
        "publishing/calendar/form.jinja",
        {
            "form": form,
            "title": "Set an account's publishing schedule",
            "button": "Save schedule",
            "back": "publishing:calendar_schedules",
        },
    )


@council_required(*CALENDAR_EDITORS)
def schedule_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.schedule(council=context.council, public_id=public_id)
    initial = {
        "target_per_week": found.target_per_week,
        "slots": services.slots_text(found),
        "is_active": found.is_active,
    }
    form = ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            slots = services.parse_slots(form.cleaned_data["slots"])
            services.set_schedule(
                account=found.account,
                target_per_week=form.cleaned_data["target_per_week"],
                slots=slots,
                is_active=form.cleaned_data["is_active"],
                actor=_actor(request),
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Saved the publishing schedule of {found.account.name}")
            return redirect("publishing:calendar_schedules")
    return render(
        request,
        "publishing/calendar/form.jinja",
        {
            "form": form,
            "title": f"Publishing schedule of {found.account.name}",
            "button": "Save schedule",
            "back": "publishing:calendar_schedules",
        },
    )


# Recurring series


@council_required(*CALENDAR_READERS)
def recurrences(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    found = list(selectors.recurrences(council=context.council)[:200])
    originals = selectors.series_originals(council=context.council, series=found)
    return render(
        request,
        "publishing/calendar/recurrences.jinja",
        {
            "rows": presenters.recurrence_rows(found, originals, editable=plans_calendar(context)),
            "head": presenters.RECURRENCE_HEAD,
        },
    )


@council_required(*CALENDAR_EDITORS)
def post_repeat(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.post(council=context.council, public_id=public_id)
    form = RecurrenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recurrence.make_recurring(
                post=found,
                frequency=form.cleaned_data["frequency"],
                interval=form.cleaned_data["interval"],
                ends_on=form.cleaned_data["ends_on"],
                actor=_actor(request),
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"{found.title} now repeats")
            return redirect("publishing:calendar_recurrences")
    return render(
        request,
        "publishing/calendar/form.jinja",
        {
            "form": form,
            "title": f"Repeat {found.title}",
            "lede": f"It goes out first on {presenters.when_text(found.scheduled_for)}. "
            "Each repeat is drafted four weeks ahead and is approved like any other post.",
            "button": "Repeat this post",
            "back": "publishing:calendar_recurrences",
        },
    )


@council_required(*CALENDAR_EDITORS)
def recurrence_stop(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    found = selectors.recurrence(council=context.council, public_id=public_id)
    original = selectors.series_original(found)
    if request.method == "POST":
        try:
            left = recurrence.stop_series(series=found, actor=_actor(request))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            note = (
                f" {left} future post{'s' if left != 1 else ''} already submitted or approved "
                "still need a decision."
                if left
                else ""
            )
            messages.success(request, f"Stopped the series: its future drafts are withdrawn.{note}")
        return redirect("publishing:calendar_recurrences")
    return render(
        request,
        "publishing/calendar/stop.jinja",
        {
            "series": found,
            "title": original.title if original else "this series",
            "describe": recurrence.describe(found),
        },
    )


# Import


@council_required(*CALENDAR_EDITORS)
def import_calendar(request: HttpRequest) -> HttpResponse:
    """Upload → every row checked (a per-row report; nothing created on any problem) → a
    preview of the drafts it would create → confirm (checked again, then created)."""
    context = current_context(request)
    posted = request.method == "POST"
    confirming = posted and "content" in request.POST
    form = ImportForm(request.POST, request.FILES) if posted and not confirming else ImportForm()
    problems = None
    if confirming:
        try:
            content = base64.b64decode(request.POST.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            content = b""
        file_name = request.POST.get("file_name", "")[:200]
        result = csvio.import_calendar(
            council=context.council,
            content=content,
            author=context.membership.user,
            actor=_actor(request),
            file_name=file_name,
        )
        if not result.errors:
            count = len(result.created)
            messages.success(
                request, f"Created {count} draft post{'s' if count != 1 else ''} from {file_name}"
            )
            return redirect("publishing:calendar")
        problems = presenters.problem_rows(result.errors)
    elif posted and form.is_valid():
        upload = form.cleaned_data["file"]
        content, file_name = upload.read(), upload.name or ""
        result = csvio.check_import(council=context.council, content=content)
        if not result.errors:
            return render(
                request,
                "publishing/calendar/import_preview.jinja",
                {
                    "rows": presenters.import_rows(result.planned),
                    "head": presenters.IMPORT_HEAD,
                    "count": len(result.planned),
                    "content": base64.b64encode(content).decode(),
                    "file_name": file_name,
                },
            )
        problems = presenters.problem_rows(result.errors)
        form.add_error(
            "file",
            f"The file has {len(result.errors)} problem{'s' if len(result.errors) != 1 else ''}: nothing has been imported",
        )
    return render(
        request,
        "publishing/calendar/import.jinja",
        {
            "form": form,
            "problems": problems,
            "problem_head": presenters.PROBLEM_HEAD,
            "columns": csvio.IMPORT_COLUMNS,
        },
    )
