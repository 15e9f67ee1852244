from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils import selectors, services
from herald.councils.access import council_required, current_context
from herald.councils.forms import ChooseCouncilForm, MemberRolesForm
from herald.councils.middleware import COUNT_SESSION_KEY, SESSION_KEY
from herald.councils.presenters import MemberListPage, member_summary_rows
from herald.councils.roles import Role


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    """A person with memberships in several councils chooses which one they are working in."""
    memberships = list(selectors.memberships_for_user(user=request.user))  # type: ignore[arg-type]
    data = request.POST if request.method == "POST" else None
    form = ChooseCouncilForm(data, memberships=memberships)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["council"].council_id
        request.session[COUNT_SESSION_KEY] = len(memberships)
        return redirect("home:home")
    return render(request, "councils/choose.jinja", {"form": form, "memberships": memberships})


@council_required(Role.COUNCIL_ADMIN)
def member_list(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    search = request.GET.get("q", "")[:100]
    members = selectors.council_memberships(council=context.council, search=search)
    page = Paginator(members, 50).get_page(request.GET.get("page"))
    return render(
        request, "councils/member_list.jinja", {"page": MemberListPage(page=page, search=search)}
    )


@council_required(Role.COUNCIL_ADMIN)
def member_roles(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """An administrator sets which roles a member holds; each change is audited."""
    context = current_context(request)
    membership = selectors.council_membership(council=context.council, public_id=public_id)
    current = [a.role for a in membership.role_assignments.all()]
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = MemberRolesForm(data, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        actor = Actor(user=request.user, ip_address=client_ip(request))  # type: ignore[arg-type]
        try:
            services.set_roles(membership=membership, roles=form.cleaned_data["roles"], actor=actor)
        except DomainError as error:
            form.add_error("roles", error.message)
        else:
            messages.success(request, f"Roles updated for {membership.user}")
            return redirect("councils:members")
    return render(
        request,
        "councils/member_roles.jinja",
        {"form": form, "membership": membership, "summary_rows": member_summary_rows(membership)},
    )


@council_required(Role.COUNCIL_ADMIN, Role.HR)
def organisation(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    service_list = selectors.services_with_teams(council=context.council)
    return render(request, "councils/organisation.jinja", {"services": service_list})
