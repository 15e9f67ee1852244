"""``herald proxy_ingest FILE…``: store Squid access logs (native, common or combined; gzip too)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import Actor
from herald.network.commands import council_for
from herald.network.ingest import ingest_files

ACTOR = Actor(user=None, label="herald proxy_ingest")


class Command(BaseCommand):
    help = "Read Squid access logs into Herald, resuming where the last run stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--council", metavar="SLUG", help="Needed when there are several")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_for(options.get("council"))
        if council is None:  # council_for raises first; this is for the type checker
            raise CommandError("Say which council with --council SLUG")
        results = ingest_files(council=council, paths=options["files"], actor=ACTOR)
        for result in results:
            self.stdout.write(json.dumps(result.as_dict()))
