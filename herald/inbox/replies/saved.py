"""Saved responses per service: the digital team keeps them, officers insert them into replies.
Never hard-deleted: archived ones stop being offered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.inbox.models import SavedResponse
from herald.inbox.replies.errors import InvalidReply

if TYPE_CHECKING:
    from herald.councils.models import Council, Service

MAX_TITLE = 200


def _clean(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip()
    if not title:
        raise InvalidReply("Enter a title", code="title_required")
    if len(title) > MAX_TITLE:
        raise InvalidReply(f"The title must be {MAX_TITLE} characters or fewer")
    if not text:
        raise InvalidReply("Enter the response's text", code="text_required")
    return title, text


@transaction.atomic
def create_saved_response(
    *, council: Council, service: Service | None, title: str, text: str, actor: Actor
) -> SavedResponse:
    if service is not None and service.council_id != council.pk:
        raise InvalidReply("That service is not in this council")
    title, text = _clean(title, text)
    made = SavedResponse.objects.create(council=council, service=service, title=title, text=text)
    record(
        council=council,
        actor=actor,
        action="inbox.saved_response_created",
        summary=f"Saved response {title}",
        target=made,
    )
    return made


@transaction.atomic
def update_saved_response(
    *, saved: SavedResponse, service: Service | None, title: str, text: str, actor: Actor
) -> SavedResponse:
    if service is not None and service.council_id != saved.council_id:
        raise InvalidReply("That service is not in this council")
    title, text = _clean(title, text)
    before = {"title": saved.title, "text": saved.text}
    saved.title, saved.text, saved.service = title, text, service
    saved.save(update_fields=["title", "text", "service", "updated_at"])
    record(
        council=saved.council,
        actor=actor,
        action="inbox.saved_response_changed",
        summary=f"Saved response {title} changed",
        target=saved,
        changes={"before": before},
    )
    return saved


@transaction.atomic
def archive_saved_response(*, saved: SavedResponse, actor: Actor) -> SavedResponse:
    if saved.archived_at is None:
        saved.archived_at = timezone.now()
        saved.save(update_fields=["archived_at", "updated_at"])
        record(
            council=saved.council,
            actor=actor,
            action="inbox.saved_response_archived",
            summary=f"Saved response {saved.title} archived",
            target=saved,
        )
    return saved
