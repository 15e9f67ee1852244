"""``herald send_replies``: run the replies' outbox once and print a JSON summary line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from herald.inbox.replies.outbox import send_due_replies


class Command(BaseCommand):
    help = "Send every approved reply due now, read back unconfirmed ones, recover dead claims."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=None, help="At most this many sends")

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_due_replies(limit=options.get("limit"))
        self.stdout.write(json.dumps(report.as_dict(), sort_keys=True))
