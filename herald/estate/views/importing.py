"""Importing the existing estate from a spreadsheet: upload, preview, confirm."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from herald.councils.access import council_required, current_context
from herald.estate import presenters, selectors, services
from herald.estate.forms import EstateImportForm
from herald.estate.importing import COLUMNS
from herald.estate.selectors import ESTATE_MANAGERS
from herald.estate.views.common import actor_for


@council_required(*ESTATE_MANAGERS)
def upload(request: HttpRequest) -> HttpResponse:
    """A file with any problem is reported row by row, and nothing is kept."""
    context = current_context(request)
    posted = request.method == "POST"
    form = EstateImportForm(request.POST, request.FILES) if posted else EstateImportForm()
    problems = None
    if posted and form.is_valid():
        upload_file = form.cleaned_data["file"]
        content, name = upload_file.read(), upload_file.name or ""
        result = services.import_estate(
            council=context.council,
            content=content,
            file_name=name,
            actor=actor_for(request),
            dry_run=True,
        )
        if not result.errors:
            pending = services.start_estate_import(
                council=context.council,
                user=context.membership.user,
                file_name=name,
                content=content,
            )
            return redirect("estate:import_preview", public_id=pending.public_id)
        problems = presenters.import_problems(result.errors)
        form.add_error("file", problems["summary"])
    return render(
        request, "estate/import.jinja", {"form": form, "problems": problems, "columns": COLUMNS}
    )


@council_required(*ESTATE_MANAGERS)
def preview(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    pending = selectors.pending_estate_import(
        council=context.council, user=context.membership.user, public_id=public_id
    )
    if request.method == "POST":
        result = services.confirm_estate_import(pending=pending, actor=actor_for(request))
        if not result.errors:
            messages.success(request, f"Imported {len(result.created)} accounts")
            return redirect("estate:register")
    else:
        result = services.import_estate(
            council=context.council,
            content=bytes(pending.content),
            file_name=pending.file_name,
            actor=actor_for(request),
            dry_run=True,
        )
    return render(
        request,
        "estate/import_preview.jinja",
        {
            "pending": pending,
            "rows": presenters.import_rows(result.rows),
            "head": presenters.head("Account", "Network and handle", "Service", "Owner", "Status"),
            "problems": presenters.import_problems(result.errors) if result.errors else None,
        },
    )
