"""The standards settings: the digital team and council administrators change what the checks
look for. Every change goes through ``herald.standards.services`` and is audited."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.councils.roles import Role
from herald.standards import selectors, services
from herald.standards.engine import rule_catalogue
from herald.standards.forms import (
    ContactDetailsForm,
    RuleForm,
    WordForm,
)
from herald.standards.models import WordList
from herald.standards.presenters import rule_rows, rule_status
from herald.standards.types import Severity

STANDARDS_EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
editors_only = council_required(*STANDARDS_EDITORS)


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


def _council_settings(request: HttpRequest) -> Any:
    context = current_context(request)
    return services.ensure_standards_settings(council=context.council, actor=_actor(request))


def _form_page(request: HttpRequest, form: Any, **page: Any) -> HttpResponse:
    return render(request, "standards/form_page.jinja", {"form": form, **page})


@editors_only
def settings_index(request: HttpRequest) -> HttpResponse:
    _council_settings(request)
    return render(request, "standards/settings.jinja", {})


@editors_only
def rules(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    sections = rule_rows(rule_catalogue(), selectors.rule_overrides(council=council))
    return render(request, "standards/rules.jinja", {"sections": sections})


@editors_only
def rule(request: HttpRequest, rule_id: str) -> HttpResponse:
    council = current_context(request).council
    info = next((r for r in rule_catalogue() if r.id == rule_id), None)
    if info is None:
        raise Http404
    override = selectors.rule_overrides(council=council).get(rule_id)
    initial = {
        "status": "off" if override and not override.is_enabled else "on",
        "severity": override.severity if override else "",
    }
    form = RuleForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        severity = form.cleaned_data["severity"]
        services.set_rule_override(
            council=council,
            actor=_actor(request),
            rule_id=rule_id,
            enabled=form.cleaned_data["status"] == "on",
            severity=Severity(severity) if severity else None,
        )
        messages.success(request, f"‘{info.title}’ changed")
        return redirect("standards:rules")
    return _form_page(
        request,
        form,
        title=info.title,
        caption="Rule",
        intro=f"{info.description} Default: {info.default_severity.label.lower()}. "
        f"Now: {rule_status(info, override).lower()}.",
        button="Save rule",
        back=("standards:rules", "Back to rules"),
    )


@editors_only
def contact_details(request: HttpRequest) -> HttpResponse:
    settings = _council_settings(request)
    initial = {
        "phone_numbers": settings.own_phone_numbers,
        "email_domains": settings.own_email_domains,
        "postcodes": settings.own_postcodes,
        "prohibited_terms": settings.prohibited_terms,
    }
    form = ContactDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        services.update_contact_details(
            council=current_context(request).council,
            actor=_actor(request),
            phone_numbers=data["phone_numbers"],
            email_domains=data["email_domains"],
            postcodes=data["postcodes"],
            prohibited_terms=data["prohibited_terms"],
        )
        messages.success(request, "Contact details and prohibited terms saved")
        return redirect("standards:settings")
    return _form_page(
        request,
        form,
        title="Contact details and prohibited terms",
        caption="Standards settings",
        intro="The council's own published contact details are never flagged as personal data.",
        button="Save",
        back=("standards:settings", "Back to standards settings"),
    )


@editors_only
def words(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    _council_settings(request)
    form = WordForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            entry = services.add_word(
                council=context.council,
                actor=_actor(request),
                word_list=WordList(form.cleaned_data["word_list"]),
                text=form.cleaned_data["text"],
            )
        except DomainError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, f"‘{entry.text}’ added")
            return redirect("standards:words")
    lists = selectors.word_lists(council=context.council)
    return render(request, "standards/words.jinja", {"form": form, "lists": lists})


@require_POST
@editors_only
def remove_word(request: HttpRequest, public_id: UUID) -> HttpResponse:
    entry = selectors.word_list_entry(council=current_context(request).council, public_id=public_id)
    services.remove_word(entry=entry, actor=_actor(request))
    messages.success(request, f"‘{entry.text}’ removed")
    return redirect("standards:words")
