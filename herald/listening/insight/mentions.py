"""Reading mentions for the list, the detail page and the export, always from the council."""

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


def mention_key(mention: Mention) -> str:
    """The mention's address in Herald: its network and its id there (never Herald's row id)."""
    return base64.urlsafe_b64encode(mention.remote_id.encode()).decode().rstrip("=")


def mention_of(council: Council, network: str, key: str) -> Mention:
    try:
        remote_id = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise Http404 from None
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
