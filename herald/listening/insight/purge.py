"""The retention purge: mentions older than the council's retention period are deleted.

This is the documented exception to "nothing is hard-deleted": residents' public posts are
personal data held for listening only, and UK GDPR wants them gone after the period the council
set. Each run records its counts in the audit trail. A mention another context keeps as part of
its own record (an inbox conversation, kept under the inbox's rules) is left in place.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.utils import timezone

from herald.audit.services import SYSTEM, record
from herald.listening.insight.privacy import settings_for
from herald.listening.models import Mention

if TYPE_CHECKING:
    from herald.councils.models import Council

BATCH = 2000


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, 28)  # every month has a 28th; a day either way does not matter here
    return moment.replace(year=year, month=month + 1, day=day)


def _kept_elsewhere(ids: list[int]) -> set[int]:
    """Of these mentions, those a protecting foreign key elsewhere still points at."""
    kept: set[int] = set()
    for relation in Mention._meta.related_objects:
        if relation.on_delete is not models.PROTECT or relation.many_to_many:
            continue
        field = relation.field
        rows = relation.related_model._default_manager.filter(**{f"{field.name}__in": ids})
        kept.update(rows.values_list(field.attname, flat=True))
    return kept


def purge_expired_mentions(*, council: Council, now: datetime.datetime | None = None) -> int:
    """Delete the council's mentions posted before its retention period; returns how many."""
    cutoff = months_before(now or timezone.now(), settings_for(council).retention_months)
    deleted = kept = last = 0
    while True:
        ids = list(
            council.mentions.filter(posted_at__lt=cutoff, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not ids:
            break
        last = ids[-1]
        keep = _kept_elsewhere(ids)
        with transaction.atomic():
            council.mentions.filter(pk__in=[i for i in ids if i not in keep]).delete()
        deleted += len(ids) - len(keep)
        kept += len(keep)
    if deleted or kept:
        _record(council, cutoff, deleted, kept)
    return deleted


def _record(council: Council, cutoff: datetime.datetime, deleted: int, kept: int) -> None:
    record(
        council=council,
        actor=SYSTEM,
        action="listening.mentions_purged",
        summary=f"Deleted {deleted} mentions posted before {cutoff:%-d %B %Y} (retention period)",
        changes={"deleted": deleted, "kept_for_other_records": kept, "cutoff": cutoff.isoformat()},
    )
