"""The insight demo over a stream like the demo's: a quiet month, a bin-strike spike yesterday
and a planted safeguarding item give the communications officer both alerts, once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.listening.insight_demo import load_insight_demo
from herald.listening.models import Alert, AlertRule, ListeningSettings
from herald.listening.tests.insight.support import make_mention, make_source, write_rollup

pytestmark = pytest.mark.django_db


def test_the_demo_raises_the_spike_and_the_safeguarding_alerts_once(personas: Personas) -> None:
    council = personas.council
    source = make_source(council)
    now = timezone.now()
    for back in range(2, 30):
        write_rollup(source, hour=now - datetime.timedelta(days=back), total=6, negative=2)
    yesterday = now - datetime.timedelta(days=1)
    write_rollup(source, hour=yesterday.replace(hour=9), total=45, negative=38)
    make_mention(
        source,
        posted_at=now - datetime.timedelta(days=3),
        safeguarding=True,
        safeguarding_reasons=["child at risk"],
    )
    load_insight_demo(council=council)
    load_insight_demo(council=council)
    kinds = sorted(Alert.objects.filter(council=council).values_list("rule__kind", flat=True))
    assert kinds == ["high_risk", "negative_shift", "volume_spike"]
    assert AlertRule.objects.filter(council=council).count() == 3
    assert ListeningSettings.objects.get(council=council).retention_months == 13
    assert AlertRule.objects.get(kind="high_risk").email_to == [personas.digital_lead.user.email]
