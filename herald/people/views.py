from uuid import UUID

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.people import selectors
from herald.people.presenters import StaffListPage, staff_summary_rows

STAFF_VIEWERS = (Role.HR, Role.COUNCIL_ADMIN, Role.DIGITAL_TEAM)


@council_required(*STAFF_VIEWERS)
def staff_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    search = request.GET.get("q", "")[:100]
    staff = selectors.staff_list(council=context.council, search=search)
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    return render(
        request, "people/staff_list.jinja", {"page": StaffListPage(page=page, search=search)}
    )


@council_required(*STAFF_VIEWERS, Role.LINE_MANAGER)
def staff_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    member = selectors.staff_member(council=context.council, public_id=public_id)
    if not context.has_any(*STAFF_VIEWERS):
        # A line manager sees only the people they manage.
        own = context.membership.staff_member
        if own is None or member.line_manager_id != own.pk:
            raise Http404
    return render(
        request,
        "people/staff_detail.jinja",
        {"member": member, "summary_rows": staff_summary_rows(member)},
    )


@council_required(Role.LINE_MANAGER)
def my_team(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    manager = context.membership.staff_member
    if manager is None:  # the line manager role comes from a staff record, so this is a 404
        raise Http404
    reports = selectors.direct_reports(manager=manager)
    return render(request, "people/my_team.jinja", {"manager": manager, "reports": reports})
