"""Usage pages: the aggregate report, HR's person view, alerts for ICT, the quarterly review."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.network import selectors, services
from herald.network.forms import DateRangeForm, GrantForm, SettingsForm
from herald.network.review import quarterly_review
from herald.network.selectors import (
    ALERT_READERS,
    PERSON_VIEWERS,
    POLICY_READERS,
    USAGE_READERS,
)
from herald.network.usage import Row, UsageReport, from_database
from herald.network.views.common import actor_for, cell, head, megabytes, show_error

CHART_WIDTH, CHART_HEIGHT = 640, 200


def _chart(report: UsageReport, days: list[datetime.date]) -> dict[str, object]:
    """Bars for requests a day (blocked in a second colour), as SVG geometry."""
    most = max((report.days.get(day, Row()).requests for day in days), default=0) or 1
    slot = CHART_WIDTH / max(len(days), 1)
    bars = []
    for index, day in enumerate(days):
        row = report.days.get(day, Row())
        height = round(row.requests / most * (CHART_HEIGHT - 30), 1)
        blocked = round(row.blocked / most * (CHART_HEIGHT - 30), 1)
        x = round(index * slot + slot * 0.15, 1)
        bars.append(
            {
                "x": x,
                "width": round(slot * 0.7, 1),
                "y": CHART_HEIGHT - 20 - height,
                "height": height,
                "blocked_y": CHART_HEIGHT - 20 - blocked,
                "blocked_height": blocked,
                "label": f"{day:%a %-d}",
                "label_x": round(x + slot * 0.35, 1),
                "title": f"{day:%A %-d %B}: {row.requests} requests, {row.blocked} blocked",
            }
        )
    return {"width": CHART_WIDTH, "height": CHART_HEIGHT, "bars": bars, "most": most}


def _table(
    table: dict[str, dict[datetime.date, Row]], days: list[datetime.date]
) -> list[list[dict[str, object]]]:
    rows = []
    for name in sorted(table, key=lambda key: -sum(r.requests for r in table[key].values())):
        per_day = table[name]
        total = sum(row.requests for row in per_day.values())
        blocked = sum(row.blocked for row in per_day.values())
        size = sum(row.bytes for row in per_day.values())
        rows.append(
            [
                cell(name),
                *[cell(per_day.get(day, Row()).requests, numeric=True) for day in days],
                cell(total, numeric=True),
                cell(blocked, numeric=True),
                cell(megabytes(size), numeric=True),
            ]
        )
    return rows


@council_required(*USAGE_READERS)
def report(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    today = timezone.localdate()
    form = DateRangeForm(request.GET or None)
    start, end = today - datetime.timedelta(days=6), today
    if request.GET and form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    if start > end:
        start, end = end, start
    usage = from_database(council=council, start=start, end=end)
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    shown_days = days[-14:]  # the chart and tables show the last 14 days of the range
    day_heads = [f"{day:%a %-d %b}" for day in shown_days]
    numeric = tuple(range(1, len(shown_days) + 4))
    total = usage.total
    return render(
        request,
        "network/usage.jinja",
        {
            "form": form,
            "start": start,
            "end": end,
            "total": total,
            "total_mb": megabytes(total.bytes),
            "chart": _chart(usage, shown_days),
            "day_head": head("Day", "Requests", "Blocked", "Data", numeric=(1, 2, 3)),
            "day_rows": [
                [
                    cell(f"{day:%A %-d %B %Y}"),
                    cell(usage.days.get(day, Row()).requests, numeric=True),
                    cell(usage.days.get(day, Row()).blocked, numeric=True),
                    cell(megabytes(usage.days.get(day, Row()).bytes), numeric=True),
                ]
                for day in days
            ],
            "range_head": head("Category", *day_heads, "Total", "Blocked", "Data", numeric=numeric),
            "category_rows": _table(usage.by_category, shown_days),
            "service_head": head(
                "Service", *day_heads, "Total", "Blocked", "Data", numeric=numeric
            ),
            "service_rows": _table(usage.by_service, shown_days),
            "domain_head": head(
                "Domain", "Category", "Requests", "Blocked", "Data", numeric=(2, 3, 4)
            ),
            "domain_rows": [
                [
                    cell(domain),
                    cell(category),
                    cell(row.requests, numeric=True),
                    cell(row.blocked, numeric=True),
                    cell(megabytes(row.bytes), numeric=True),
                ]
                for domain, category, row in usage.top_domains()
            ],
            "blocked_rows": [
                [cell(name), cell(row.blocked, numeric=True)]
                for name, row in usage.totals_by(usage.by_category)
                if row.blocked
            ],
            "blocked_head": head("Category", "Blocked attempts", numeric=(1,)),
            "can_see_person": current_context(request).has_any(*PERSON_VIEWERS),
            "can_see_alerts": current_context(request).has_any(*ALERT_READERS),
        },
    )


@council_required(*PERSON_VIEWERS)
def people(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    posted = request.method == "POST"
    form = GrantForm(request.POST if posted else None, council=context.council)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.grant_person_view(
                council=context.council,
                user=context.membership.user,
                staff_member=data["staff_member"],
                case_reference=data["case_reference"],
                reason=data["reason"],
                days=data["days"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            return redirect("network:person", public_id=grant.public_id)
    now = timezone.now()
    grants = [
        {"grant": grant, "live": grant.expires_at > now}
        for grant in selectors.grants_for(context.council, context.membership.user)[:50]
    ]
    return render(request, "network/people.jinja", {"form": form, "grants": grants})


@council_required(*PERSON_VIEWERS)
def person(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    grant = selectors.live_grant(context.council, context.membership.user, public_id)
    services.record_person_view(grant=grant, actor=actor_for(request))
    rows = [
        [
            cell(f"{timezone.localtime(item.at):%-d %b %Y %H:%M}"),
            cell(item.domain),
            cell(item.category or "Uncategorised"),
            cell("Blocked" if item.blocked else "Allowed"),
            cell(megabytes(item.bytes), numeric=True),
        ]
        for item in selectors.person_activity(grant)[:500]
    ]
    return render(
        request,
        "network/person.jinja",
        {
            "grant": grant,
            "rows": rows,
            "head": head("When", "Domain", "Category", "Result", "Data", numeric=(4,)),
        },
    )


@council_required(*ALERT_READERS)
def alerts(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request, "network/alerts.jinja", {"alerts": list(selectors.alerts(council)[:200])}
    )


@require_POST
@council_required(*ALERT_READERS)
def acknowledge(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    alert = selectors.alerts(council).filter(public_id=public_id).first()
    if alert is None:
        from django.http import Http404  # noqa: PLC0415

        raise Http404
    services.acknowledge_alert(alert=alert, actor=actor_for(request))
    messages.success(request, "Alert acknowledged")
    return redirect("network:alerts")


@council_required(*ALERT_READERS)
def settings_page(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    current = services.settings_for(council)
    posted = request.method == "POST"
    initial = {
        "retention_days": current.retention_days,
        "blocked_alert_threshold": current.blocked_alert_threshold,
        "spike_factor": current.spike_factor,
    }
    form = SettingsForm(request.POST) if posted else SettingsForm(initial=initial)
    if posted and form.is_valid():
        try:
            services.update_settings(council=council, actor=actor_for(request), **form.cleaned_data)
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Monitoring settings saved")
            return redirect("network:alerts")
    return render(
        request,
        "network/form.jinja",
        {
            "form": form,
            "title": "Monitoring settings",
            "lede": "How long Herald keeps raw proxy logs, and when it alerts ICT.",
            "button": "Save the settings",
            "back": ("/network/alerts/", "Network alerts"),
        },
    )


@council_required(*POLICY_READERS)
def review(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    found = quarterly_review(council=council)
    return render(
        request,
        "network/review.jinja",
        {
            "review": found,
            "expiring_head": head("Group", "Category", "Action", "Expires", "Business reason"),
            "expiring_rows": [
                [
                    cell(item.group.name),
                    cell(item.category.name),
                    cell(item.get_action_display()),
                    cell(f"{item.expires_on:%-d %B %Y}"),
                    cell(item.business_reason),
                ]
                for item in found.expiring
            ],
            "use_head": head(
                "Category", "Action", "Requests", "Blocked", "Data", numeric=(2, 3, 4)
            ),
            "use_rows": [
                [
                    cell(use.category.name),
                    cell(use.category.get_action_display()),
                    cell(use.requests, numeric=True),
                    cell(use.blocked, numeric=True),
                    cell(megabytes(use.bytes), numeric=True),
                ]
                for use in found.categories
            ],
        },
    )


def warn(request: HttpRequest) -> HttpResponse:
    """Where Squid sends the first visit to a site in a "warn" category (no sign-in needed)."""
    target = request.GET.get("url", "")
    parts = urlsplit(target)
    safe = parts.scheme in {"http", "https"} and bool(parts.netloc) and len(target) <= 2000
    return render(
        request,
        "network/warn.jinja",
        {"target": target if safe else "", "host": parts.hostname if safe else ""},
    )
