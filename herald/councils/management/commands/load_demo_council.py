"""``herald load_demo_council``: the demonstration councils, or a large council for benchmarks."""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from herald.councils import demo


class Command(BaseCommand):
    help = (
        "Load Aldermoor County Council and Brackenfield District Council (fictional) with one "
        "sign-in per role, or with --scale N a council of N staff for load tests."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--if-empty",
            action="store_true",
            help="Load nothing if any council exists (still prints the demo sign-ins).",
        )
        mode.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help='Load a council "scale-N" with N staff instead (bulk inserts; for benchmarks).',
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even outside HERALD_DEV. The demo password is public: never on real data.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEV and not options["force"]:
            raise CommandError(
                "Demo sign-ins share a published password, so they load only with HERALD_DEV=true "
                "(or --force on a throwaway deployment)."
            )
        if options["scale"] is not None:
            self._load_scale(options["scale"])
            return
        if options["if_empty"] and demo.any_council_exists():
            self.stdout.write("Councils already exist, so no demo data was loaded.")
        else:
            demo.load_demo_councils()
            self.stdout.write(self.style.SUCCESS("Demo councils loaded."))
        self._print_sign_ins(demo.demo_sign_ins())

    def _load_scale(self, staff_count: int) -> None:
        started = time.perf_counter()
        try:
            scale = demo.load_scale_council(staff_count=staff_count)
        except ValueError as error:
            raise CommandError(str(error)) from None
        elapsed = time.perf_counter() - started
        if scale.created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Loaded {scale.council.slug}: {staff_count} staff in {elapsed:.1f} s."
                )
            )
        else:
            self.stdout.write(f"{scale.council.slug} already exists, so nothing was loaded.")
        self._print_sign_ins(demo.scale_sign_ins(council=scale.council))

    def _print_sign_ins(self, rows: list[demo.SignInRow]) -> None:
        if not rows:
            self.stdout.write("No demo sign-ins exist in this database.")
            return
        self.stdout.write(f"\nDemo sign-ins (every one uses the password: {demo.DEMO_PASSWORD})\n")
        width = max(len(row.username) for row in rows) + 2
        label_width = max(len(row.works_as) for row in rows) + 2
        self.stdout.write(f"  {'Username':<{width}}{'Works as':<{label_width}}Council")
        for row in rows:
            councils = ", ".join(row.councils)
            self.stdout.write(f"  {row.username:<{width}}{row.works_as:<{label_width}}{councils}")
