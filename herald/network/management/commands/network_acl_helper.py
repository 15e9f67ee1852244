"""``herald network_acl_helper SNAPSHOT``: Squid's external ACL helper, through manage.py.

The same helper as ``python herald/network/acl_helper.py SNAPSHOT`` (which starts faster and is
what the generated configuration uses). ``--write`` first refreshes the snapshot from the
database; lookups never touch the database.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.network import acl_helper
from herald.network.commands import council_for
from herald.network.enforcement import decision_snapshot


class Command(BaseCommand):
    help = "Answer Squid external ACL lookups from a policy snapshot file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("snapshot", metavar="SNAPSHOT")
        parser.add_argument("--council", metavar="SLUG")
        parser.add_argument(
            "--write", action="store_true", help="Write the snapshot from the database and exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["write"]:
            council = council_for(options.get("council"))
            if council is None:  # council_for raises first; this is for the type checker
                raise CommandError("Say which council with --council SLUG")
            Path(options["snapshot"]).write_text(
                json.dumps(decision_snapshot(council=council)), encoding="utf-8"
            )
            return
        acl_helper.serve(options["snapshot"])
