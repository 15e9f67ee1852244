"""Capture gaps: a period a source heard nothing because it could not. Opened when a poll fails
(the network failing, a token lapsed) and closed by the next poll that succeeds, so the gap
shows exactly the period nothing could be heard, never silently."""

from __future__ import annotations

import datetime

from herald.listening.models import CaptureGap, Source


def open_gap(*, source: Source, reason: str, at: datetime.datetime) -> CaptureGap:
    """The source's open gap (a new one if none is open); the latest reason is kept."""
    gap = source.gaps.filter(ended_at__isnull=True).first()
    if gap is None:
        return CaptureGap.objects.create(source=source, started_at=at, reason=reason[:2000])
    if gap.reason != reason[:2000]:
        CaptureGap.objects.filter(pk=gap.pk).update(reason=reason[:2000])
        gap.reason = reason[:2000]
    return gap


def close_gaps(*, source: Source, at: datetime.datetime) -> int:
    """Close the source's open gap at ``at``; returns how many were closed."""
    return CaptureGap.objects.filter(source=source, ended_at__isnull=True).update(ended_at=at)
