from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from herald.audit import selectors
from herald.audit.forms import AuditFilterForm
from herald.audit.presenters import AuditListPage
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role


@council_required(Role.COUNCIL_ADMIN)
def event_list(request: HttpRequest) -> HttpResponse:
    """Administrators browse and filter the council's audit trail; nobody can change it."""
    context = current_context(request)
    form = AuditFilterForm(
        request.GET or None, actions=selectors.audit_actions(council=context.council)
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = selectors.audit_events(
        council=context.council,
        action=filters.get("action", ""),
        actor_text=filters.get("actor", ""),
        target_text=filters.get("target", ""),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request, "audit/event_list.jinja", {"form": form, "page": AuditListPage(page=page)}
    )
