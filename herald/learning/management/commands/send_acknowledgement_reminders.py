"""Email everyone who still has a policy to acknowledge (at most weekly each), now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from herald.councils.selectors import active_councils
from herald.learning.services.reminders import remind_to_acknowledge


class Command(BaseCommand):
    help = "Ask (and weekly remind) staff to acknowledge the policies in force."

    def handle(self, *args: Any, **options: Any) -> None:
        for council in active_councils():
            sent = remind_to_acknowledge(council=council)
            self.stdout.write(f"{council.name}: {sent} email(s)")
