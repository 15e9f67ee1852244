"""The access review pages: the whole council's for HR, ICT and the digital team; a manager's team."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from herald.councils.access import council_required, current_context
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.estate import access_display, selectors
from herald.estate.access import FLAGS, REVIEWERS, Holder, access_review
from herald.estate.presenters import filter_items
from herald.people.selectors import direct_reports


def _filters(request: HttpRequest) -> dict[str, str]:
    flag = request.GET.get("flag", "")
    return {"service": request.GET.get("service", "")[:80], "flag": flag if flag in FLAGS else ""}


def _holders(context: CouncilContext, filters: dict[str, str], team: bool) -> list[Holder]:
    only: set[int] | None = None
    if team:
        manager = context.membership.staff_member
        if manager is None:
            raise PermissionDenied
        only = set(direct_reports(manager=manager).values_list("pk", flat=True))
    return access_review(
        council=context.council,
        today=timezone.localdate(),
        only_staff=only,
        service_slug=filters["service"],
        flag=filters["flag"],
    )


def _page(request: HttpRequest, *, team: bool) -> HttpResponse:
    context = current_context(request)
    filters = _filters(request)
    holders = _holders(context, filters, team)
    if request.GET.get("download") == "csv":
        return _csv(holders, "team-access.csv" if team else "access-review.csv")
    services_list = context.council.services.filter(is_active=True).values_list("slug", "name")
    return render(
        request,
        "estate/access.jinja",
        {
            "team": team,
            "manages": context.has_any(Role.LINE_MANAGER),
            "holders": holders,
            "rows": access_display.table_rows(holders, link=selectors.sees_whole_estate(context)),
            "head": access_display.HEAD,
            "filters": filters,
            "service_items": filter_items(
                services_list, filters["service"], everything="All services"
            ),
            "flag_items": access_display.flag_items(filters["flag"]),
        },
    )


def _csv(holders: list[Holder], name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerows(access_display.csv_rows(holders))
    return response


@council_required(*REVIEWERS)
def review(request: HttpRequest) -> HttpResponse:
    """Everyone's publishing roles and account positions, with what needs a second look."""
    return _page(request, team=False)


@council_required(Role.LINE_MANAGER)
def team(request: HttpRequest) -> HttpResponse:
    """A line manager's direct reports: who holds which rights on which accounts (issue 9)."""
    return _page(request, team=True)
