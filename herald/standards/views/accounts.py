"""Per-account rules: the sign-off and hashtags every post from an account must carry."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import current_context
from herald.standards import selectors, services
from herald.standards.forms import AccountRuleForm
from herald.standards.models import AccountRule
from herald.standards.presenters import account_summary
from herald.standards.views.settings import _actor, _form_page, editors_only


@editors_only
def accounts(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    rows = [(rule, account_summary(rule)) for rule in selectors.account_rules(council=council)]
    return render(request, "standards/accounts.jinja", {"rows": rows})


def _account_page(request: HttpRequest, rule: AccountRule | None) -> HttpResponse:
    initial = (
        {
            "handle": rule.handle,
            "required_sign_off": rule.required_sign_off,
            "required_hashtags": " ".join(rule.required_hashtags),
        }
        if rule
        else {}
    )
    form = AccountRuleForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            saved = services.save_account_rule(
                council=current_context(request).council,
                actor=_actor(request),
                rule=rule,
                **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error("handle", error.message)
        else:
            messages.success(request, f"Rules for {saved.handle} saved")
            return redirect("standards:accounts")
    return _form_page(
        request,
        form,
        title=f"Change rules for {rule.handle}" if rule else "Add rules for an account",
        caption="Account rules",
        intro="Posts from this account that miss the sign-off or a hashtag are flagged.",
        button="Save account rules",
        back=("standards:accounts", "Back to account rules"),
    )


@editors_only
def add_account(request: HttpRequest) -> HttpResponse:
    return _account_page(request, None)


@editors_only
def edit_account(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    return _account_page(request, selectors.account_rule(council=council, public_id=public_id))


@require_POST
@editors_only
def remove_account(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    rule = selectors.account_rule(council=council, public_id=public_id)
    services.remove_account_rule(rule=rule, actor=_actor(request))
    messages.success(request, f"Rules for {rule.handle} removed")
    return redirect("standards:accounts")
