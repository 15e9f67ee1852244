from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from herald.core.testing import CouncilFactory, ServiceFactory
from herald.councils.models import Council, Service
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.inbox.models import Conversation
from herald.listening.models import MentionRollup, Source
from herald.publishing.models import Campaign


@dataclass
class Setup:
    council: Council
    other: Council
    service: Service
    account: SocialAccount


@pytest.fixture
def setup(db: None) -> Setup:
    council = CouncilFactory(name="Aldermoor County Council", slug="aldermoor")
    other = CouncilFactory(name="Mercia District Council", slug="mercia")
    service = ServiceFactory(council=council, name="Waste", slug="waste")
    account = make_account(council=council, service=service, kind="corporate")
    return Setup(council=council, other=other, service=service, account=account)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rollup(
    council: Council,
    day: datetime.date,
    *,
    positive: int,
    negative: int,
    neutral: int = 0,
    query: int = 0,
    service: str = "",
) -> MentionRollup:
    source, _ = Source.objects.get_or_create(council=council, kind="sandbox", name="Sandbox")
    return MentionRollup.objects.create(
        council=council,
        hour=at(day),
        source=source,
        query_id_key=query,
        service_label=service,
        total=positive + negative + neutral,
        positive=positive,
        negative=negative,
        neutral=neutral,
    )


def conversation(
    setup: Setup,
    day: datetime.date,
    *,
    outcome: str = "",
    responded_in_hours: float | None = None,
    target_hours: float | None = None,
    satisfaction: int | None = None,
    campaign: Campaign | None = None,
    council: Council | None = None,
) -> Conversation:
    started = at(day)
    n = Conversation.objects.count()
    return Conversation.objects.create(
        council=council or setup.council,
        account=setup.account,
        network="x",
        resident_handle=f"@resident{n}",
        thread_key=f"thread-{n}",
        first_message_at=started,
        last_message_at=started,
        outcome=outcome,
        satisfaction=satisfaction,
        campaign=campaign,
        first_response_due_at=started + datetime.timedelta(hours=target_hours)
        if target_hours
        else None,
        first_responded_at=started + datetime.timedelta(hours=responded_in_hours)
        if responded_in_hours is not None
        else None,
    )
