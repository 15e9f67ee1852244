"""Estate health by service (report ¶18): counts by status and finding, and the trend."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from herald.core.templating import date_filter
from herald.estate import selectors
from herald.estate.models import Finding, SocialAccount

if TYPE_CHECKING:
    from herald.councils.models import Council

STATUSES = SocialAccount.Status.choices
KINDS = Finding.Kind.choices


@dataclass(frozen=True)
class Dashboard:
    statuses: dict[str, dict[str, int]]
    findings: dict[str, dict[str, int]]
    trend: list[tuple[datetime.date, int, int]]

    @classmethod
    def for_council(cls, *, council: Council, today: datetime.date) -> Dashboard:
        """Three grouped queries whatever the estate's size."""
        return cls(
            statuses=selectors.status_counts_by_service(council=council),
            findings=selectors.finding_counts_by_service(council=council),
            trend=selectors.health_trend(council=council, today=today),
        )

    @property
    def services(self) -> list[str]:
        return sorted(set(self.statuses) | set(self.findings))

    def _num(self, value: int) -> dict[str, Any]:
        return {"text": str(value), "format": "numeric"}

    @property
    def status_head(self) -> list[dict[str, Any]]:
        labels = [label for _, label in STATUSES]
        return [
            {"text": "Service"},
            *({"text": t, "format": "numeric"} for t in labels),
            {"text": "Total", "format": "numeric"},
        ]

    @property
    def status_rows(self) -> list[list[dict[str, Any]]]:
        rows = []
        for service in self.services:
            counts = self.statuses.get(service, {})
            cells = [self._num(counts.get(value, 0)) for value, _ in STATUSES]
            rows.append([{"text": service}, *cells, self._num(sum(counts.values()))])
        return rows

    @property
    def kinds(self) -> list[tuple[str, str]]:
        """Only the kinds found somewhere, so the table stays readable."""
        found = {kind for counts in self.findings.values() for kind in counts}
        return [(value, label) for value, label in KINDS if value in found]

    @property
    def finding_head(self) -> list[dict[str, Any]]:
        return [
            {"text": "Service"},
            *({"text": label, "format": "numeric"} for _, label in self.kinds),
            {"text": "Total", "format": "numeric"},
        ]

    @property
    def finding_rows(self) -> list[list[dict[str, Any]]]:
        rows = []
        for service in self.services:
            counts = self.findings.get(service, {})
            cells = [self._num(counts.get(value, 0)) for value, _ in self.kinds]
            rows.append([{"text": service}, *cells, self._num(sum(counts.values()))])
        return rows

    @property
    def trend_rows(self) -> list[list[dict[str, Any]]]:
        return [
            [{"text": date_filter(day)}, self._num(a), self._num(f)] for day, a, f in self.trend
        ]

    @property
    def trend_bars(self) -> list[dict[str, Any]]:
        """The trend as bar heights (per cent of the largest day) for the chart."""
        peak = max((f for _, _, f in self.trend), default=0) or 1
        return [
            {"label": date_filter(day), "findings": f, "height": round(100 * f / peak)}
            for day, _, f in self.trend
        ]

    def csv_rows(self) -> list[list[str]]:
        kinds = [(value, label) for value, label in KINDS]
        header = ["service", *(f"accounts {label.lower()}" for _, label in STATUSES)]
        header += [f"findings {label.lower()}" for _, label in kinds]
        rows = [header]
        for service in self.services:
            statuses, found = self.statuses.get(service, {}), self.findings.get(service, {})
            rows.append(
                [
                    service,
                    *(str(statuses.get(v, 0)) for v, _ in STATUSES),
                    *(str(found.get(v, 0)) for v, _ in kinds),
                ]
            )
        return rows
