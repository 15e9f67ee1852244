"""Reads about the estate for the programme's figures (report ¶18, phases 1 and 4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q

from herald.estate.models import Finding

if TYPE_CHECKING:
    from herald.councils.models import Council


@dataclass(frozen=True)
class Housekeeping:
    accounts: int
    without_open_findings: int
    corporate: int
    branding_complete: int


def housekeeping(*, council: Council) -> Housekeeping:
    """Accounts still open, how many have no open findings, how many are corporate and fully
    branded: one query."""
    open_finding = Finding.objects.filter(account=OuterRef("pk"), resolved_at__isnull=True)
    branded = Q(
        brand_name_and_logo=True,
        brand_profile_text=True,
        brand_website_link=True,
        brand_house_rules=True,
    )
    row = (
        council.social_accounts.open()
        .annotate(has_open=Exists(open_finding))
        .aggregate(
            accounts=Count("pk"),
            clean=Count("pk", filter=Q(has_open=False)),
            corporate=Count("pk", filter=Q(kind="corporate")),
            branded=Count("pk", filter=branded),
        )
    )
    return Housekeeping(
        accounts=row["accounts"],
        without_open_findings=row["clean"],
        corporate=row["corporate"],
        branding_complete=row["branded"],
    )
