"""The media library: upload with source, licence, consent and expiry; list; detail; withdraw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect

from herald.core.errors import DomainError
from herald.councils.access import council_required, current_context
from herald.publishing import presenters, rules, selectors, services
from herald.publishing.forms import MediaForm, WithdrawMediaForm
from herald.publishing.models import MediaItem
from herald.publishing.views.common import actor_for, page, show_error

if TYPE_CHECKING:
    from uuid import UUID

MEDIA_HEAD = presenters.head(
    "File", "Kind", "Source", "Licence", "Shows people", "Right to use ends", "State"
)


@council_required(*rules.MEDIA_USERS)
def library(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    items = context.council.media_items.select_related("uploaded_by")
    listing = Paginator(items, 50).get_page(request.GET.get("page"))
    return page(
        request,
        "publishing/media.jinja",
        {
            "head": MEDIA_HEAD,
            "rows": presenters.media_rows(listing.object_list),
            "listing": listing,
        },
    )


@council_required(*rules.MEDIA_USERS)
def upload(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    captions = context.council.media_items.filter(
        kind=MediaItem.Kind.CAPTIONS, withdrawn_at__isnull=True
    )
    form = MediaForm(request.POST or None, request.FILES or None, captions=captions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.upload_media(
                council=context.council,
                file=data["file"],
                details=services.MediaDetails(
                    source=data["source"],
                    licence=data["licence"],
                    alt_text=data["alt_text"],
                    shows_people=data["shows_people"],
                    consent_reference=data["consent_reference"],
                    expires_on=data["expires_on"],
                    captions=form.captions_map.get(data.get("captions") or ""),
                ),
                uploaded_by=context.membership.user,
                actor=actor_for(request),
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{item.original_name} added to the library")
            return redirect("publishing:media_item", public_id=item.public_id)
    return page(request, "publishing/media_upload.jinja", {"form": form})


@council_required(*rules.MEDIA_USERS)
def item_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    context = current_context(request)
    item = selectors.visible_media(council=context.council, public_id=public_id)
    form = WithdrawMediaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_media(
                item=item, reason=form.cleaned_data["reason"], actor=actor_for(request)
            )
        except DomainError as error:
            show_error(form, error)
        else:
            messages.success(request, f"{item.original_name} withdrawn: it cannot be used again")
            return redirect("publishing:media_item", public_id=item.public_id)
    uses = item.uses.select_related("variant__post", "variant__account").order_by("-id")[:50]
    return page(
        request,
        "publishing/media_item.jinja",
        {
            "item": item,
            "summary": presenters.media_summary(item),
            "form": form if item.withdrawn_at is None or form.errors else None,
            "uses": uses,
        },
    )


@council_required(*rules.MEDIA_USERS)  # type: ignore[arg-type]
def item_file(request: HttpRequest, public_id: UUID) -> FileResponse:
    """The file itself, to the council's own people only."""
    context = current_context(request)
    item = selectors.visible_media(council=context.council, public_id=public_id)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
