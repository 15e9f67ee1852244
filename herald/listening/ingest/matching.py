"""Which of the council's active queries each new mention matches, decided at ingestion."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

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


def match_queries(*, council_id: int, mentions: Sequence[Mention]) -> int:
    """Link each mention to the queries it matches; returns how many links were made."""
    queries = compiled_queries(council_id)
    if not queries:
        return 0
    through = Mention.queries.through
    links: list[Any] = []
    for mention in mentions:
        text = prepare(mention.text)
        links.extend(
            through(mention_id=mention.pk, query_id=query.query_id)
            for query in queries
            if query.matches(text)
        )
    through.objects.bulk_create(links, ignore_conflicts=True, batch_size=1000)
    return len(links)
