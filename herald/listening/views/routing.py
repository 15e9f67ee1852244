"""The routing pages: keyword rules per service, trained router versions, training uploads."""

from __future__ import annotations

from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.listening.enrichment.training import TrainingDataInvalid
from herald.listening.models import RoutingKeyword
from herald.listening.presenters import routing as present
from herald.listening.routing import selectors, services
from herald.listening.routing.forms import KeywordRuleForm, TrainingForm
from herald.listening.routing.selectors import ROUTING_EDITORS, ROUTING_READERS

TRAININGS_SHOWN = 10


def _actor(request: HttpRequest) -> Actor:
    return Actor(user=current_context(request).membership.user, ip_address=client_ip(request))


@council_required(*ROUTING_READERS)
def overview(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    council = context.council
    can_edit = context.has_any(*ROUTING_EDITORS)
    default = selectors.default_router_models().filter(is_active=True).first()
    return render(
        request,
        "listening/routing/overview.jinja",
        {
            "can_edit": can_edit,
            "keyword_head": present.head("Service", "Keywords and phrases"),
            "keyword_rows": present.keyword_rows(
                selectors.keyword_rules(council), can_edit=can_edit
            ),
            "model_head": present.head(
                "Version",
                "Trained",
                "Accuracy",
                "Macro-F1",
                "Services",
                "Status",
                numeric=(2, 3, 4),
            ),
            "model_rows": present.model_rows(selectors.router_models(council)),
            "default": default,
            "training_head": present.head("File", "Uploaded", "Status", "Result"),
            "training_rows": present.training_rows(
                selectors.trainings(council).select_related("router_model")[:TRAININGS_SHOWN]
            ),
        },
    )


@council_required(*ROUTING_EDITORS)
def keyword_rule(request: HttpRequest, public_id: UUID | None = None) -> HttpResponse:
    council = current_context(request).council
    rule = selectors.keyword_rule(council, public_id) if public_id else None
    posted = request.method == "POST"
    initial = (
        {"service_label": rule.service_label, "keywords": "\n".join(rule.keywords)} if rule else {}
    )
    form = KeywordRuleForm(request.POST) if posted else KeywordRuleForm(initial=initial)
    if posted and form.is_valid():
        try:
            saved = _save_rule(request, form, rule)
        except services.InvalidKeywordRule as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Keywords saved for {saved.service_label}")
            return redirect("listening:routing")
    title = f"Keywords for {rule.service_label}" if rule else "Add keywords for a service"
    return render(
        request,
        "listening/routing/form.jinja",
        {"form": form, "title": title, "button": "Save the keywords"},
    )


def _save_rule(
    request: HttpRequest, form: KeywordRuleForm, rule: RoutingKeyword | None
) -> RoutingKeyword:
    return services.save_keyword_rule(
        council=current_context(request).council,
        service_label=form.cleaned_data["service_label"],
        keywords=form.keyword_list(),
        actor=_actor(request),
        rule=rule,
    )


@council_required(*ROUTING_READERS)
def router_model(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    model = selectors.router_model(context.council, public_id)
    return render(
        request,
        "listening/routing/model.jinja",
        {
            "model": model,
            "can_edit": context.has_any(*ROUTING_EDITORS),
            "label_head": present.head(
                "Service", "Precision", "Recall", "F1", "Held-out examples", numeric=(1, 2, 3, 4)
            ),
            "label_rows": present.label_rows(model),
            "accuracy": present.percent(model.metrics.get("accuracy")),
            "macro_f1": present.percent(model.metrics.get("macro_f1")),
        },
    )


@require_POST
@council_required(*ROUTING_EDITORS)
def activate(request: HttpRequest, public_id: UUID) -> HttpResponse:
    model = selectors.router_model(current_context(request).council, public_id)
    try:
        services.activate_router(model=model, actor=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Version {model.version} is now the active router")
    return redirect("listening:routing_model", public_id=model.public_id)


@council_required(*ROUTING_EDITORS)
def train(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = TrainingForm(request.POST, request.FILES) if posted else TrainingForm()
    if posted and form.is_valid():
        try:
            _request_training(request, form)
        except TrainingDataInvalid as error:
            form.add_error(_field_for(error, form), error.message)
        else:
            messages.success(
                request, "The file is queued for training: the new version appears below."
            )
            return redirect("listening:routing")
    return render(request, "listening/routing/train.jinja", {"form": form})


def _request_training(request: HttpRequest, form: TrainingForm) -> None:
    upload = request.FILES.get("file")
    services.request_training(
        council=current_context(request).council,
        filename=getattr(upload, "name", None) or "upload.csv",
        content=form.cleaned_data["file"],
        text_column=form.cleaned_data["text_column"].strip(),
        label_column=form.cleaned_data["label_column"].strip(),
        actor=_actor(request),
    )


def _field_for(error: DomainError, form: forms.Form) -> str:
    # A missing column is about the column names; anything else is about the file's rows.
    message = error.message
    column = form.cleaned_data.get("text_column", "")
    if "no column" in message:
        return "text_column" if repr(column.strip()) in message else "label_column"
    return "file"
