"""Unit costs, budgets and the spend ledger, and the monthly figures entered by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme import selectors
from herald.programme.forms import (
    BudgetForm,
    FigureForm,
    FigureImportForm,
    SpendForm,
    UnitCostForm,
    pence,
)
from herald.programme.models import UnitCost
from herald.programme.selectors import EDITORS
from herald.programme.services import figures, money
from herald.programme.views.common import actor_for, show_error


@council_required(*EDITORS)
def unit_costs(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form = UnitCostForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            money.set_unit_cost(
                council=council,
                channel=data["channel"],
                pence=pence(data["pounds"]),
                source=data["source"],
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(
                request,
                f"Saved the unit cost for {UnitCost.Channel(data['channel']).label.lower()}",
            )
            return redirect("programme:unit_costs")
    costs = selectors.unit_costs(council=council)
    rows = [
        (UnitCost.Channel(channel).label, f"£{p / 100:.2f}", source)
        for channel, (p, source) in costs.items()
    ]
    return render(request, "programme/unit_costs.jinja", {"form": form, "rows": rows})


@council_required(*EDITORS)
def budgets(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request,
        "programme/budgets.jinja",
        {
            "budgets": list(selectors.budgets(council=council)),
            "spend": list(selectors.spend(council=council)[:200]),
        },
    )


def _form_page(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], str],
    *,
    done: str,
    page: dict[str, Any],
    error_field: str | None = None,
) -> HttpResponse:
    """A form on the programme's form page: valid and saved, ``save``'s message and back to
    ``done``; otherwise the form again, with the service's refusal on ``error_field``."""
    if request.method == "POST" and form.is_valid():
        try:
            message = save(form.cleaned_data)
        except DomainError as error:
            form.add_error(error_field, error.message)
        else:
            messages.success(request, message)
            return redirect(done)
    return render(request, "programme/form.jinja", {"form": form, **page})


_TO_BUDGETS = ("/programme/budgets/", "budgets and spend")


@council_required(*EDITORS)
def new_budget(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council

    def save(data: dict[str, Any]) -> str:
        money.add_budget(
            council=council,
            name=data["name"],
            financial_year=data["financial_year"],
            amount_pence=pence(data["pounds"]),
            actor=actor_for(request),
        )
        return f"Added the budget {data['name']}"

    form = BudgetForm(request.POST if request.method == "POST" else None)
    page = {"title": "Add a budget line", "button": "Add the budget", "back": _TO_BUDGETS}
    return _form_page(request, form, save, done="programme:budgets", page=page, error_field="name")


@council_required(*EDITORS)
def new_spend(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council

    def save(data: dict[str, Any]) -> str:
        money.record_spend(
            council=council,
            budget=data["budget"],
            spent_on=data["spent_on"],
            amount_pence=pence(data["pounds"]),
            description=data["description"],
            supplier=data["supplier"],
            actor=actor_for(request),
        )
        return "Recorded the spend"

    form = SpendForm(request.POST if request.method == "POST" else None, council=council)
    page = {"title": "Record spend", "button": "Record the spend", "back": _TO_BUDGETS}
    return _form_page(request, form, save, done="programme:budgets", page=page)


@council_required(*EDITORS)
def recorded_figures(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form = FigureForm(request.POST if request.method == "POST" else None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figures.record_figure(
                council=council,
                kind=data["kind"],
                month=data["month"],
                value=data["value"],
                account=data["account"],
                actor=actor_for(request),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Recorded the figure")
            return redirect("programme:figures")
    shown = list(selectors.figures(council=council).order_by("-month", "kind")[:300])
    return render(
        request,
        "programme/figures.jinja",
        {"form": form, "figures": shown, "import_form": FigureImportForm()},
    )


@council_required(*EDITORS)
@require_POST
def import_figures(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council

    def save(data: dict[str, Any]) -> str:
        count = figures.import_figures(council=council, text=data["text"], actor=actor_for(request))
        return f"Imported {count:,} figures"

    page = {
        "title": "Import figures from CSV",
        "button": "Import the figures",
        "back": ("/programme/figures/", "recorded figures"),
        "action": "/programme/figures/import/",
    }
    form = FigureImportForm(request.POST)
    return _form_page(request, form, save, done="programme:figures", page=page, error_field="text")
