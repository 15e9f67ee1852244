"""``herald network_squid_config --out DIR``: write the Squid ACL files and include files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.network.commands import council_for
from herald.network.enforcement import DEFAULT_USER_FORMAT, write_squid_config


class Command(BaseCommand):
    help = "Write Squid configuration for the council's current web access policy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, metavar="DIR")
        parser.add_argument("--council", metavar="SLUG")
        parser.add_argument(
            "--squid-dir",
            metavar="DIR",
            help="Where Squid will read the files from, if not --out (e.g. /etc/squid/herald)",
        )
        parser.add_argument(
            "--python", default=sys.executable, help="The Python that runs the ACL helper"
        )
        parser.add_argument(
            "--warn-url",
            default="",
            help="Herald's warning page (https://HERALD/network/warn/): 'warn' categories then "
            "show it once an hour per person (external ACL helper configuration only)",
        )
        parser.add_argument(
            "--user-format",
            default=DEFAULT_USER_FORMAT,
            help="How Squid passes the user to the helper (e.g. %%un with proxy authentication)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_for(options.get("council"))
        if council is None:  # council_for raises first; this is for the type checker
            raise CommandError("Say which council with --council SLUG")
        result = write_squid_config(
            council=council,
            directory=Path(options["out"]),
            python=options["python"],
            user_format=options["user_format"],
            warn_url=options["warn_url"],
            config_directory=Path(options["squid_dir"]) if options.get("squid_dir") else None,
        )
        self.stdout.write(
            f"Wrote policy version {result.version} to {result.directory}: "
            + ", ".join(result.files)
        )
