"""Suspend the publishing roles of people whose training or acknowledgement has lapsed, now.

The daily job (``learning.suspend_lapsed_publishing_rights``) does the same; this is for an
operator who wants it done at once, or for one council.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import SYSTEM
from herald.councils.selectors import active_councils
from herald.learning.services.rights import suspend_lapsed_rights


class Command(BaseCommand):
    help = "Suspend publishing roles whose holders' training or policy acknowledgement has lapsed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="Only this council (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        councils = active_councils()
        if options["council"]:
            councils = councils.filter(slug=options["council"])
            if not councils.exists():
                raise CommandError(f"No active council with the slug {options['council']!r}")
        for council in councils:
            count = suspend_lapsed_rights(council=council, actor=SYSTEM)
            self.stdout.write(f"{council.name}: suspended {count} role(s)")
