"""The housekeeping check (report ¶18 phases 1 and 4): rules over the register raise findings.

One pass reads the council's accounts, admin access and holders as plain values (a handful of
queries whatever the estate's size), evaluates every rule in memory, then writes the difference
with the open findings in bulk: new ones raised, ones still found kept, ones gone resolved.
Findings close only here, when a re-run no longer finds them, never by hand.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.estate.connections import connection_health
from herald.estate.models import AdminAccess, Finding, HealthSnapshot, SocialAccount
from herald.estate.notify import rights_suspended
from herald.estate.rules import AccountFacts, Candidate, Holder, evaluate, likely_duplicates
from herald.estate.services.register import estate_settings
from herald.estate.training import suspended_roles, trained_ids
from herald.estate.workflow import AUDITED_STATUSES

if TYPE_CHECKING:
    from herald.councils.models import Council

FACT_FIELDS = (
    "id",
    "name",
    "network",
    "status",
    "service_id",
    "owner_id",
    "deputy_id",
    "two_factor",
    *SocialAccount.BRANDING_FIELDS,
    "last_post_on",
    "created_at",
    "review_due_on",
    "purpose",
    "audience",
)


@dataclass(frozen=True)
class HousekeepingResult:
    accounts: int
    raised: int
    still_open: int
    resolved: int

    def as_dict(self) -> dict[str, int]:
        return {
            "accounts": self.accounts,
            "raised": self.raised,
            "still_open": self.still_open,
            "resolved": self.resolved,
        }


def run_housekeeping(
    *, council: Council, actor: Actor, on: datetime.date | None = None
) -> HousekeepingResult:
    """Check every open account against the rules and bring the open findings into line."""
    today = on or timezone.localdate()
    facts = gather_facts(council=council, today=today)
    settings = estate_settings(council=council)
    candidates = [c for fact in facts for c in evaluate(fact, today=today, settings=settings)]
    candidates += likely_duplicates(facts)
    with transaction.atomic():
        result = _apply(council, facts, candidates, today=today)
        _snapshot(council, facts, candidates, today=today)
        settings.last_checked_at = timezone.now()
        settings.save(update_fields=["last_checked_at"])
        record(
            council=council,
            actor=actor,
            action="estate.housekeeping_run",
            summary=(
                f"Housekeeping check of {result.accounts} accounts: {result.raised} new "
                f"findings, {result.resolved} resolved, {result.still_open} still open"
            ),
            changes=result.as_dict(),
        )
    return result


def gather_facts(*, council: Council, today: datetime.date) -> list[AccountFacts]:
    """Everything the rules need, in a handful of queries (accounts, access, holders, training,
    suspensions) plus whatever connection providers are registered."""
    rows = list(council.social_accounts.filter(status__in=AUDITED_STATUSES).values(*FACT_FIELDS))
    access: dict[int, list[tuple[int | None, bool, str]]] = defaultdict(list)
    for account_id, staff_id, is_team, level in AdminAccess.objects.filter(
        account__council=council, account__status__in=AUDITED_STATUSES, removed_at__isnull=True
    ).values_list("account_id", "staff_member_id", "is_digital_team", "level"):
        access[account_id].append((staff_id, is_team, level))
    staff_ids = {row[k] for row in rows for k in ("owner_id", "deputy_id") if row[k]}
    staff_ids |= {s for held in access.values() for s, _, _ in held if s}
    people = {
        pk: Holder(id=pk, name=f"{first} {last}", left=bool(left_on and left_on <= today))
        for pk, first, last, left_on in council.staff_members.filter(pk__in=staff_ids).values_list(
            "pk", "first_name", "last_name", "left_on"
        )
    }
    trained = trained_ids(council=council, staff_ids=set(people), on=today)
    suspended = suspended_roles(council=council)
    health = connection_health(council=council, account_ids=[row["id"] for row in rows])
    return [
        replace(
            _facts(row, access[row["id"]], people, trained),
            suspended=suspended,
            connection=health.get(row["id"]),
        )
        for row in rows
    ]


def _facts(
    row: dict[str, object],
    access: list[tuple[int | None, bool, str]],
    people: dict[int, Holder],
    trained: set[int],
) -> AccountFacts:
    def holder(pk: object) -> Holder | None:
        return people.get(pk) if isinstance(pk, int) else None

    return AccountFacts(
        row=row,
        owner=holder(row["owner_id"]),
        deputy=holder(row["deputy_id"]),
        admins=[people[s] for s, team, _ in access if s is not None and s in people],
        digital_team_access=any(
            team and level in AdminAccess.FULL_LEVELS for _, team, level in access
        ),
        trained=trained,
    )


def _apply(
    council: Council,
    facts: list[AccountFacts],
    candidates: list[Candidate],
    *,
    today: datetime.date,
) -> HousekeepingResult:
    now = timezone.now()
    existing = {
        (account_id, kind, subject): pk
        for pk, account_id, kind, subject in council.estate_findings.open().values_list(
            "pk", "account_id", "kind", "subject"
        )
    }
    found = {c.key: c for c in candidates}
    new = [c.finding(council=council, today=today) for k, c in found.items() if k not in existing]
    Finding.objects.bulk_create(new, batch_size=500)
    # Told once, when the finding is first raised: re-runs keep it open without a new email.
    suspended = [f for f in new if f.kind == Finding.Kind.RIGHTS_SUSPENDED]
    if suspended:
        rights_suspended(council=council, findings=suspended)
    kept = [pk for key, pk in existing.items() if key in found]
    gone = [pk for key, pk in existing.items() if key not in found]
    for chunk in _chunks(gone):
        Finding.objects.filter(pk__in=chunk).update(resolved_at=now, updated_at=now)
    return HousekeepingResult(
        accounts=len(facts), raised=len(new), still_open=len(kept), resolved=len(gone)
    )


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _snapshot(
    council: Council,
    facts: list[AccountFacts],
    candidates: list[Candidate],
    *,
    today: datetime.date,
) -> None:
    """Today's figures per service, for the dashboard's trend (re-runs replace them)."""
    service_of = {fact.row["id"]: fact.row["service_id"] for fact in facts}
    accounts = Counter(service_of.values())
    findings = Counter(service_of[c.account_id] for c in candidates)
    HealthSnapshot.objects.bulk_create(
        [
            HealthSnapshot(
                council=council,
                service_id=service_id,
                taken_on=today,
                accounts=count,
                open_findings=findings[service_id],
            )
            for service_id, count in accounts.items()
        ],
        update_conflicts=True,
        unique_fields=["council", "service", "taken_on"],
        update_fields=["accounts", "open_findings"],
    )
