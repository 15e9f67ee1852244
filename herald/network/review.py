"""The quarterly review: exceptions about to expire, and how much each category is used."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Sum
from django.utils import timezone

from herald.audit.services import SYSTEM, Actor, record
from herald.network.models import Category, PolicyException, ProxyRequest

if TYPE_CHECKING:
    from herald.councils.models import Council

EXPIRING_WITHIN = datetime.timedelta(days=91)


@dataclass(frozen=True)
class CategoryUse:
    category: Category
    requests: int
    blocked: int
    bytes: int


@dataclass(frozen=True)
class Review:
    today: datetime.date
    since: datetime.date
    expiring: list[PolicyException]
    categories: list[CategoryUse]

    def as_dict(self) -> dict[str, object]:
        return {
            "today": self.today.isoformat(),
            "since": self.since.isoformat(),
            "expiring": [
                {
                    "group": item.group.name,
                    "category": item.category.name,
                    "action": item.action,
                    "expires_on": item.expires_on.isoformat(),
                    "business_reason": item.business_reason,
                }
                for item in self.expiring
            ],
            "categories": [
                {
                    "category": use.category.name,
                    "action": use.category.action,
                    "requests": use.requests,
                    "blocked": use.blocked,
                    "bytes": use.bytes,
                }
                for use in self.categories
            ],
        }


def quarterly_review(*, council: Council, today: datetime.date | None = None) -> Review:
    today = today or timezone.localdate()
    since = today - EXPIRING_WITHIN
    expiring = list(
        PolicyException.objects.filter(
            council=council,
            revoked_at__isnull=True,
            expires_on__gte=today,
            expires_on__lte=today + EXPIRING_WITHIN,
        ).select_related("group", "category", "approver")
    )
    used: dict[str, dict[str, int]] = {
        row["category"]: {
            "requests": row["requests"],
            "blocked": row["blocked"],
            "size": row["size"] or 0,
        }
        for row in ProxyRequest.objects.filter(council=council, at__date__gte=since)
        .values("category")
        .annotate(
            requests=Count("id"), blocked=Count("id", filter=Q(blocked=True)), size=Sum("bytes")
        )
    }
    categories = [
        CategoryUse(
            category=category,
            requests=used.get(category.slug, {}).get("requests", 0),
            blocked=used.get(category.slug, {}).get("blocked", 0),
            bytes=used.get(category.slug, {}).get("size", 0) or 0,
        )
        for category in Category.objects.filter(council=council)
    ]
    return Review(today=today, since=since, expiring=expiring, categories=categories)


def record_review(*, council: Council, actor: Actor = SYSTEM) -> Review:
    review = quarterly_review(council=council)
    record(
        council=council,
        actor=actor,
        action="network.quarterly_review",
        summary=(
            f"Quarterly web access review: {len(review.expiring)} exceptions expire within "
            f"{EXPIRING_WITHIN.days} days"
        ),
        changes=review.as_dict(),
    )
    return review
