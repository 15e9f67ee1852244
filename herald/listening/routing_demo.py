"""The demo council's routing: keyword rules per service, and a default router trained from the
shipped labelled set (``data/mentions_labelled.csv``). Idempotent; audited as the system."""

from __future__ import annotations

from pathlib import Path

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.listening.enrichment.training import read_examples
from herald.listening.routing import selectors, services

DATASET = Path(__file__).resolve().parent / "data" / "mentions_labelled.csv"

# Words that, in a UK council's mentions, mean one service and nothing else. Kept short on
# purpose: a keyword overrides the trained router, so an ambiguous word here does harm.
DEMO_KEYWORDS: dict[str, list[str]] = {
    "waste": ["bin collection", "bins", "recycling", "fly-tipping", "fly tipping", "garden waste",
              "bulky waste", "food caddy", "missed collection"],
    "roads": ["pothole", "potholes", "roadworks", "gritting", "gritter", "street light",
              "resurfacing"],
    "council_tax": ["council tax", "single person discount", "council tax band"],
    "libraries": ["library", "libraries", "rhyme time", "ebooks"],
    "adult_social_care": ["care package", "adult social care", "reablement", "care home",
                          "occupational therapy"],
    "childrens_services": ["ehcp", "send team", "school place", "fostering", "foster carer",
                           "free school meals", "childrens services", "children's services"],
    "housing": ["housing register", "temporary accommodation", "black mould", "housing officer",
                "council flat", "council house"],
    "planning": ["planning application", "planning permission", "local plan",
                 "planning committee", "planning enforcement"],
    "parking": ["parking ticket", "pcn", "parking permit", "traffic warden", "parking warden",
                "pay and display", "car park"],
    "parks_leisure": ["playground", "leisure centre", "swimming pool", "allotment", "play area"],
}  # fmt: skip


def load_routing_demo(*, council: Council) -> None:
    """Keyword rules for each service the council lacks, and a default router if none is active."""
    existing = set(selectors.keyword_rules(council).values_list("service_label", flat=True))
    for label, keywords in DEMO_KEYWORDS.items():
        if label not in existing:
            services.save_keyword_rule(
                council=council, service_label=label, keywords=keywords, actor=SYSTEM
            )
    if selectors.active_router(None) is None:
        examples = read_examples(
            DATASET.read_text(encoding="utf-8"), text_column="text", label_column="service"
        )
        services.train_router(
            council=None, examples=examples, actor=SYSTEM, seed=1, trained_on=DATASET.name
        )
