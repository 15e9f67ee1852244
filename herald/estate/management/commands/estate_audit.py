"""Run the estate's housekeeping check now, printing one JSON line per council."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import Actor
from herald.councils.models import Council
from herald.councils.selectors import council_by_slug
from herald.estate import services

ACTOR = Actor(user=None, label="herald estate_audit")


class Command(BaseCommand):
    help = "Run the social media estate's housekeeping check (every council, or one)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", metavar="SLUG", help="Only this council")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options.get("council")
        if slug:
            council = council_by_slug(slug=slug)
            if council is None:
                raise CommandError(f"No active council has the slug {slug!r}")
            councils = [council]
        else:
            councils = list(Council.objects.filter(is_active=True))
        for council in councils:
            result = services.run_housekeeping(council=council, actor=ACTOR)
            line = {"council": council.slug, **result.as_dict()}
            self.stdout.write(json.dumps(line))
