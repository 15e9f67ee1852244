"""The calendar's demo data: campaigns, schedules for Aldermoor's corporate accounts and one
recurring series, loaded twice without change."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from herald.audit.models import AuditEvent
from herald.councils.models import Council
from herald.estate.models import SocialAccount
from herald.publishing.calendar.demo import load_calendar_demo
from herald.publishing.models import Campaign, Post, PublishingSchedule, Recurrence

pytestmark = pytest.mark.django_db


def test_the_calendar_demo_loads_once() -> None:
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    aldermoor = Council.objects.get(slug="aldermoor")
    load_calendar_demo(council=aldermoor)
    counts = (
        Campaign.objects.count(),
        PublishingSchedule.objects.count(),
        Recurrence.objects.count(),
        Post.objects.count(),
        AuditEvent.objects.count(),
    )
    names = set(Campaign.objects.filter(council=aldermoor).values_list("name", flat=True))
    assert {"Spring clean 2027", "Budget consultation 2027/28", "Winter road safety"} <= names
    assert Campaign.objects.get(name="Budget consultation 2027/28").is_consultation
    scheduled = PublishingSchedule.objects.filter(account__council=aldermoor)
    assert scheduled.exists()
    assert set(scheduled.values_list("account__kind", flat=True)) == {SocialAccount.Kind.CORPORATE}
    series = Recurrence.objects.get(council=aldermoor)
    assert series.posts.count() >= 4  # the first and the next weeks, drafted ahead
    load_calendar_demo(council=aldermoor)
    assert counts == (
        Campaign.objects.count(),
        PublishingSchedule.objects.count(),
        Recurrence.objects.count(),
        Post.objects.count(),
        AuditEvent.objects.count(),
    )
    brackenfield = Council.objects.get(slug="brackenfield")
    load_calendar_demo(council=brackenfield)
    assert not Campaign.objects.filter(council=brackenfield).exists()
