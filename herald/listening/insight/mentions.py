"""Reading mentions for the list, the detail page, the export and the API, always from the
council. The API's list is keyset paged (a cursor, and a count capped so a page never counts a
million rows)."""

from __future__ import annotations

import base64
import binascii
import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from herald.listening.models import Mention, MentionRollup, Query, Source

if TYPE_CHECKING:
    from herald.councils.models import Council

FLAGS = {"offensive": Q(offensive=True), "safeguarding": Q(safeguarding=True)}
DEFAULT_DAYS = 30
PAGE_SIZE = 50
COUNT_CAP = 1000


@dataclass(frozen=True)
class MentionFilters:
    start: datetime.date | None = None
    end: datetime.date | None = None
    source: Source | None = None
    query: Query | None = None
    topic: str = ""
    sentiment: str = ""
    service: str = ""
    flag: str = ""


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def period_of(
    start: datetime.date | None, end: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The dates given, or up to today and the 30 days up to the end."""
    end = end or timezone.localdate()
    return start or end - datetime.timedelta(days=DEFAULT_DAYS - 1), end


def filtered_mentions(council: Council, filters: MentionFilters) -> QuerySet[Mention]:
    """The council's mentions matching every filter given, newest first."""
    found = council.mentions.select_related("source")
    if filters.start:
        found = found.filter(posted_at__gte=day_start(filters.start))
    if filters.end:
        found = found.filter(posted_at__lt=day_start(filters.end + datetime.timedelta(days=1)))
    if filters.source:
        found = found.filter(source=filters.source)
    if filters.query:
        found = found.filter(queries=filters.query)
    if filters.topic:
        topic_queries = council.listening_queries.filter(topic=filters.topic)
        found = found.filter(queries__in=topic_queries).distinct()
    if filters.sentiment:
        found = found.filter(sentiment=filters.sentiment)
    if filters.service:
        found = found.filter(service_label=filters.service)
    if filters.flag in FLAGS:
        found = found.filter(FLAGS[filters.flag])
    return found.order_by("-posted_at", "-id")


@dataclass(frozen=True)
class MentionPage:
    items: list[Mention]
    next_cursor: str
    count: int
    count_capped: bool


# A cursor is two whole numbers: the last mention's posted time in microseconds since 1 January
# of year 1 (UTC), and its row. Any cursor of this shape reads as a position; none can fail.
CURSOR_PATTERN = r"^[0-9]{1,18}_[0-9]{1,18}$"
_ORIGIN = datetime.datetime.min.replace(tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)
_LATEST = (datetime.datetime.max.replace(tzinfo=datetime.UTC) - _ORIGIN) // _MICROSECOND


def read_cursor(cursor: str) -> tuple[datetime.datetime, int]:
    """Where a cursor (of ``CURSOR_PATTERN``) points: a posted time and a row."""
    micros, _, pk = cursor.partition("_")
    return _ORIGIN + min(int(micros), _LATEST) * _MICROSECOND, int(pk)


def _cursor(mention: Mention) -> str:
    return f"{(mention.posted_at - _ORIGIN) // _MICROSECOND}_{mention.pk}"


def mention_page(
    council: Council, filters: MentionFilters, *, cursor: str = "", size: int = PAGE_SIZE
) -> MentionPage:
    """One page of the filtered mentions, newest first, after ``cursor`` (checked by the caller
    against ``CURSOR_PATTERN``)."""
    found = filtered_mentions(council, filters)
    ordered = found
    if cursor:
        at, pk = read_cursor(cursor)
        # A range plus an exclusion for the ties (not an OR), so the index on posted_at serves.
        ordered = found.filter(posted_at__lte=at).exclude(posted_at=at, id__gte=pk)
    items = list(ordered.prefetch_related("queries")[: size + 1])
    count = found.order_by()[: COUNT_CAP + 1].count()
    return MentionPage(
        items=items[:size],
        next_cursor=_cursor(items[size - 1]) if len(items) > size else "",
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
    )


def mention_key(mention: Mention) -> str:
    """The mention's address in Herald: its network and its id there (never Herald's row id)."""
    return base64.urlsafe_b64encode(mention.remote_id.encode()).decode().rstrip("=")


def mention_of(council: Council, network: str, key: str) -> Mention:
    try:
        remote_id = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Http404 from None
    if "\x00" in network + remote_id:
        raise Http404  # PostgreSQL cannot hold a NUL, so no mention has one
    found = (
        council.mentions.select_related("source", "account")
        .prefetch_related("queries")
        .filter(network=network, remote_id=remote_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def near_duplicates(mention: Mention, *, limit: int = 50) -> list[Mention]:
    """Other mentions in the same near-duplicate group (reposts, copies), newest first."""
    if not mention.duplicate_key:
        return []
    group = Mention.objects.filter(
        council_id=mention.council_id, duplicate_key=mention.duplicate_key
    )
    return list(
        group.exclude(pk=mention.pk).select_related("source").order_by("-posted_at")[:limit]
    )


def service_labels(council: Council) -> list[str]:
    """The services mentions have been routed to (from the rollups: cheap at any size)."""
    labels = (
        MentionRollup.objects.filter(council=council)
        .exclude(service_label="")
        .values_list("service_label", flat=True)
        .distinct()
    )
    return sorted(set(labels))


def sources_of(council: Council) -> QuerySet[Source]:
    return council.listening_sources.all()


def queries_of(council: Council) -> QuerySet[Query]:
    return council.listening_queries.all()
