"""``herald publish_due``: run the publishing sweep once and print a JSON summary line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from herald.publishing.delivery.sweep import publish_due


class Command(BaseCommand):
    help = "Send every post due now, reconcile unconfirmed ones, recover abandoned claims."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="At most this many sends")

    def handle(self, *args: Any, **options: Any) -> None:
        report = publish_due(limit=options.get("limit"))
        self.stdout.write(json.dumps(report.as_dict(), sort_keys=True))
