"""Listening's set-up pages: sources (list, add, edit, pause, resume, detail with gaps and
skipped items) and queries (list, add, edit). Thin: selectors read, services write."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.listening import selectors_sources as selectors
from herald.listening.forms_sources import QueryForm, SourceForm
from herald.listening.presenters import sources as present
from herald.listening.services import queries as query_services
from herald.listening.services import sources as source_services
from herald.listening.source_workflow import can

if TYPE_CHECKING:
    from django import forms
    from django.http import HttpRequest, HttpResponse

EDITORS, READERS = selectors.SOURCE_EDITORS, selectors.SOURCE_READERS


def _actor(request: HttpRequest) -> Actor:
    context = current_context(request)
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def _can_edit(request: HttpRequest) -> bool:
    return current_context(request).has_any(*EDITORS)


def _show(form: forms.Form, error: DomainError) -> None:
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, error.message)


def _form_page(request: HttpRequest, form: forms.Form, **values: object) -> HttpResponse:
    return render(request, "listening/sources/form.jinja", {"form": form, **values})


@council_required(*READERS)
def sources(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    return render(
        request,
        "listening/sources/sources.jinja",
        {
            "head": present.head("Source", "Kind", "Status", "Last poll", "Capture gaps"),
            "rows": present.source_rows(selectors.sources_for(council)),
            "can_edit": _can_edit(request),
        },
    )


@council_required(*READERS)
def source(request: HttpRequest, public_id: UUID) -> HttpResponse:
    found = selectors.source_in(current_context(request).council, public_id)
    return render(
        request,
        "listening/sources/source.jinja",
        {
            "source": found,
            "summary": present.settings_summary(found),
            "gap_head": present.head("From", "Until", "For", "Why"),
            "gap_rows": present.gap_rows(selectors.gaps_of(found)),
            "skipped_head": present.head("When", "Item", "Why skipped", "Beginning"),
            "skipped_rows": present.skipped_rows(selectors.skipped_of(found)),
            "can_edit": _can_edit(request),
            "can_pause": can(found.status, "pause"),
            "can_resume": can(found.status, "resume"),
        },
    )


@council_required(*EDITORS)
def new_source(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    connections = selectors.connections_to_read(council)
    form = SourceForm(request.POST or None, connections=connections)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = source_services.create_source(
                council=council,
                kind=data["kind"],
                name=data["name"],
                config=form.config(),
                connection=data["connection"],
                poll_every_seconds=data["poll_every_minutes"] * 60,
                actor=_actor(request),
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Added {created.name}: its first poll is due now")
            return redirect("listening:source", public_id=created.public_id)
    return _form_page(
        request,
        form,
        title="Add a source",
        button="Add source",
        back=("/listening/sources/", "sources"),
    )


@council_required(*EDITORS)
def edit_source(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.source_in(council, public_id)
    connections = selectors.connections_to_read(council)
    form = SourceForm(
        request.POST or None,
        connections=connections,
        editing=True,
        initial=SourceForm.initial_for(found),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source_services.update_source(
                source=found,
                name=data["name"],
                config=form.config(),
                connection=data["connection"],
                poll_every_seconds=data["poll_every_minutes"] * 60,
                actor=_actor(request),
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Saved {found.name}")
            return redirect("listening:source", public_id=found.public_id)
    back = (f"/listening/sources/{found.public_id}/", found.name)
    return _form_page(request, form, title=f"Change {found.name}", button="Save", back=back)


def _move(request: HttpRequest, public_id: UUID, action: str, done: str) -> HttpResponse:
    found = selectors.source_in(current_context(request).council, public_id)
    try:
        source_services.change_status(source=found, action=action, actor=_actor(request))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{done} {found.name}")
    return redirect("listening:source", public_id=found.public_id)


@require_POST
@council_required(*EDITORS)
def pause_source(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _move(request, public_id, "pause", "Paused")


@require_POST
@council_required(*EDITORS)
def resume_source(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _move(request, public_id, "resume", "Resumed")


@council_required(*READERS)
def queries(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    can_edit = _can_edit(request)
    return render(
        request,
        "listening/sources/queries.jinja",
        {
            "head": present.head("Query", "About", "Expression", "Exclusions", "State"),
            "rows": present.query_rows(selectors.queries_for(council), can_edit=can_edit),
            "can_edit": can_edit,
        },
    )


def _query_values(form: QueryForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "topic": data["topic"],
        "expression": data["expression"],
        "exclusions": data.get("exclusions", ""),
        "service": data.get("service"),
    }


@council_required(*EDITORS)
def new_query(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form = QueryForm(request.POST or None, council=council, initial={"is_active": True})
    if request.method == "POST" and form.is_valid():
        try:
            created = query_services.create_query(
                council=council,
                actor=_actor(request),
                **_query_values(form),  # type: ignore[arg-type]
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Added the query {created.name}")
            return redirect("listening:queries")
    return _form_page(
        request,
        form,
        title="Add a query",
        button="Add query",
        back=("/listening/queries/", "queries"),
    )


@council_required(*EDITORS)
def edit_query(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    found = selectors.query_in(council, public_id)
    form = QueryForm(request.POST or None, council=council, initial=QueryForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            query_services.update_query(
                query=found,
                actor=_actor(request),
                is_active=form.cleaned_data["is_active"],
                **_query_values(form),  # type: ignore[arg-type]
            )
        except DomainError as error:
            _show(form, error)
        else:
            messages.success(request, f"Saved the query {found.name}")
            return redirect("listening:queries")
    return _form_page(
        request,
        form,
        title=f"Change {found.name}",
        button="Save",
        back=("/listening/queries/", "queries"),
    )
