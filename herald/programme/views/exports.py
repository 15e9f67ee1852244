"""CSV downloads of every programme table, and the token-authenticated feed for Power BI."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.programme import selectors
from herald.programme.exports import TABLES, table_csv
from herald.programme.forms import TokenForm
from herald.programme.selectors import EDITORS, READERS
from herald.programme.services import feed
from herald.programme.views.common import actor_for, can_edit, period_from_query


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@council_required(*READERS)
def download(request: HttpRequest, table: str) -> HttpResponse:
    found = TABLES.get(table)
    if found is None:
        raise Http404
    if found.editors_only and not can_edit(request):
        raise PermissionDenied
    council = current_context(request).council
    return _csv(table_csv(found, council=council, period=period_from_query(request)), table)


@council_required(*EDITORS)
def tokens(request: HttpRequest) -> HttpResponse:
    council = current_context(request).council
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = ""
    if request.method == "POST" and form.is_valid():
        try:
            _, created = feed.create_feed_token(
                council=council, label=form.cleaned_data["label"], actor=actor_for(request)
            )
        except DomainError as error:
            form.add_error("label", error.message)
        else:
            form = TokenForm()
    return render(
        request,
        "programme/feed.jinja",
        {
            "form": form,
            "created": created,
            "tokens": list(selectors.feed_tokens(council=council)),
            "tables": TABLES.values(),
            "base": request.build_absolute_uri("/programme/feed/"),
        },
    )


@council_required(*EDITORS)
@require_POST
def revoke_token(request: HttpRequest, public_id: UUID) -> HttpResponse:
    council = current_context(request).council
    token = selectors.feed_token(council=council, public_id=public_id)
    feed.revoke_feed_token(token=token, actor=actor_for(request))
    messages.success(request, f"Revoked the token: {token.label}")
    return redirect("programme:tokens")


@require_GET
def feed_table(request: HttpRequest, table: str) -> HttpResponse:
    """Read-only CSV for tools like Power BI: ``Authorization: Bearer <token>``, no session."""
    header = request.headers.get("Authorization", "")
    council = (
        feed.council_for_token(header.removeprefix("Bearer ").strip())
        if header.startswith("Bearer ")
        else None
    )
    if council is None:
        response = HttpResponse(
            "A valid feed token is required.\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="herald-programme-feed"'
        return response
    found = TABLES.get(table)
    if found is None:
        return HttpResponse("No such table.\n", status=404, content_type="text/plain")
    return _csv(table_csv(found, council=council, period=period_from_query(request)), table)
