"""``herald proxy_report FILE…``: the aggregate usage report as JSON, storing nothing."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from herald.network import logparse
from herald.network.commands import council_for
from herald.network.usage import from_aggregate


class Command(BaseCommand):
    help = "Print the usage report for Squid access logs as JSON, without storing anything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--council", metavar="SLUG", help="Use this council's categories and services"
        )
        parser.add_argument("--workers", type=int, default=1, help="Parser processes")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_for(options.get("council"), required=False)
        aggregate = logparse.aggregate_files(options["files"], workers=options["workers"])
        report = from_aggregate(aggregate, council=council)
        self.stdout.write(json.dumps(report.as_json(), indent=2))
