"""``herald enrich``: JSON lines ``{"id": …, "text": …}`` in, one JSON line of enrichment out each.

A line that cannot be read gets ``{"id": … or null, "line": N, "error": {"code", "message"}}``
and the rest goes on. Input is streamed, so a file of any length runs in constant memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.listening.enrichment.analysis import Analyser
from herald.listening.enrichment.loading import analyser_for
from herald.listening.routing.selectors import CouncilNeeded, council_for_command

MAX_LINE_BYTES = 1_000_000
# Lines are analysed in batches (the standards engine plans its rules once per batch), and
# written as each batch is done, so a file of any length runs in constant memory.
BATCH = 500
MESSAGES = {
    "invalid_json": "The line is not valid JSON.",
    "invalid_utf8": "The line is not valid UTF-8.",
    "not_an_object": "The line must be a JSON object.",
    "missing_text": "The line has no 'text'.",
    "text_not_string": "'text' must be a string.",
    "too_long": "The line is longer than 1 MB.",
}


class Command(BaseCommand):
    help = "Enrich JSON lines of text: sentiment, offensive, personal data, safeguarding, service."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="JSON lines files (default: standard input)")
        parser.add_argument(
            "--council", help="The council's slug (needed only with more than one council)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            council = council_for_command(options.get("council"))
        except CouncilNeeded as error:
            raise CommandError(str(error)) from None
        analyser = analyser_for(council.pk if council is not None else None)
        bad = 0
        for path in options["files"] or ["-"]:
            with _open(path) as source:
                bad += self._enrich(source, analyser)
        if bad:
            self.stderr.write(f"{bad} line{'s' if bad != 1 else ''} could not be enriched.")
            sys.exit(1)

    def _enrich(self, source: IO[bytes], analyser: Analyser) -> int:
        bad = 0
        batch: list[tuple[int, Any, str, str]] = []
        for number, raw in _lines(source):
            batch.append((number, *parse_line(raw)))
            if len(batch) >= BATCH:
                bad += self._write(batch, analyser)
                batch = []
        return bad + self._write(batch, analyser)

    def _write(self, batch: list[tuple[int, Any, str, str]], analyser: Analyser) -> int:
        """Analyse a batch's good lines together and write every line's result in order."""
        results = iter(analyser.analyse_many([text for _, _, text, error in batch if not error]))
        for number, item_id, _, error in batch:
            if error:
                out: dict[str, Any] = {
                    "id": item_id,
                    "line": number,
                    "error": {"code": error, "message": MESSAGES[error]},
                }
            else:
                out = {"id": item_id, **next(results).as_json()}
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        return sum(1 for *_, error in batch if error)


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return open(sys.stdin.fileno(), "rb", closefd=False)
    try:
        return Path(path).open("rb")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}") from None


def _lines(source: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(source, start=1):
        if raw.strip():
            yield number, raw


def parse_line(raw: bytes) -> tuple[Any, str, str]:
    """The line's id and text, or the code of what is wrong with it."""
    if len(raw) > MAX_LINE_BYTES:
        return None, "", "too_long"
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "", "invalid_utf8"
    except json.JSONDecodeError:
        return None, "", "invalid_json"
    return _item(item)


def _item(item: object) -> tuple[Any, str, str]:
    if not isinstance(item, dict):
        return None, "", "not_an_object"
    item_id = item.get("id")
    if "text" not in item:
        return item_id, "", "missing_text"
    if not isinstance(item["text"], str):
        return item_id, "", "text_not_string"
    return item_id, item["text"], ""
