"""The demo council's routing: keywords per service and a default router, loaded once."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.listening.enrichment import analyse
from herald.listening.models import RouterModel
from herald.listening.routing import selectors
from herald.listening.routing_demo import DEMO_KEYWORDS, load_routing_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_keywords_and_a_default_router_once(personas: Personas) -> None:
    load_routing_demo(council=personas.council)
    load_routing_demo(council=personas.council)
    labels = set(selectors.keyword_rules(personas.council).values_list("service_label", flat=True))
    assert labels == set(DEMO_KEYWORDS)
    default = RouterModel.objects.get()
    assert default.council is None
    assert default.is_active
    assert default.trained_on == "mentions_labelled.csv"
    # A keyword routes with certainty; the router places what no keyword names.
    assert analyse("Another pothole", council_id=personas.council.pk).service_confidence == 1.0
    routed = analyse("the swings in the park are broken", council_id=personas.council.pk)
    assert routed.versions["service"] == "router-default-v1"
