"""Setting up the analysers for a council from its rows: keyword rules, router, rule pack."""

from __future__ import annotations

import hashlib
import json

from herald.councils.models import Council
from herald.listening.enrichment.analysis import Analyser
from herald.listening.enrichment.keywords import KeywordRules
from herald.listening.enrichment.personal import personal_data_context
from herald.listening.enrichment.router import Router
from herald.listening.routing import selectors
from herald.standards.selectors import rule_pack_for

# A saved router version never changes, so its parsed weights are kept per row for the process
# (keyed with its creation time too: a restored or test database can give a new row an old id).
_routers: dict[tuple[int, str], Router] = {}


def analyser_for(council_id: int | None) -> Analyser:
    """Every analyser as the council has configured it (two small queries and cached parts)."""
    rules = selectors.keyword_rules_data(council_id) if council_id is not None else []
    model = selectors.active_router(council_id)
    router = None
    if model is not None:
        key = (model.pk, model.created_at.isoformat())
        router = _routers.get(key)
        if router is None:
            router = _routers[key] = Router.from_json(model.weights)
    pack = None
    if council_id is not None:
        council = Council.objects.filter(pk=council_id).first()
        pack = rule_pack_for(council=council) if council is not None else None
    return Analyser(
        keywords=KeywordRules(rules),
        keywords_version=_keywords_version(rules),
        router=router,
        router_version=_router_version(model),
        personal_context=personal_data_context(pack),
    )


def _keywords_version(rules: list[tuple[str, list[str]]]) -> str:
    # The rules have no version number of their own: a digest of them says exactly which applied.
    digest = hashlib.sha1(json.dumps(rules).encode(), usedforsecurity=False).hexdigest()
    return f"keywords-{digest[:10]}"


def _router_version(model: object) -> str:
    if model is None:
        return "none"
    council_id = getattr(model, "council_id", None)
    scope = "default" if council_id is None else f"council-{council_id}"
    return f"router-{scope}-v{getattr(model, 'version', 0)}"
