"""Reading sources, their gaps and skipped items, and queries: always from the council, so
another council's source or query is simply not found."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from herald.channels.selectors import connections_list
from herald.councils.roles import Role
from herald.listening.models import CaptureGap, Query, SkippedItem, Source

if TYPE_CHECKING:
    from herald.channels.models import ChannelConnection
    from herald.councils.models import Council

# The digital team and administrators set listening up; approvers and account owners may look.
SOURCE_EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
SOURCE_READERS = (*SOURCE_EDITORS, Role.APPROVER, Role.ACCOUNT_OWNER)
SKIPPED_SHOWN = 100


def sources_for(council: Council) -> QuerySet[Source]:
    """The council's sources with how many gaps are open, for the list."""
    return council.listening_sources.select_related("connection").annotate(
        open_gaps=Count("gaps", filter=Q(gaps__ended_at__isnull=True))
    )


def sources_with_open_gaps(council: Council) -> QuerySet[Source]:
    """The council's sources, each with its open capture gaps (oldest first) as
    ``open_capture_gaps``."""
    still_open = CaptureGap.objects.filter(ended_at__isnull=True).order_by("started_at", "id")
    return council.listening_sources.prefetch_related(
        Prefetch("gaps", queryset=still_open, to_attr="open_capture_gaps")
    )


def source_in(council: Council, public_id: UUID) -> Source:
    source = council.listening_sources.select_related("connection").filter(public_id=public_id)
    found = source.first()
    if found is None:
        raise Http404("No such source")
    return found


def gaps_of(source: Source) -> list[CaptureGap]:
    return list(source.gaps.all()[:200])


def skipped_of(source: Source) -> list[SkippedItem]:
    return list(source.skipped_items.all()[:SKIPPED_SHOWN])


def queries_for(council: Council) -> QuerySet[Query]:
    return council.listening_queries.select_related("service")


def query_in(council: Council, public_id: UUID) -> Query:
    found = council.listening_queries.filter(public_id=public_id).first()
    if found is None:
        raise Http404("No such query")
    return found


def connections_to_read(council: Council) -> list[ChannelConnection]:
    """The council's connected accounts a source can read (not disconnected)."""
    return [c for c in connections_list(council=council) if c.disconnected_at is None]
