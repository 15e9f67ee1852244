"""``proxy_ingest``: streaming Squid logs into Herald, resuming where the last run stopped.

Each file is remembered (``LogSource``) by path, inode and a hash of its first line, with the
offset reached. The next run carries on from there; a file that was rotated (new inode, a
different first line, or shorter than the offset) is read from the start. Gzip files are read
through to the offset (they cannot seek). Only whole lines are taken: a line still being written
is left for next time. Bad lines are counted per file; a damaged gzip keeps what came before.

Privacy by default: rows for categories whose action is plain "allow" (and uncategorised sites)
keep the service and the client address (ICT needs it to find a machine flooding the network)
but not the user name or the person; person-level rows exist only for categories ICT chose to
log (allow and log, warn, block) and for blocked attempts.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.network import logparse, notify
from herald.network.models import LogSource, NetworkAlert, ProxyRequest
from herald.network.services import settings_for
from herald.network.usage import Categoriser, Directory

if TYPE_CHECKING:
    from herald.councils.models import Council

BATCH = 5000
MB = 1024 * 1024
SPIKE_MINIMUM_BYTES = 50 * MB


@dataclass
class FileResult:
    path: str
    format: str = ""
    lines: int = 0
    bad_lines: int = 0
    stored: int = 0
    resumed_from: int = 0
    rotated: bool = False
    error: str = ""
    days: set[datetime.date] = field(default_factory=set)

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format or "unknown",
            "lines": self.lines,
            "bad_lines": self.bad_lines,
            "stored": self.stored,
            "resumed_from": self.resumed_from,
            "rotated": self.rotated,
            "error": self.error,
        }


def ingest_files(*, council: Council, paths: list[str], actor: Actor = SYSTEM) -> list[FileResult]:
    categories, directory = Categoriser(council), Directory(council)
    results = [
        ingest_file(council=council, path=path, categories=categories, directory=directory)
        for path in paths
    ]
    days = set().union(*(result.days for result in results)) if results else set()
    raise_alerts(council=council, days=sorted(days))
    record(
        council=council,
        actor=actor,
        action="network.logs_ingested",
        summary=(
            f"Read {sum(r.lines for r in results)} proxy log lines from {len(results)} files "
            f"({sum(r.bad_lines for r in results)} bad)"
        ),
        changes={"files": [r.as_dict() for r in results]},
    )
    return results


def _head(path: str) -> str:
    try:
        with logparse.open_log(path) as handle:
            return hashlib.sha256(handle.readline()).hexdigest()
    except (OSError, EOFError, zlib.error):
        return ""


def ingest_file(  # noqa: PLR0915 - one streaming loop, kept whole to read
    *, council: Council, path: str, categories: Categoriser, directory: Directory
) -> FileResult:
    result = FileResult(path=str(Path(path).resolve()))
    try:
        stat = Path(path).stat()
    except OSError as error:
        result.error = f"Cannot read the file: {error.strerror}"
        return result
    # A log is known by its first line, wherever it now lives: access.log rotated to
    # access.log.1 (or compressed to access.log.2.gz) carries on from where it was left.
    head = _head(path)
    known = LogSource.objects.filter(council=council, head=head).first() if head else None
    source = known or LogSource(council=council, path=result.path, head=head)
    previous = LogSource.objects.filter(council=council, path=result.path).first()
    result.rotated = previous is not None and previous.head != head
    gzipped = logparse.is_gzip(path)
    if not gzipped and source.offset > stat.st_size:
        result.rotated = True
        source.offset = 0
    source.inode, source.path = stat.st_ino, result.path
    result.resumed_from = source.offset
    offset = source.offset
    rows: list[ProxyRequest] = []
    fmt = ""

    def flush() -> None:
        with transaction.atomic():
            ProxyRequest.objects.bulk_create(rows, batch_size=BATCH)
            source.offset = offset
            source.lines += result.lines - source_lines_before[0]
            source.bad_lines += result.bad_lines - source_bad_before[0]
            source.last_run_at = timezone.now()
            source.save()
        source_lines_before[0], source_bad_before[0] = result.lines, result.bad_lines
        result.stored += len(rows)
        rows.clear()

    source_lines_before, source_bad_before = [0], [0]
    try:
        with logparse.open_log(path) as handle:
            _skip(handle, offset, gzipped)
            for line in handle:
                if getattr(handle, "truncated", False):
                    break
                if not line.endswith(b"\n"):
                    break  # still being written: next run
                offset += len(line)
                text = line.rstrip(b"\r\n")
                if not text.strip():
                    continue
                if not fmt:
                    fmt = logparse.detect_format(text)
                    result.format = fmt
                    if not fmt:
                        result.error = "Unknown log format: nothing was read from this file"
                        result.lines, result.bad_lines = 1, 1
                        return result
                result.lines += 1
                entry = logparse.parse_line(text, fmt)
                if entry is None:
                    result.bad_lines += 1
                    continue
                rows.append(_row(council, entry, categories, directory, result))
                if len(rows) >= BATCH:
                    flush()
            if getattr(handle, "truncated", False):
                result.error = logparse.TRUNCATED
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        result.error = f"The file is damaged ({error}); the lines before it were read"
    flush()
    return result


def _skip(handle: object, offset: int, gzipped: bool) -> None:
    if not offset:
        return
    if not gzipped:
        handle.seek(offset)  # type: ignore[attr-defined]
        return
    left = offset
    while left:
        block = handle.read(min(left, 1 << 20))  # type: ignore[attr-defined]
        if not block:
            return
        left -= len(block)


def _row(
    council: Council,
    entry: logparse.Entry,
    categories: Categoriser,
    directory: Directory,
    result: FileResult,
) -> ProxyRequest:
    at = datetime.datetime.fromtimestamp(entry.at, tz=datetime.UTC)
    result.days.add(timezone.localtime(at).date())
    category = categories.slug(entry.host)
    person = directory.find(entry.user, entry.client)
    # Plain "allow" keeps the service but not the person (privacy by default).
    identified = categories.action(category) != "allow" or entry.denied
    return ProxyRequest(
        council=council,
        at=at,
        client=entry.client[:64],
        username=entry.user[:200] if identified else "",
        staff_member_id=person.staff_id if person and identified else None,
        service_id=person.service_id if person else None,
        domain=entry.host[:253],
        category=category,
        blocked=entry.denied,
        status=min(entry.status, 999),
        bytes=entry.size,
    )


# -- Alerts to ICT ------------------------------------------------------------------------


def raise_alerts(*, council: Council, days: list[datetime.date]) -> list[NetworkAlert]:
    """Repeated blocked attempts from one client, and a client's sudden bandwidth spike."""
    if not days:
        return []
    settings = settings_for(council)
    made = []
    rows = ProxyRequest.objects.filter(council=council)
    blocked = (
        rows.filter(blocked=True, at__date__in=days)
        .exclude(client="")
        .annotate(day=TruncDate("at"))
        .values("day", "client", "username")
        .annotate(attempts=Count("id"))
        .filter(attempts__gte=settings.blocked_alert_threshold)
    )
    for item in blocked:
        who = item["username"] or item["client"]
        alert, created = NetworkAlert.objects.get_or_create(
            council=council,
            kind=NetworkAlert.Kind.BLOCKED_REPEATS,
            day=item["day"],
            client=who,
            defaults={"detail": f"{item['attempts']} attempts to reach blocked sites from {who}"},
        )
        if created:
            made.append(alert)
    first = min(days) - datetime.timedelta(days=7)
    daily = (
        rows.filter(at__date__gte=first, at__date__lte=max(days))
        .exclude(client="")
        .annotate(day=TruncDate("at"))
        .values("day", "client")
        .annotate(size=Sum("bytes"))
    )
    by_client: dict[str, dict[datetime.date, int]] = {}
    for row in daily:
        by_client.setdefault(row["client"], {})[row["day"]] = row["size"] or 0
    for client, per_day in by_client.items():
        for day in days:
            today = per_day.get(day, 0)
            before = [
                size
                for when, size in per_day.items()
                if day - datetime.timedelta(days=7) <= when < day
            ]
            usual = median(before) if len(before) >= 3 else 0
            if usual and today >= SPIKE_MINIMUM_BYTES and today > settings.spike_factor * usual:
                alert, created = NetworkAlert.objects.get_or_create(
                    council=council,
                    kind=NetworkAlert.Kind.BANDWIDTH_SPIKE,
                    day=day,
                    client=client,
                    defaults={
                        "detail": (
                            f"{today / MB:.0f} MB in the day from {client}, against a usual "
                            f"{usual / MB:.1f} MB"
                        )
                    },
                )
                if created:
                    made.append(alert)
    notify.alerts_raised(council=council, alerts=made)
    for alert in made:
        record(
            council=council,
            actor=SYSTEM,
            action="network.alert_raised",
            summary=f"Alert for ICT: {alert.get_kind_display()} ({alert.client}, {alert.day})",
            target=alert,
        )
    return made


def purge_old_rows(*, council: Council, today: datetime.date | None = None) -> int:
    """Raw rows older than the council's retention period go (default 90 days)."""
    today = today or timezone.localdate()
    keep_from = today - datetime.timedelta(days=settings_for(council).retention_days)
    stale = ProxyRequest.objects.filter(council=council, at__date__lt=keep_from)
    count, _ = stale.delete()
    if count:
        record(
            council=council,
            actor=SYSTEM,
            action="network.logs_purged",
            summary=f"Removed {count} proxy log rows older than {keep_from:%d %B %Y}",
        )
    return count
