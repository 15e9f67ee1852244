"""``herald network_review``: the quarterly review as JSON (and recorded in the audit trail)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import Actor
from herald.network.commands import council_for
from herald.network.review import record_review

ACTOR = Actor(user=None, label="herald network_review")


class Command(BaseCommand):
    help = "List exceptions about to expire and each category's use, for the quarterly review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", metavar="SLUG")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_for(options.get("council"))
        if council is None:  # council_for raises first; this is for the type checker
            raise CommandError("Say which council with --council SLUG")
        self.stdout.write(json.dumps(record_review(council=council, actor=ACTOR).as_dict()))
