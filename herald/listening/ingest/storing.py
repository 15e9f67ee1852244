"""Storing a batch of new mentions in one statement each, the hot path of ingestion.

``INSERT … ON CONFLICT (council, network, remote_id) DO NOTHING RETURNING id, remote_id`` (which
SQLite and PostgreSQL both speak) stores the rows nobody stored before and says which they were,
so two workers storing the same item at once cannot both count it, and no read is needed first.
Django's ``bulk_create`` cannot return ids when it ignores conflicts, and prepares every value of
every row through each field; here only the values that differ between mentions are prepared per
row, and every other column gets its field's default, prepared once per batch (so a field another
part adds with a default is filled too).

On PostgreSQL the rows go in by ``COPY`` into a temporary table first, then one ``INSERT … SELECT``
from it: a multi-row ``VALUES`` statement has one placeholder per value (tens of thousands per
batch), which the driver must parse on every call and the server must plan; ``COPY`` streams the
rows and the statement's text never changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from django.db import connection
from django.utils import timezone

from herald.listening.enrichment import FIELDS as ENRICHED
from herald.listening.models import Mention

# The columns ingestion fills per mention; every other column takes its field's default.
PER_MENTION = (
    "council_id",
    "source_id",
    "network",
    "remote_id",
    "url",
    "author_handle",
    "author_name",
    "text",
    "language",
    "posted_at",
    "in_reply_to",
    "thread_key",
    "account_id",
    "kind",
    "duplicate_key",
    "is_repost",
    "likes",
    "shares",
    "replies",
    # Enrichment, set on the objects just before they are inserted.
    *ENRICHED,
)
# Values that need their field's preparation for the database (JSON, aware datetimes).
_PREPARED = frozenset(
    {"posted_at", "enriched_at", "personal_data", "safeguarding_reasons", "enrichment_versions"}
)
CHUNK = 500  # rows per statement: well under SQLite's bound-parameter limit


def _constant_columns() -> dict[str, Any]:
    now = timezone.now()
    values: dict[str, Any] = {}
    for field in Mention._meta.concrete_fields:
        if field.primary_key or field.attname in PER_MENTION:
            continue
        value = now if getattr(field, "auto_now_add", False) else field.get_default()
        values[str(field.column)] = field.get_db_prep_save(value, connection)
    return values


def _preparers(fields: dict[str, Any], *, copying: bool) -> list[tuple[int, Any]]:
    """Per column needing it, how its value is made ready: the field's own preparation, except
    that ``COPY`` takes JSON as its text and aware datetimes as they are (the driver's own C
    adapters), cheaper than wrapping each value for the driver to unwrap again."""
    prepare = []
    for index, name in enumerate(PER_MENTION):
        if name not in _PREPARED:
            continue
        field = fields[name]
        if not copying:
            prepare.append((index, partial(field.get_db_prep_save, connection=connection)))
        elif field.get_internal_type() == "JSONField":
            prepare.append((index, partial(json.dumps, cls=field.encoder)))
    return prepare


def _row(mention: Mention, constants: list[Any], prepare: list[tuple[int, Any]]) -> list[Any]:
    values = mention.__dict__
    row = [values[name] for name in PER_MENTION]
    for index, make_ready in prepare:
        row[index] = make_ready(row[index])
    return row + constants


def insert_new(mentions: Sequence[Mention]) -> list[Mention]:
    """Store the mentions not stored before; returns those, with their ids set."""
    constants = _constant_columns()
    by_attname = {field.attname: str(field.column) for field in Mention._meta.concrete_fields}
    fields = {field.attname: field for field in Mention._meta.concrete_fields}
    columns = [by_attname[name] for name in PER_MENTION] + list(constants)
    copying = connection.vendor == "postgresql"
    prepare = _preparers(fields, copying=copying)
    row_constants = list(constants.values())
    rows = [_row(mention, row_constants, prepare) for mention in mentions]
    stored = _copy_in(columns, rows) if copying else _values_in(columns, rows)
    created = []
    for mention in mentions:
        if mention.remote_id in stored:
            mention.pk = stored[mention.remote_id]
            mention._state.adding = False
            created.append(mention)
    return created


_CONFLICT = "ON CONFLICT (council_id, network, remote_id) DO NOTHING RETURNING id, remote_id"


def _values_in(columns: list[str], rows: list[list[Any]]) -> dict[str, int]:
    table = Mention._meta.db_table
    stored: dict[str, int] = {}
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 - names are the model's
            f"VALUES {', '.join([row_sql] * len(chunk))} {_CONFLICT}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for row in chunk for value in row])
            stored.update((remote_id, pk) for pk, remote_id in cursor.fetchall())
    return stored


def _copy_in(columns: list[str], rows: list[list[Any]]) -> dict[str, int]:
    """PostgreSQL: ``COPY`` into this session's staging table, then insert what is new from it.

    The staging table is temporary (this connection's alone, emptied at commit) and named for
    its columns, so a deployment that adds a column gets a new one rather than a mismatch.
    """
    table = Mention._meta.db_table
    names = ", ".join(columns)
    staging = f"herald_mention_in_{hashlib.sha256(names.encode()).hexdigest()[:10]}"
    create = (
        f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DELETE ROWS "  # noqa: S608 - names are the model's
        f"AS SELECT {names} FROM {table} WITH NO DATA"
    )
    with connection.cursor() as cursor:
        cursor.execute(create)
        with cursor.cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} {_CONFLICT}"  # noqa: S608
        )
        stored = {remote_id: pk for pk, remote_id in cursor.fetchall()}
        cursor.execute(f"DELETE FROM {staging}")  # noqa: S608 - ours; the batch may not commit yet
    return stored
