"""``herald calendar_import --council SLUG FILE [--dry-run] [--author USERNAME]``: planned posts
from CSV become drafts. One JSON line per problem row, then a summary line; nothing is created if
any row has a problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.audit.services import Actor
from herald.councils.roles import Role
from herald.councils.selectors import council_by_slug
from herald.publishing.calendar import csvio


class Command(BaseCommand):
    help = "Import planned posts from a CSV file as drafts (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--council", metavar="SLUG", required=True)
        parser.add_argument("--dry-run", action="store_true", help="Check only; create nothing")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Whose drafts they are (default: the council's first digital team member)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council has the slug {options['council']!r}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}")
        members = council.memberships.active().select_related("user")
        if options.get("author"):
            member = members.filter(user__username=options["author"]).first()
        else:
            member = members.with_role(Role.DIGITAL_TEAM).order_by("id").first()
        if member is None:
            raise CommandError("Name the author with --author (a member of the council)")
        result = csvio.import_calendar(
            council=council,
            content=path.read_bytes(),
            author=member.user,
            actor=Actor(user=member.user, label="herald calendar_import"),
            dry_run=options["dry_run"],
            file_name=path.name,
        )
        for error in result.errors:
            self.stdout.write(json.dumps({"error": error.as_json()}))
        self.stdout.write(json.dumps({"council": council.slug, **result.summary()}))
        if result.errors:
            raise CommandError(f"{len(result.errors)} problems: nothing was imported")
