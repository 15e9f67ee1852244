"""Importing exports from other listening tools (CSV, a JSON array or JSON lines) through the
same pipeline as every source, with a report line per row.

Columns are recognised by the names tools commonly use (``id``/``remote_id``/``post_id``,
``text``/``content``/``message``, ``posted_at``/``created_at``/``date``…); a row without an id,
text or a readable date is skipped with its reason, and the rest go on.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.channels.adapters.base import IncomingItem, malformed
from herald.listening.ingest.cleaning import Skip, clean
from herald.listening.ingest.pipeline import ingest_batch
from herald.listening.models import Source

BATCH = 1000
MAX_ROWS = 1_000_000
COLUMNS = {
    "remote_id": ("remote_id", "id", "post_id", "mention_id", "guid", "url"),
    "text": ("text", "content", "message", "body", "snippet", "full_text"),
    "posted_at": ("posted_at", "created_at", "date", "published", "timestamp", "time"),
    "url": ("url", "link", "permalink"),
    "author_handle": ("author_handle", "handle", "username", "screen_name", "author"),
    "author_name": ("author_name", "name", "display_name"),
    "language": ("language", "lang"),
    "likes": ("likes", "like_count", "favourites"),
    "shares": ("shares", "reposts", "retweets", "share_count"),
    "replies": ("replies", "reply_count", "comments"),
}


class ImportFileInvalid(ValueError):
    pass


@dataclass(frozen=True)
class RowReport:
    row: int
    status: str  # imported, already_known, skipped
    remote_id: str = ""
    reason: str = ""

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"row": self.row, "status": self.status}
        if self.remote_id:
            out["remote_id"] = self.remote_id
        if self.reason:
            out["reason"] = self.reason
        return out


def _pick(row: dict[str, Any], field: str) -> Any:
    lowered = {str(key).strip().lower(): value for key, value in row.items()}
    for name in COLUMNS[field]:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _when(value: Any) -> datetime.datetime:
    if isinstance(value, int | float):
        return datetime.datetime.fromtimestamp(float(value), datetime.UTC)
    text = str(value).strip().replace("Z", "+00:00")
    if text.isdigit():
        return datetime.datetime.fromtimestamp(int(text), datetime.UTC)
    moment = datetime.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _count(value: Any) -> int:
    try:
        return max(0, int(float(value or 0)))
    except (TypeError, ValueError):
        return 0


def row_item(row: Any) -> IncomingItem:
    """One exported row as an item (malformed rows are carried as such, to be reported)."""
    if not isinstance(row, dict):
        return malformed("", "The row is not an object with named fields")
    remote_id = str(_pick(row, "remote_id") or "")
    text, posted = _pick(row, "text"), _pick(row, "posted_at")
    if not remote_id or text is None or posted is None:
        return malformed(remote_id, "The row needs an id, a text and a date")
    try:
        posted_at = _when(posted)
    except (ValueError, OverflowError, OSError):
        return malformed(remote_id, f"The date {str(posted)[:40]!r} cannot be read")
    return IncomingItem(
        remote_id=remote_id,
        text=str(text),
        posted_at=posted_at,
        url=str(_pick(row, "url") or ""),
        author_handle=str(_pick(row, "author_handle") or ""),
        author_name=str(_pick(row, "author_name") or ""),
        language=str(_pick(row, "language") or ""),
        likes=_count(_pick(row, "likes")),
        shares=_count(_pick(row, "shares")),
        replies=_count(_pick(row, "replies")),
    )


def read_rows(data: bytes, *, name: str) -> Iterator[Any]:
    """The file's rows: CSV by extension or content, else a JSON array or JSON lines. A row of
    JSON lines that is not JSON is yielded as an error string, so it is reported, not fatal."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileInvalid("The file is not UTF-8 text") from None
    stripped = text.lstrip()
    if name.lower().endswith(".csv") or not stripped.startswith(("[", "{")):
        yield from csv.DictReader(io.StringIO(text))
        return
    if stripped.startswith("["):
        try:
            rows = json.loads(text)
        except ValueError as error:
            raise ImportFileInvalid(f"The JSON cannot be read: {error}") from None
        yield from rows
        return
    for line in text.splitlines():
        if line.strip():
            try:
                yield json.loads(line)
            except ValueError:
                yield "invalid JSON"


def _report(items: list[IncomingItem], rows: list[int], inserted: set[str]) -> list[RowReport]:
    now = timezone.now()
    reports = []
    for number, item in zip(rows, items, strict=True):
        cleaned = clean(item, now=now)
        if isinstance(cleaned, Skip):
            reports.append(RowReport(number, "skipped", cleaned.remote_id, cleaned.reason))
        elif cleaned.remote_id in inserted:
            reports.append(RowReport(number, "imported", cleaned.remote_id))
            inserted.discard(cleaned.remote_id)  # a repeated id in one file: once imported
        else:
            reports.append(RowReport(number, "already_known", cleaned.remote_id))
    return reports


def import_rows(
    *, source: Source, rows: Iterator[Any], actor: Actor = SYSTEM
) -> Iterator[RowReport]:
    """Ingest the rows in batches, yielding a report per row; audited once at the end."""
    if source.kind != Source.Kind.IMPORT:
        raise ImportFileInvalid("Choose an import source")
    counts = {"imported": 0, "already_known": 0, "skipped": 0}
    batch: list[IncomingItem] = []
    numbers: list[int] = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise ImportFileInvalid(f"An import has at most {MAX_ROWS:,} rows")
        batch.append(row_item(row))
        numbers.append(number)
        if len(batch) >= BATCH:
            yield from _flush(source, batch, numbers, counts)
            batch, numbers = [], []
    yield from _flush(source, batch, numbers, counts)
    record(
        council=source.council,
        actor=actor,
        action="listening.imported",
        summary=f"Imported into {source.name}: {counts['imported']} new, "
        f"{counts['already_known']} known, {counts['skipped']} skipped",
        target=source,
    )


def _flush(
    source: Source, batch: list[IncomingItem], numbers: list[int], counts: dict[str, int]
) -> Iterator[RowReport]:
    if not batch:
        return
    result = ingest_batch(source=source, items=batch)
    for report in _report(batch, numbers, set(result.inserted_remote_ids)):
        counts[report.status] += 1
        yield report
