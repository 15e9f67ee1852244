"""Background entry points for listening's ingestion: each calls one service."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.tasks import task

from herald.listening.services.polling import claim_due_sources, poll_source


@task()
def poll_listening_source(source_id: int) -> dict[str, object]:
    """Poll one source now: read after its cursor, ingest, record gaps."""
    result = poll_source(source_id=source_id)
    return {"source_id": source_id, "ok": result.ok, **result.ingested.as_dict()}


@task()
def poll_due_sources() -> int:
    """Claim the sources due a poll and enqueue one poll each (after the claims commit)."""
    with transaction.atomic():
        claimed = claim_due_sources()
        for source_id in claimed:
            transaction.on_commit(partial(poll_listening_source.enqueue, source_id))
    return len(claimed)
