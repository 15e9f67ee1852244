from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page

from herald.audit.models import AuditEvent
from herald.core.templating import datetime_filter


@dataclass
class AuditListPage:
    page: Page[AuditEvent]

    @property
    def table_head(self) -> list[dict[str, str]]:
        return [{"text": h} for h in ("When", "Who", "Action", "What", "Summary")]

    @property
    def table_rows(self) -> list[list[dict[str, Any]]]:
        return [
            [
                {"text": datetime_filter(event.created_at)},
                {"text": event.actor_label},
                {"text": event.action},
                {"text": event.target_label or "—"},
                {"text": event.summary},
            ]
            for event in self.page.object_list
        ]

    @property
    def total(self) -> int:
        return self.page.paginator.count
