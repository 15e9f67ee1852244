"""The demo stream goes through the real pipeline, has yesterday's spike and the planted
safeguarding message, and loads idempotently."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Sum
from django.utils import timezone

from conftest import Personas
from herald.listening.demo import load_demo
from herald.listening.models import CaptureGap, Mention, MentionRollup, Query
from herald.listening.tests.ingest.conftest import SandboxSetup

pytestmark = pytest.mark.django_db


def test_the_demo_stream(personas: Personas, sandbox_setup: SandboxSetup) -> None:
    council = personas.council
    load_demo(council=council)
    total = Mention.objects.filter(council=council).count()
    assert total > 250
    assert Mention.objects.filter(council=council, enriched_at__isnull=True).count() == 0
    rolled = MentionRollup.objects.filter(council=council, query_id_key=0).aggregate(Sum("total"))
    assert rolled["total__sum"] == total
    yesterday = timezone.now() - datetime.timedelta(days=1)
    strike = Query.objects.get(council=council, name="Bin strike")
    spike = strike.mentions.filter(posted_at__date=yesterday.date()).count()
    assert spike >= 60
    message = Mention.objects.get(council=council, kind="message", text__contains="left on his own")
    assert message.account_id == sandbox_setup.connection.account_id
    assert Mention.objects.filter(council=council, kind="comment").count() == 4
    assert CaptureGap.objects.filter(source__council=council, ended_at__isnull=False).exists()
    load_demo(council=council)
    assert Mention.objects.filter(council=council).count() == total
