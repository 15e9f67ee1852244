"""Alerts in the app (acknowledge, close) and the rules that raise them."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.listening.alerting import lifecycle, rules, selectors
from herald.listening.insight.forms import NoteForm, RuleForm
from herald.listening.insight.roles import MANAGERS
from herald.listening.models import Alert, AlertRule
from herald.listening.presenters import insight as present
from herald.listening.views.insight.common import actor_for, show_error

STATUS_FILTERS = [("", "Open and escalated"), *Alert.Status.choices, ("all", "All")]


@council_required(*MANAGERS)
def alert_list(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    status = request.GET.get("status", "")
    if status not in dict(STATUS_FILTERS):
        status = ""
    found = [
        {"alert": alert, "raised": present.local(alert.created_at)}
        for alert in selectors.alerts_for(council, status=status)[:200]
    ]
    return render(
        request,
        "listening/insight/alerts.jinja",
        {"alerts": found, "status": status, "statuses": STATUS_FILTERS},
    )


@council_required(*MANAGERS)
def alert_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    alert = selectors.alert_of(current_context(request).council, public_id)
    mentions = [
        {"mention": m, "path": present.mention_path(m), "when": present.local(m.posted_at)}
        for m in alert.mentions.select_related("source").order_by("-posted_at")[:100]
    ]
    history = [
        {"change": c, "when": present.local(c.created_at)} for c in alert.status_changes.all()
    ]
    return render(
        request,
        "listening/insight/alert.jinja",
        {
            "alert": alert,
            "raised": present.local(alert.created_at),
            "window": f"{present.local(alert.window_start)} to {present.local(alert.window_end)}",
            "mentions": mentions,
            "history": history,
            "form": NoteForm(),
        },
    )


def _act(request: HttpRequest, public_id: UUID, *, close: bool) -> HttpResponse:
    alert = selectors.alert_of(current_context(request).council, public_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if close:
            lifecycle.close_alert(alert=alert, actor=actor_for(request), note=note)
        else:
            lifecycle.acknowledge_alert(alert=alert, actor=actor_for(request), note=note)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Alert closed" if close else "Alert acknowledged")
    return redirect("listening:alert", public_id=alert.public_id)


@require_POST
@council_required(*MANAGERS)
def acknowledge(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _act(request, public_id, close=False)


@require_POST
@council_required(*MANAGERS)
def close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _act(request, public_id, close=True)


@council_required(*MANAGERS)
def rule_list(request: HttpRequest) -> HttpResponse:
    found = list(selectors.rules_for(current_context(request).council))
    return render(request, "listening/insight/rules.jinja", {"rules": found})


def _initial(rule: AlertRule | None) -> dict[str, object]:
    if rule is None:
        return {
            "kind": AlertRule.Kind.VOLUME_SPIKE,
            "threshold": 3,
            "window_minutes": 60,
            "baseline_days": 14,
            "minimum_count": 10,
            "respect_quiet_hours": True,
            "is_active": True,
        }
    return {
        **{
            name: getattr(rule, name)
            for name in rules.EDITABLE
            if name not in {"query", "email_to", "escalate_to"}
        },
        "query": rule.query.public_id if rule.query else None,
        "email_to": "\n".join(rule.email_to),
        "escalate_to": "\n".join(rule.escalate_to),
    }


def _rule_form(request: HttpRequest, rule: AlertRule | None) -> HttpResponse:
    council = current_context(request).council
    posted = request.method == "POST"
    form = RuleForm(request.POST if posted else None, initial=_initial(rule), council=council)
    if posted and form.is_valid():
        try:
            if rule is None:
                rules.create_rule(council=council, actor=actor_for(request), **form.rule_values())
            else:
                rules.update_rule(rule=rule, actor=actor_for(request), **form.rule_values())
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, "Alert rule saved")
            return redirect("listening:alert_rules")
    title = "New alert rule" if rule is None else f"Change the alert rule “{rule.name}”"
    return render(
        request,
        "listening/insight/form.jinja",
        {
            "form": form,
            "title": title,
            "button": "Save the rule",
            "back": ("/listening/alerts/rules/", "alert rules"),
        },
    )


@council_required(*MANAGERS)
def new_rule(request: HttpRequest) -> HttpResponse:
    return _rule_form(request, None)


@council_required(*MANAGERS)
def edit_rule(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _rule_form(request, selectors.rule_of(current_context(request).council, public_id))
