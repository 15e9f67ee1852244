"""The inbox settings page: office hours and bank holidays, who receives escalations, record
keeping, response targets per council and service, and where each router label goes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.core.errors import DomainError
from herald.councils.access import council_required
from herald.inbox import selectors, services
from herald.inbox.forms import RouteForm, SettingsForm, TargetForm
from herald.inbox.models import InboxSettings
from herald.inbox.selectors import SETTINGS_EDITORS
from herald.inbox.views.common import (
    actor_for,
    council_of,
    person_of,
    service_of,
    show_error,
    team_of,
)
from herald.inbox.workinghours import DEFAULT_HOURS


def _initial(current: InboxSettings) -> dict[str, Any]:
    hours = current.office_hours or DEFAULT_HOURS
    initial: dict[str, Any] = {
        "bank_holidays": current.bank_holidays,
        "retention_months": current.retention_months,
        "safeguarding_lead": str(current.safeguarding_lead.public_id)
        if current.safeguarding_lead
        else "",
        "foi_team": str(current.foi_team.public_id) if current.foi_team else "",
        "complaints_team": str(current.complaints_team.public_id)
        if current.complaints_team
        else "",
    }
    for day in range(7):
        window = hours.get(str(day))
        initial[f"opens_{day}"] = window[0] if window else ""
        initial[f"closes_{day}"] = window[1] if window else ""
    return initial


def _save_settings(request: HttpRequest, form: SettingsForm) -> None:
    council = council_of(request)
    data = form.cleaned_data
    services.update_settings(
        council=council,
        data=services.SettingsInput(
            office_hours=form.office_hours(),
            bank_holidays=data["bank_holidays"],
            retention_months=data["retention_months"],
            safeguarding_lead=person_of(council, data["safeguarding_lead"]),
            foi_team=team_of(council, data["foi_team"]),
            complaints_team=team_of(council, data["complaints_team"]),
        ),
        actor=actor_for(request),
    )


def _save_target(request: HttpRequest, form: TargetForm) -> None:
    council = council_of(request)
    services.set_target(
        council=council,
        service=service_of(council, form.cleaned_data["service"]),
        first_response_hours=form.cleaned_data["first_response_hours"],
        resolution_hours=form.cleaned_data["resolution_hours"],
        actor=actor_for(request),
    )


def _save_route(request: HttpRequest, form: RouteForm) -> None:
    council = council_of(request)
    service = service_of(council, form.cleaned_data["service"])
    if service is None:
        form.add_error("service", "Choose the service")
        raise _Invalid
    services.set_route(
        council=council,
        service_label=form.cleaned_data["service_label"],
        service=service,
        team=team_of(council, form.cleaned_data["team"]),
        actor=actor_for(request),
    )


class _Invalid(Exception):
    pass


@council_required(*SETTINGS_EDITORS)
def settings_page(request: HttpRequest) -> HttpResponse:
    council = council_of(request)
    current = services.settings_for(council)
    which = request.POST.get("which", "") if request.method == "POST" else ""
    forms_: dict[str, Any] = {
        "settings": SettingsForm(council=council, prefix="settings", initial=_initial(current)),
        "target": TargetForm(council=council, prefix="target"),
        "route": RouteForm(council=council, prefix="route"),
    }
    savers: dict[str, tuple[Any, Any]] = {
        "settings": (SettingsForm, _save_settings),
        "target": (TargetForm, _save_target),
        "route": (RouteForm, _save_route),
    }
    bound = None
    if which in savers:
        form_class, save = savers[which]
        bound = form_class(request.POST, council=council, prefix=which)
        forms_[which] = bound
        if bound.is_valid():
            try:
                save(request, bound)
            except DomainError as error:
                show_error(bound, error)
            except _Invalid:
                pass
            else:
                messages.success(request, "Inbox settings saved")
                return redirect("inbox:settings")
    return render(
        request,
        "inbox/settings.jinja",
        {
            **({"form": bound} if bound is not None else {}),
            "forms": forms_,
            "targets": selectors.response_targets(council=council),
            "routes": selectors.routes(council=council),
        },
    )
