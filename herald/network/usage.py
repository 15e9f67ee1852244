"""Usage reports (by category and service over time, blocked, top domains, bandwidth).

Two sources, one shape: ``from_aggregate`` (a parsed log, for ``proxy_report``, which stores
nothing) and ``from_database`` (the ingested rows, for the usage page). Reports never name a
person: they are aggregated by service (report ¶14, proportionate monitoring).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate

from herald.network.acl_helper import Policy
from herald.network.enforcement import decision_snapshot, staff_usernames
from herald.network.models import Category, ProxyIdentity, ProxyRequest

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.network.logparse import Aggregate

UNCATEGORISED = "Uncategorised"
UNKNOWN_SERVICE = "Not known"


@dataclass
class Person:
    staff_id: int
    service_id: int | None
    service: str


class Directory:
    """Who a proxy user name or client address is, and which service they work in."""

    def __init__(self, council: Council | None) -> None:
        self.by_name: dict[str, Person] = {}
        self.by_address: dict[str, Person] = {}
        if council is None:
            return
        staff = council.staff_members.select_related("service")
        people = {}
        for member in staff:
            person = Person(
                member.pk, member.service_id, member.service.name if member.service else ""
            )
            people[member.pk] = person
            for name in staff_usernames(member.email):
                self.by_name.setdefault(name, person)
        for identity in ProxyIdentity.objects.filter(council=council):
            mapped = people.get(identity.staff_member_id)
            if mapped is None:
                continue
            if identity.kind == ProxyIdentity.Kind.ADDRESS:
                self.by_address[identity.value] = mapped
            else:
                self.by_name[identity.value] = mapped

    def find(self, user: str, client: str) -> Person | None:
        return (self.by_name.get(user) if user else None) or self.by_address.get(client)


class Categoriser:
    def __init__(self, council: Council | None) -> None:
        self.names: dict[str, str] = {}
        self.policy: Policy | None = None
        if council is None:
            return
        self.policy = Policy(decision_snapshot(council=council))
        self.names = dict(Category.objects.filter(council=council).values_list("slug", "name"))

    def slug(self, host: str) -> str:
        return self.policy.category_of(host) if self.policy else ""

    def action(self, slug: str) -> str:
        return self.policy.actions.get(slug, "allow") if self.policy else "allow"

    def name(self, slug: str) -> str:
        return self.names.get(slug, UNCATEGORISED) if slug else UNCATEGORISED


@dataclass
class Row:
    requests: int = 0
    blocked: int = 0
    bytes: int = 0

    def add(self, requests: int, blocked: int, size: int) -> None:
        self.requests += requests
        self.blocked += blocked
        self.bytes += size


@dataclass
class UsageReport:
    by_category: dict[str, dict[datetime.date, Row]] = field(default_factory=dict)
    by_service: dict[str, dict[datetime.date, Row]] = field(default_factory=dict)
    domains: dict[str, tuple[str, Row]] = field(default_factory=dict)
    days: dict[datetime.date, Row] = field(default_factory=dict)
    files: list[dict[str, object]] = field(default_factory=list)

    def add(
        self, *, day: datetime.date, category: str, service: str, domain: str, row: Row
    ) -> None:
        for table, key in ((self.by_category, category), (self.by_service, service)):
            table.setdefault(key, {}).setdefault(day, Row()).add(
                row.requests, row.blocked, row.bytes
            )
        self.days.setdefault(day, Row()).add(row.requests, row.blocked, row.bytes)
        if domain:
            held = self.domains.setdefault(domain, (category, Row()))
            held[1].add(row.requests, row.blocked, row.bytes)

    @property
    def total(self) -> Row:
        total = Row()
        for row in self.days.values():
            total.add(row.requests, row.blocked, row.bytes)
        return total

    def top_domains(self, limit: int = 20) -> list[tuple[str, str, Row]]:
        ranked = sorted(self.domains.items(), key=lambda item: (-item[1][1].requests, item[0]))
        return [(domain, category, row) for domain, (category, row) in ranked[:limit]]

    def totals_by(self, table: dict[str, dict[datetime.date, Row]]) -> list[tuple[str, Row]]:
        out = []
        for key, days in table.items():
            total = Row()
            for row in days.values():
                total.add(row.requests, row.blocked, row.bytes)
            out.append((key, total))
        return sorted(out, key=lambda item: (-item[1].requests, item[0]))

    def as_json(self) -> dict[str, Any]:
        def rows(table: dict[str, dict[datetime.date, Row]]) -> dict[str, Any]:
            return {
                key: {day.isoformat(): vars(row) for day, row in sorted(days.items())}
                for key, days in sorted(table.items())
            }

        total = self.total
        return {
            "totals": vars(total),
            "days": {day.isoformat(): vars(row) for day, row in sorted(self.days.items())},
            "by_category": rows(self.by_category),
            "by_service": rows(self.by_service),
            "blocked_by_category": {
                key: row.blocked for key, row in self.totals_by(self.by_category) if row.blocked
            },
            "top_domains": [
                {"domain": domain, "category": category, **vars(row)}
                for domain, category, row in self.top_domains()
            ],
            "files": self.files,
        }


def from_aggregate(aggregate: Aggregate, *, council: Council | None) -> UsageReport:
    report = UsageReport(files=[stats.as_dict() for stats in aggregate.files])
    categories, directory = Categoriser(council), Directory(council)
    for (day, host, denied), (count, size) in aggregate.hosts.items():
        # By category and domain from the host table; by service from the client table.
        date = datetime.date.fromordinal(_EPOCH + day)
        category = categories.name(categories.slug(host))
        report.by_category.setdefault(category, {}).setdefault(date, Row()).add(
            count, count if denied else 0, size
        )
        held = report.domains.setdefault(host, (category, Row()))
        held[1].add(count, count if denied else 0, size)
        report.days.setdefault(date, Row()).add(count, count if denied else 0, size)
    for (day, user, client, denied), (count, size) in aggregate.clients.items():
        date = datetime.date.fromordinal(_EPOCH + day)
        person = directory.find(user, client)
        service = (person.service if person else "") or UNKNOWN_SERVICE
        report.by_service.setdefault(service, {}).setdefault(date, Row()).add(
            count, count if denied else 0, size
        )
    return report


_EPOCH = datetime.date(1970, 1, 1).toordinal()


def from_database(*, council: Council, start: datetime.date, end: datetime.date) -> UsageReport:
    report = UsageReport()
    rows = ProxyRequest.objects.filter(council=council, at__date__gte=start, at__date__lte=end)
    names = dict(Category.objects.filter(council=council).values_list("slug", "name"))
    blocked = Q(blocked=True)
    by_category = (
        rows.annotate(day=TruncDate("at"))
        .values("day", "category")
        .annotate(
            requests=Count("id"), blocked_count=Count("id", filter=blocked), size=Sum("bytes")
        )
    )
    for item in by_category:
        row = Row(item["requests"], item["blocked_count"], item["size"] or 0)
        category = names.get(item["category"], UNCATEGORISED)
        report.by_category.setdefault(category, {}).setdefault(item["day"], Row()).add(
            row.requests, row.blocked, row.bytes
        )
        report.days.setdefault(item["day"], Row()).add(row.requests, row.blocked, row.bytes)
    by_service = (
        rows.annotate(day=TruncDate("at"))
        .values("day", "service__name")
        .annotate(
            requests=Count("id"), blocked_count=Count("id", filter=blocked), size=Sum("bytes")
        )
    )
    for entry in by_service:
        service = entry["service__name"] or UNKNOWN_SERVICE
        report.by_service.setdefault(service, {}).setdefault(entry["day"], Row()).add(
            entry["requests"], entry["blocked_count"], entry["size"] or 0
        )
    top = (
        rows.values("domain", "category")
        .annotate(
            requests=Count("id"), blocked_count=Count("id", filter=blocked), size=Sum("bytes")
        )
        .order_by("-requests", "domain")
    )
    for domain in top[:20]:
        report.domains[domain["domain"]] = (
            names.get(domain["category"], UNCATEGORISED),
            Row(domain["requests"], domain["blocked_count"], domain["size"] or 0),
        )
    return report
