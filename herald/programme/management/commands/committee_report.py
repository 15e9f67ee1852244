"""``herald committee_report --from DATE --to DATE --pdf FILE [--council SLUG] [--html FILE]``:
the report to Policy Committee for a period, drawn from the council's records as a PDF (and
optionally its HTML). Nothing is saved in Herald: drafts to keep are made on the reports page."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from herald.councils.models import Council
from herald.councils.selectors import council_by_slug
from herald.programme.report.content import build_content
from herald.programme.report.render import render_body, render_document, render_pdf
from herald.programme.report.sections import starting_sections
from herald.programme.services.reports import BadPeriod, check_period


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{text!r} is not a date like 2026-03-31") from None


def _council(slug: str | None) -> Council:
    if slug:
        council = council_by_slug(slug=slug)
        if council is None:
            raise CommandError(f"No active council has the slug {slug!r}")
        return council
    councils = list(Council.objects.filter(is_active=True)[:2])
    if len(councils) != 1:
        raise CommandError("Say which council with --council SLUG")
    return councils[0]


class Command(BaseCommand):
    help = "Write the report to Policy Committee for a period as a PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, metavar="DATE")
        parser.add_argument("--to", dest="end", required=True, metavar="DATE")
        parser.add_argument("--pdf", required=True, metavar="FILE")
        parser.add_argument("--html", metavar="FILE")
        parser.add_argument("--council", metavar="SLUG")

    def handle(self, *args: Any, **options: Any) -> None:
        council = _council(options.get("council"))
        try:
            period = check_period(
                period_from=_date(options["start"]), period_to=_date(options["end"])
            )
        except BadPeriod as error:
            raise CommandError(error.message) from None
        content = build_content(
            council=council,
            period=period,
            title="Social media policy: implementation report",
            sections=starting_sections(council_name=council.name, period=period),
            today=timezone.localdate(),
        )
        body = render_body(content)
        document = render_document(content, body=body)
        pdf = render_pdf(document)
        Path(options["pdf"]).write_bytes(pdf)
        if options.get("html"):
            Path(options["html"]).write_text(document, encoding="utf-8")
        summary = {
            "council": council.slug,
            "from": str(period.start),
            "to": str(period.end),
            "pdf": options["pdf"],
            "pdf_bytes": len(pdf),
        }
        self.stdout.write(json.dumps(summary))
