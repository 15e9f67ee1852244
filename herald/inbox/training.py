"""Training data for listening's router from the inbox's assignment history: for each
conversation a person routed, the resident's first message and the label of the service that
person chose last (the router's own choices are not evidence)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.db.models import F, OuterRef, Subquery

from herald.inbox.models import Assignment, Message

if TYPE_CHECKING:
    from herald.councils.models import Council

CHUNK = 2000


def training_rows(*, council: Council | None) -> Iterator[tuple[str, str]]:
    """(text, label) pairs, oldest conversation first, streamed in chunks."""
    chosen = Assignment.objects.filter(by_person=True).exclude(label="")
    if council is not None:
        chosen = chosen.filter(conversation__council=council)
    latest = (
        Assignment.objects.filter(conversation=OuterRef("conversation"), by_person=True)
        .exclude(label="")
        .order_by("-created_at", "-id")
        .values("id")[:1]
    )
    first_text = (
        Message.objects.filter(
            conversation=OuterRef("conversation"), direction=Message.Direction.IN
        )
        .order_by("sent_at", "id")
        .values("text")[:1]
    )
    rows = (
        chosen.annotate(latest_id=Subquery(latest), text=Subquery(first_text))
        .filter(id=F("latest_id"))
        .order_by("conversation_id")
        .values_list("text", "label")
    )
    for text, label in rows.iterator(chunk_size=CHUNK):
        if text and text.strip():
            yield " ".join(text.split()), label
