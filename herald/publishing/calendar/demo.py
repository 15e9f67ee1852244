"""The calendar's demonstration data, through its services: campaigns, publishing schedules for
Aldermoor's corporate accounts and one recurring series. Publishing's demo (which makes the posts)
calls ``load_calendar_demo`` at its end. Loading twice changes nothing."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from herald.audit.services import SYSTEM
from herald.councils.roles import Role
from herald.estate.models import SocialAccount
from herald.publishing.calendar import dates, recurrence, services
from herald.publishing.calendar.drafts import VariantDraft, create_calendar_draft
from herald.publishing.models import PublishingSchedule, Recurrence

if TYPE_CHECKING:
    from herald.councils.models import Council

DEMO = SYSTEM

# name, service (by name, or None), starts in days, lasts days, consultation, description
CAMPAIGNS = [
    (
        "Spring clean 2027",
        "Waste and Recycling",
        90,
        45,
        False,
        "Litter picks, bulky waste amnesty and recycling centre opening hours",
    ),
    (
        "Budget consultation 2027/28",
        None,
        14,
        42,
        True,
        "Residents tell us what matters most in next year's budget",
    ),
    (
        "Winter road safety",
        "Highways",
        -14,
        90,
        False,
        "Gritting routes, driving in snow and ice, and school-run safety",
    ),
]

# network → (target a week, preferred slots)
SCHEDULES = {
    "facebook_page": (
        5,
        ["Monday 09:00", "Tuesday 12:30", "Wednesday 09:00", "Thursday 12:30", "Friday 16:00"],
    ),
    "x": (
        7,
        [
            "Monday 08:30",
            "Tuesday 08:30",
            "Wednesday 08:30",
            "Thursday 08:30",
            "Friday 08:30",
            "Saturday 10:00",
            "Sunday 10:00",
        ],
    ),
    "instagram": (3, ["Tuesday 18:00", "Thursday 18:00", "Saturday 11:00"]),
    "linkedin": (2, ["Tuesday 10:00", "Thursday 10:00"]),
    "mastodon": (3, ["Monday 09:00", "Wednesday 09:00", "Friday 09:00"]),
    "bluesky": (3, ["Monday 09:00", "Wednesday 09:00", "Friday 09:00"]),
}

SERIES_TITLE = "Friday bin collection reminder"


def load_calendar_demo(*, council: Council) -> None:
    if council.slug != "aldermoor":
        return
    _campaigns(council)
    _schedules(council)
    _series(council)


def _campaigns(council: Council) -> None:
    existing = set(council.campaigns.values_list("name", flat=True))
    by_name = {s.name: s for s in council.services.all()}
    today = dates.today()
    for name, service, starts, lasts, consultation, description in CAMPAIGNS:
        if name in existing:
            continue
        first = today + datetime.timedelta(days=starts)
        services.create_campaign(
            council=council,
            details={
                "name": name,
                "description": description,
                "service": by_name.get(service) if service else None,
                "starts_on": first,
                "ends_on": first + datetime.timedelta(days=lasts),
                "is_consultation": consultation,
            },
            actor=DEMO,
        )


def _schedules(council: Council) -> None:
    corporate = council.social_accounts.filter(
        kind=SocialAccount.Kind.CORPORATE, status=SocialAccount.Status.ACTIVE
    ).order_by("id")
    done = set(
        PublishingSchedule.objects.filter(account__council=council).values_list(
            "account_id", flat=True
        )
    )
    for account in corporate:
        plan = SCHEDULES.get(account.network)
        if plan is None or account.pk in done:
            continue
        target, slots = plan
        services.set_schedule(
            account=account,
            target_per_week=target,
            slots=services.parse_slots("\n".join(slots)),
            actor=DEMO,
        )


def _series(council: Council) -> None:
    if Recurrence.objects.filter(council=council).exists():
        return
    lead = council.memberships.active().with_role(Role.DIGITAL_TEAM).select_related("user").first()
    accounts = list(
        council.social_accounts.filter(
            kind=SocialAccount.Kind.CORPORATE,
            status=SocialAccount.Status.ACTIVE,
            network__in=["facebook_page", "x"],
        ).order_by("network", "id")[:2]
    )
    if lead is None or not accounts:
        return
    actor = DEMO
    today = dates.today()
    friday = today + datetime.timedelta(days=(4 - today.weekday()) % 7 or 7)
    first = dates.at(friday, datetime.time(8, 0))
    text = (
        "Is it your bin week? Check your collection day and what goes in which bin: "
        "aldermoor.gov.uk/bins"
    )
    post = create_calendar_draft(
        council=council,
        author=lead.user,
        title=SERIES_TITLE,
        scheduled_for=first,
        variants=[
            VariantDraft(account=a, text=text, link="https://aldermoor.gov.uk/bins")
            for a in accounts
        ],
        actor=actor,
    )
    recurrence.make_recurring(
        post=post,
        frequency=Recurrence.Frequency.WEEKLY,
        interval=1,
        ends_on=friday + datetime.timedelta(weeks=26),
        actor=actor,
    )
