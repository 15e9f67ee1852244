"""``enrich_mentions``: every analyser's result stored on the mention, stamped with its version,
with each council's own keyword rules and router (or the deployment default)."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.listening.enrichment import analyse, enrich_mentions
from herald.listening.models import Mention
from herald.listening.routing import services
from herald.listening.tests.enrich.conftest import EXAMPLES, mention
from herald.standards.models import StandardsSettings
from herald.standards.selectors import forget_rule_pack

pytestmark = pytest.mark.django_db


def test_every_result_is_stored_and_stamped(personas: Personas) -> None:
    item = mention(
        personas.council,
        "Bins not collected again, absolute sh1t. My nan with dementia hasn't eaten. 07700 900123",
    )
    assert enrich_mentions([item]) == 1
    item = Mention.objects.get(pk=item.pk)
    assert item.sentiment == "negative"
    assert item.sentiment_score is not None
    assert item.sentiment_score < 0
    assert item.offensive is True
    assert item.offensive_score is not None
    assert [p["kind"] for p in item.personal_data] == ["phone"]
    assert item.safeguarding is True
    assert "vulnerable_adult_at_risk" in item.safeguarding_reasons
    assert item.enriched_at is not None
    assert set(item.enrichment_versions) == {
        "sentiment",
        "offensive",
        "personal_data",
        "safeguarding",
        "service",
    }


def test_keyword_rules_route_before_the_trained_router(personas: Personas) -> None:
    services.train_router(council=None, examples=EXAMPLES, actor=SYSTEM)
    services.save_keyword_rule(
        council=personas.council, service_label="parking", keywords=["bin"], actor=SYSTEM
    )
    ours = mention(personas.council, "my bin was not collected")
    theirs = mention(personas.other_council, "my bin was not collected")
    enrich_mentions([ours, theirs])
    ours.refresh_from_db()
    theirs.refresh_from_db()
    assert (ours.service_label, ours.service_confidence) == ("parking", 1.0)
    assert ours.enrichment_versions["service"].startswith("keywords-")
    assert theirs.service_label == "waste"  # no rules there: the deployment default's router
    assert theirs.enrichment_versions["service"] == "router-default-v1"


def test_a_councils_own_router_wins_over_the_default(personas: Personas) -> None:
    services.train_router(council=None, examples=EXAMPLES, actor=SYSTEM)
    flipped = [(text, "waste" if label == "roads" else "roads") for text, label in EXAMPLES]
    services.train_router(council=personas.council, examples=flipped, actor=SYSTEM)
    result = analyse("huge pothole on the road", council_id=personas.council.pk)
    assert result.service == "waste"
    assert result.versions["service"] == f"router-council-{personas.council.pk}-v1"
    other = analyse("huge pothole on the road", council_id=personas.other_council.pk)
    assert other.service == "roads"


def test_the_councils_own_numbers_are_not_personal_data(personas: Personas) -> None:
    StandardsSettings.objects.create(council=personas.council, own_email_domains=["wessex.gov.uk"])
    forget_rule_pack(council_id=personas.council.pk)  # what the standards services do on a change
    result = analyse("Email waste@wessex.gov.uk", council_id=personas.council.pk)
    assert result.personal_data == []
    other = analyse("Email waste@wessex.gov.uk", council_id=personas.other_council.pk)
    assert [p["kind"] for p in other.personal_data] == ["email"]


def test_enriching_twice_keeps_other_version_stamps(personas: Personas) -> None:
    item = mention(personas.council, "Library is lovely")
    item.enrichment_versions = {"language": "lang-1"}
    item.save()
    enrich_mentions([item])
    enrich_mentions([item])
    item.refresh_from_db()
    assert item.enrichment_versions["language"] == "lang-1"
