"""The register: the list, one account, adding and editing, access, status and recertifying."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.estate import presenters, selectors, services
from herald.estate.forms import AccessForm, AccountForm, OwnerAccountForm, StatusForm
from herald.estate.selectors import ESTATE_MANAGERS, REGISTER_ROLES
from herald.estate.views.common import actor_for, require_manager, show_error


@council_required(*REGISTER_ROLES)
def register(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    filters = {key: request.GET.get(key, "")[:80] for key in ("service", "network", "status", "q")}
    accounts = selectors.visible_accounts(
        context=context,
        service_slug=filters["service"],
        network=filters["network"],
        status=filters["status"],
        search=filters["q"],
    )
    page = Paginator(accounts, 50).get_page(request.GET.get("page"))
    services_list = context.council.services.filter(is_active=True).values_list("slug", "name")
    return render(
        request,
        "estate/register.jinja",
        {
            "page": page,
            "rows": presenters.register_rows(page.object_list),
            "head": presenters.REGISTER_HEAD,
            "filters": filters,
            "service_items": presenters.filter_items(
                services_list, filters["service"], everything="All services"
            ),
            "network_items": presenters.network_items(filters["network"]),
            "status_items": presenters.status_items(filters["status"]),
            "manager": selectors.manages_estate(context),
            "whole": selectors.sees_whole_estate(context),
        },
    )


@council_required(*REGISTER_ROLES)
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    access = selectors.current_access(account=account)
    return render(
        request,
        "estate/detail.jinja",
        {
            "account": account,
            "summary": presenters.account_rows(account),
            "branding": presenters.branding_rows(account),
            "access": presenters.access_items(access, account=account),
            "setup": presenters.checklist_rows(services.setup_checklist(account, access)),
            "closure": presenters.checklist_rows(services.closure_checklist(account)),
            "findings": presenters.finding_rows_short(selectors.account_findings(account=account)),
            "history": presenters.history_rows(selectors.account_history(account=account)[:100]),
            "statuses": presenters.status_history_rows(account.status_changes.all()),
            "manager": selectors.manages_estate(context),
            "editable": selectors.may_edit(context, account),
        },
    )


@council_required(*ESTATE_MANAGERS)
def add(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    form = AccountForm(request.POST or None, council=context.council)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.create_account(
                council=context.council, details=form.details(), actor=actor_for(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{account.name} is in the register")
            return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/form.jinja",
        {"form": form, "title": "Add an account", "button": "Add account"},
    )


@council_required(*REGISTER_ROLES)
def edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    if not selectors.may_edit(context, account):
        raise PermissionDenied
    form_class = AccountForm if selectors.manages_estate(context) else OwnerAccountForm
    initial = AccountForm.initial_for(account)
    form = form_class(request.POST or None, initial=initial, council=context.council)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_account(
                account=account, changes=form.details(), actor=actor_for(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"Saved the changes to {account.name}")
            return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": f"Change {account.name}",
            "button": "Save changes",
            "account": account,
        },
    )


@council_required(*ESTATE_MANAGERS)
def change_status(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    form = StatusForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                account=account,
                to_status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(
                request, f"{account.name} is now {account.get_status_display().lower()}"
            )
            return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": f"Change the status of {account.name}",
            "button": "Change status",
            "account": account,
        },
    )


@council_required(*ESTATE_MANAGERS)
def add_access(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    form = AccessForm(request.POST or None, council=context.council)
    if request.method == "POST" and form.is_valid():
        holder = form.chosen_holder()
        services.grant_access(
            account=account,
            actor=actor_for(request),
            level=form.cleaned_data["level"],
            staff_member=holder,
            is_digital_team=holder is None,
        )
        messages.success(request, "Admin access recorded")
        return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": f"Record admin access to {account.name}",
            "button": "Record access",
            "account": account,
        },
    )


@require_POST
@council_required(*ESTATE_MANAGERS)
def remove_access(request: HttpRequest, public_id: UUID, access_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    access = selectors.account_access(account=account, public_id=access_id)
    services.remove_access(access=access, actor=actor_for(request))
    messages.success(request, f"Removed {access.holder_name}'s access")
    return redirect("estate:detail", public_id=account.public_id)


@require_POST
@council_required(*REGISTER_ROLES)
def recertify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The owner (or deputy, or the digital team) confirms the account is still needed."""
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    if not selectors.may_edit(context, account):
        raise PermissionDenied
    services.recertify_account(account=account, actor=actor_for(request))
    messages.success(
        request, f"Thank you: {account.name} is confirmed until {account.review_due_on:%d %B %Y}"
    )
    return redirect("estate:detail", public_id=account.public_id)


@require_POST
@council_required(*ESTATE_MANAGERS)
def complete_setup(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    require_manager(context)
    account = selectors.visible_account(context=context, public_id=public_id)
    try:
        services.complete_setup(account=account, actor=actor_for(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{account.name} is set up and active")
    return redirect("estate:detail", public_id=account.public_id)
