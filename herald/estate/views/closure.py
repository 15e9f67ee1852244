"""Closing an account (report ¶20): start or request it, then work through the checklist."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.estate import selectors, services
from herald.estate.forms import ClosureForm, ClosureStartForm
from herald.estate.scheduled import scheduled_posts
from herald.estate.selectors import ESTATE_MANAGERS, REGISTER_ROLES
from herald.estate.services.lifecycle import CLOSURE_LABELS
from herald.estate.views.common import actor_for, show_error


@council_required(*REGISTER_ROLES)
def start(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The digital team, or the account's owner or deputy, starts closing an account."""
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    if not selectors.may_edit(context, account):
        raise PermissionDenied
    posts = scheduled_posts(account)
    form = ClosureStartForm(request.POST or None)
    if not posts:
        del form.fields["accept_scheduled_posts"]
    if request.method == "POST" and form.is_valid():
        try:
            services.start_closure(
                account=account,
                reason=form.cleaned_data["reason"],
                accept_scheduled_posts=form.cleaned_data.get("accept_scheduled_posts", False),
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{account.name} is closing: work through the checklist")
            return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/closure_start.jinja",
        {"form": form, "account": account, "posts": posts},
    )


@council_required(*ESTATE_MANAGERS)
def checklist(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    account = selectors.visible_account(context=context, public_id=public_id)
    initial = {
        "done": [name for name in CLOSURE_LABELS if getattr(account, name)],
        "closed_on": account.closed_on,
    }
    form = ClosureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.update_closure(
                account=account,
                done=set(form.cleaned_data["done"]),
                closed_on=form.cleaned_data["closed_on"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            closed = account.status == account.Status.CLOSED
            messages.success(
                request, f"{account.name} is closed" if closed else "Closure checklist saved"
            )
            return redirect("estate:detail", public_id=account.public_id)
    return render(
        request,
        "estate/form.jinja",
        {
            "form": form,
            "title": f"Closing {account.name}",
            "button": "Save checklist",
            "account": account,
            "lede": "When everything is done and the date is in, the account is closed. "
            "It stays in the register.",
        },
    )
