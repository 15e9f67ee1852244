"""Which of the council's active queries each new mention matches, decided at ingestion."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import connection

from herald.listening.models import Mention, Query
from herald.listening.query_language import Compiled, InvalidQuery, compile_query, prepare

logger = logging.getLogger(__name__)


def compiled_queries(council_id: int) -> list[Compiled]:
    """The council's active queries, parsed (one saved before a rule tightened is passed over,
    logged, rather than stopping ingestion)."""
    compiled = []
    rows = Query.objects.filter(council_id=council_id, is_active=True).values_list(
        "pk", "expression", "exclusions"
    )
    for query_id, expression, exclusions in rows:
        try:
            compiled.append(
                compile_query(query_id=query_id, expression=expression, exclusions=exclusions)
            )
        except InvalidQuery as error:
            logger.warning("Listening query %s cannot be parsed: %s", query_id, error.message)
    return compiled


def match_queries(*, council_id: int, mentions: Sequence[Mention]) -> dict[int, list[int]]:
    """Link each mention to the queries it matches; returns each linked mention's query ids."""
    queries = compiled_queries(council_id)
    if not queries:
        return {}
    links: list[tuple[int, int]] = []
    matched: dict[int, list[int]] = {}
    for mention in mentions:
        text = prepare(mention.text)
        found = [query.query_id for query in queries if query.matches(text)]
        if found:
            matched[mention.pk] = found
            links.extend((mention.pk, query_id) for query_id in found)
    _store_links(links)
    return matched


def _store_links(links: list[tuple[int, int]]) -> None:
    """One INSERT per 400 links (model instances per link cost more than the match itself);
    on PostgreSQL one for them all, the two columns sent as arrays."""
    if not links:
        return
    through = Mention.queries.through._meta
    mention_column = through.get_field("mention").column
    query_column = through.get_field("query").column
    if connection.vendor == "postgresql":
        mention_ids, query_ids = zip(*links, strict=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {through.db_table} ({mention_column}, {query_column}) "  # noqa: S608
                "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) ON CONFLICT DO NOTHING",
                [list(mention_ids), list(query_ids)],
            )
        return
    for start in range(0, len(links), 400):
        chunk = links[start : start + 400]
        sql = (
            f"INSERT INTO {through.db_table} ({mention_column}, {query_column}) "  # noqa: S608
            f"VALUES {', '.join(['(%s, %s)'] * len(chunk))} ON CONFLICT DO NOTHING"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for link in chunk for value in link])
