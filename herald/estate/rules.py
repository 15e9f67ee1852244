"""The housekeeping rules: pure functions from one account's facts to the findings it deserves."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from herald.estate.connections import ConnectionHealth
from herald.estate.models import Finding, SocialAccount

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.estate.models import EstateSettings

K = Finding.Kind
H, M, L = Finding.Severity.HIGH, Finding.Severity.MEDIUM, Finding.Severity.LOW
FIX, MERGE, CLOSE = Finding.Action.FIX, Finding.Action.MERGE, Finding.Action.CLOSE

# Each kind's severity, recommended action and how many days the service has to fix it.
POLICY: dict[str, tuple[str, str, int]] = {
    K.DORMANT: (M, CLOSE, 30),
    K.NO_OWNER: (H, FIX, 14),
    K.OWNER_LEFT: (H, FIX, 7),
    K.ADMIN_LEFT: (H, FIX, 7),
    K.NO_DEPUTY: (M, FIX, 30),
    K.NO_DIGITAL_ACCESS: (H, FIX, 14),
    K.TWO_FACTOR_OFF: (H, FIX, 7),
    K.BRANDING_INCOMPLETE: (L, FIX, 60),
    K.REVIEW_OVERDUE: (M, FIX, 30),
    K.LIKELY_DUPLICATE: (M, MERGE, 60),
    K.UNTRAINED_HOLDER: (M, FIX, 30),
    K.RIGHTS_SUSPENDED: (H, FIX, 7),
    K.CONNECTION_FAILING: (H, FIX, 7),
    K.CONNECTION_EXPIRING: (M, FIX, 14),
}


@dataclass(frozen=True)
class Holder:
    id: int
    name: str
    left: bool


@dataclass(frozen=True)
class AccountFacts:
    row: dict[str, Any]  # the SocialAccount values named in housekeeping.FACT_FIELDS
    owner: Holder | None
    deputy: Holder | None
    admins: list[Holder]
    digital_team_access: bool
    trained: set[int]
    # Staff whose publishing rights learning has suspended, with the roles taken away.
    suspended: dict[int, str] = field(default_factory=dict)
    connection: ConnectionHealth | None = None

    @property
    def assignee_id(self) -> int | None:
        """Who gets the remediation task: the owner, or the deputy if the owner has gone."""
        for holder in (self.owner, self.deputy):
            if holder is not None and not holder.left:
                return holder.id
        return None


@dataclass(frozen=True)
class Candidate:
    account_id: int
    kind: str
    detail: str
    assignee_id: int | None
    subject: str = ""

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.account_id, self.kind, self.subject)

    def finding(self, *, council: Council, today: datetime.date) -> Finding:
        severity, action, days = POLICY[self.kind]
        return Finding(
            council=council,
            account_id=self.account_id,
            kind=self.kind,
            subject=self.subject,
            severity=severity,
            action=action,
            detail=self.detail[:500],
            assignee_id=self.assignee_id,
            due_on=today + datetime.timedelta(days=days),
        )


def evaluate(
    facts: AccountFacts, *, today: datetime.date, settings: EstateSettings
) -> Iterator[Candidate]:
    """Every finding one account deserves today."""
    row = facts.row

    def found(kind: str, detail: str, subject: str = "") -> Candidate:
        return Candidate(row["id"], kind, detail, facts.assignee_id, subject)

    yield from _dormant(facts, today, settings.dormant_after_days, found)
    yield from _holders(facts, found)
    yield from _suspended(facts, found)
    yield from _connection(facts.connection, today, settings.connection_expiry_days, found)
    if not facts.digital_team_access:
        yield found(K.NO_DIGITAL_ACCESS, "The digital team does not hold admin access")
    if row["two_factor"] != SocialAccount.TwoFactor.ON:
        state = "off" if row["two_factor"] == SocialAccount.TwoFactor.OFF else "not confirmed"
        yield found(K.TWO_FACTOR_OFF, f"Two-factor authentication is {state}")
    missing = [name for name in SocialAccount.BRANDING_FIELDS if not row[name]]
    if missing:
        labels = ", ".join(BRANDING_LABELS[name] for name in missing)
        yield found(K.BRANDING_INCOMPLETE, f"Branding missing: {labels}")
    due = row["review_due_on"]
    if due is not None and due < today:
        yield found(K.REVIEW_OVERDUE, f"Not confirmed since its review fell due on {due:%d %B %Y}")


BRANDING_LABELS = {
    "brand_name_and_logo": "council name and logo",
    "brand_profile_text": "profile text",
    "brand_website_link": "link to the council website",
    "brand_house_rules": "house rules link",
}


def _dormant(
    facts: AccountFacts, today: datetime.date, days: int, found: Any
) -> Iterator[Candidate]:
    row = facts.row
    if row["status"] == SocialAccount.Status.REQUESTED:
        return  # still being set up
    last = row["last_post_on"]
    since = last or row["created_at"].date()
    if (today - since).days > days:
        when = f"since {last:%d %B %Y}" if last else "ever recorded"
        yield found(K.DORMANT, f"No post {when} (more than {days} days)")


def _holders(facts: AccountFacts, found: Any) -> Iterator[Candidate]:
    if facts.owner is None:
        yield found(K.NO_OWNER, "No named owner")
    if facts.deputy is None or facts.deputy == facts.owner:
        yield found(K.NO_DEPUTY, "No named deputy")
    named = [(role, h) for role, h in (("owner", facts.owner), ("deputy", facts.deputy)) if h]
    for role, holder in named:
        if holder.left:
            yield found(K.OWNER_LEFT, f"The {role}, {holder.name}, has left", str(holder.id))
        elif holder.id not in facts.trained:
            detail = f"The {role}, {holder.name}, has not completed training"
            yield found(K.UNTRAINED_HOLDER, detail, str(holder.id))
    named_ids = {h.id for _, h in named}
    for admin in facts.admins:
        if admin.left and admin.id not in named_ids:
            yield found(
                K.ADMIN_LEFT, f"{admin.name} holds admin access and has left", str(admin.id)
            )


def _suspended(facts: AccountFacts, found: Any) -> Iterator[Candidate]:
    """Report ¶20 and issue 9: a holder whose rights lapsed can no longer look after the account."""
    positions = [("owner", facts.owner), ("deputy", facts.deputy)]
    positions += [("admin", admin) for admin in facts.admins]
    seen: set[int] = set()
    for position, holder in positions:
        if holder is None or holder.id in seen or holder.id not in facts.suspended:
            continue
        seen.add(holder.id)
        detail = (
            f"The {position}, {holder.name}, has had their publishing rights "
            f"({facts.suspended[holder.id]}) suspended because their training or policy "
            "acknowledgement lapsed"
        )
        yield found(K.RIGHTS_SUSPENDED, detail, str(holder.id))


def _connection(
    health: ConnectionHealth | None, today: datetime.date, days: int, found: Any
) -> Iterator[Candidate]:
    if health is None or not health.connected:
        return
    if health.failing_since is not None:
        error = f": {health.last_error}" if health.last_error else ""
        yield found(
            K.CONNECTION_FAILING,
            f"The connection has been failing since {health.failing_since:%d %B %Y}{error}",
        )
    expires = health.expires_on
    if expires is not None and (expires - today).days <= days:
        verb = "expired" if expires < today else "expires"
        yield found(
            K.CONNECTION_EXPIRING,
            f"The connection token {verb} on {expires:%d %B %Y}: reconnect the account",
        )


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def likely_duplicates(facts: list[AccountFacts]) -> list[Candidate]:
    """Accounts on one network with the same purpose and audience (ignoring case and punctuation)."""
    groups: dict[tuple[str, str, str], list[AccountFacts]] = defaultdict(list)
    for fact in facts:
        purpose = _words(fact.row["purpose"])
        if purpose:
            groups[(fact.row["network"], purpose, _words(fact.row["audience"]))].append(fact)
    candidates = []
    for group in groups.values():
        for fact in group if len(group) > 1 else []:
            others = ", ".join(o.row["name"] for o in group if o is not fact)
            detail = f"Same purpose and audience as {others}"
            candidates.append(
                Candidate(fact.row["id"], K.LIKELY_DUPLICATE, detail, fact.assignee_id)
            )
    return candidates
