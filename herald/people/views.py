from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.paging import CountedPaginator
from herald.councils.access import council_required, current_context
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.people import selectors, services
from herald.people.forms import StaffImportForm
from herald.people.importing import RowError
from herald.people.presenters import (
    LIST_FIELDS,
    ImportErrors,
    ImportPreview,
    StaffListPage,
    import_done_message,
    staff_summary_rows,
)
from herald.people.selectors import STAFF_VIEWERS

STAFF_IMPORTERS = (Role.HR, Role.COUNCIL_ADMIN)


@council_required(*STAFF_VIEWERS)
def staff_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    search = request.GET.get("q", "")[:100]
    staff = selectors.staff_list(council=context.council, search=search)
    rows = staff.values(*LIST_FIELDS)
    # Unsearched, the total is the home page's current-staff figure, already counted and cached.
    paginator = (
        Paginator(rows, 50)
        if search
        else CountedPaginator(
            rows, 50, count=selectors.staff_counts(council=context.council)["current"]
        )
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request, "people/staff_list.jinja", {"page": StaffListPage(page=page, search=search)}
    )


@council_required(*STAFF_VIEWERS, Role.LINE_MANAGER)
def staff_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    member = selectors.visible_staff_member(context=context, public_id=public_id)
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


def _actor(request: HttpRequest, context: CouncilContext) -> Actor:
    return Actor(user=context.membership.user, ip_address=client_ip(request))


@council_required(*STAFF_IMPORTERS)
def import_staff(request: HttpRequest) -> HttpResponse:
    """Upload an HR file; a file with problems is reported row by row and nothing is kept."""
    context = current_context(request)
    posted = request.method == "POST"
    form = StaffImportForm(request.POST, request.FILES) if posted else StaffImportForm()
    problems = None
    if posted and form.is_valid():
        upload, missing = form.cleaned_data["file"], form.cleaned_data["mark_missing_as_leavers"]
        content = upload.read()
        result = services.import_staff(
            council=context.council,
            content=content,
            actor=_actor(request, context),
            dry_run=True,
            mark_missing_as_leavers=missing,
        )
        if not result.errors:
            pending = services.start_staff_import(
                council=context.council,
                user=context.membership.user,
                file_name=upload.name or "",
                content=content,
                mark_missing_as_leavers=missing,
            )
            return redirect("people:import_preview", public_id=pending.public_id)
        problems = _report_problems(form, result.errors)
    return render(request, "people/import.jinja", {"form": form, "problems": problems})


def _report_problems(form: StaffImportForm, errors: list[RowError]) -> ImportErrors | None:
    """Problems with the file as a whole go on the field; problems in rows get a table."""
    if all((error.row or 0) <= 1 for error in errors):
        for error in errors:
            form.add_error("file", error.message)
        return None
    problems = ImportErrors(errors=errors)
    form.add_error("file", problems.summary_text)
    return problems


@council_required(*STAFF_IMPORTERS)
def import_preview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Show what an uploaded file will change; confirming applies exactly that."""
    context = current_context(request)
    pending = selectors.pending_staff_import(
        council=context.council,
        user=context.membership.user,
        public_id=public_id,
    )
    notice = ""
    if request.method == "POST":
        try:
            result = services.confirm_staff_import(
                pending=pending,
                actor=_actor(request, context),
                expected_digest=request.POST.get("digest", ""),
            )
        except services.ImportPlanChanged as changed:
            notice = changed.message
        else:
            if not result.errors:
                messages.success(request, import_done_message(result))
                return redirect("people:list")
    result = services.import_staff(
        council=context.council,
        content=bytes(pending.content),
        actor=_actor(request, context),
        mark_missing_as_leavers=pending.mark_missing_as_leavers,
        dry_run=True,
    )
    return render(
        request,
        "people/import_preview.jinja",
        {
            "pending": pending,
            "notice": notice,
            "preview": ImportPreview(result=result, file_name=pending.file_name),
            "problems": ImportErrors(errors=result.errors) if result.errors else None,
        },
    )
