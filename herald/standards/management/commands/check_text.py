"""``herald check_text``: check JSON lines of text against the standards, one result line each.

Input lines are ``{"id": …, "text": …, "network": optional, "account": optional}``; output lines
are ``{"id": …, "findings": [...]}`` or, for a line that cannot be checked,
``{"id": … or null, "line": N, "error": {"code": …, "message": …}}``. Input is streamed and
checked in batches, so a file of any length runs in constant memory.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.councils.selectors import council_by_slug
from herald.standards.checking import TextToCheck, check_texts, invalid_text_reason
from herald.standards.defaults import NETWORKS
from herald.standards.selectors import rule_pack_for
from herald.standards.types import RulePack

BATCH = 500
MESSAGES = {
    "invalid_json": "The line is not valid JSON.",
    "invalid_utf8": "The line is not valid UTF-8.",
    "not_an_object": "The line must be a JSON object.",
    "missing_text": "The line has no 'text'.",
    "text_not_string": "'text' must be a string.",
    "unknown_network": "'network' must be one of: " + ", ".join(NETWORKS) + ".",
    "account_not_string": "'account' must be a string.",
    "too_long": "'text' is longer than 1 MB.",
    "invalid_unicode": "'text' contains invalid Unicode (an unpaired surrogate).",
}


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    id: Any
    item: TextToCheck | None = None
    error: str = ""


class Command(BaseCommand):
    help = (
        "Check JSON lines of text against the standards and write one JSON line of findings each."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="JSON lines to read (default: standard input)")
        parser.add_argument("--council", help="Use this council's rule pack (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        pack = self._pack(options.get("council"))
        path = options.get("file")
        try:
            source: IO[bytes] = (
                Path(path).open("rb") if path and path != "-" else sys.stdin.buffer  # noqa: SIM115
            )
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        bad = 0
        try:
            for batch in _batches(_parse(source), BATCH):
                bad += self._write(batch, pack)
        finally:
            if source is not sys.stdin.buffer:
                source.close()
        if bad:
            self.stderr.write(f"{bad} line{'s' if bad != 1 else ''} could not be checked.")
            sys.exit(1)

    def _pack(self, slug: str | None) -> RulePack:
        if not slug:
            return RulePack()
        council = council_by_slug(slug=slug)
        if council is None:
            raise CommandError(f"There is no council with the slug ‘{slug}’.")
        return rule_pack_for(council=council)

    def _write(self, batch: list[Line], pack: RulePack) -> int:
        good = [line for line in batch if line.item is not None]
        found = iter(check_texts([line.item for line in good if line.item], pack=pack))
        for line in batch:
            if line.error:
                result: dict[str, Any] = {
                    "id": line.id,
                    "line": line.number,
                    "error": {"code": line.error, "message": MESSAGES[line.error]},
                }
            else:
                result = {"id": line.id, "findings": [f.as_dict() for f in next(found)]}
            self.stdout.write(json.dumps(result))
        return sum(1 for line in batch if line.error)


def _batches(lines: Iterable[Line], size: int) -> Iterator[list[Line]]:
    batch: list[Line] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse(source: IO[bytes]) -> Iterator[Line]:
    for number, raw in enumerate(source, start=1):
        if raw.strip():
            yield parse_line(raw, number)


def parse_line(raw: bytes, number: int) -> Line:
    """One input line as a text to check, or the reason it cannot be checked."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Line(number, None, error="invalid_utf8")
    except ValueError:
        return Line(number, None, error="invalid_json")
    if not isinstance(data, dict):
        return Line(number, None, error="not_an_object")
    ident, text = data.get("id"), data.get("text")
    network, account = data.get("network"), data.get("account")
    error = ""
    if "text" not in data:
        error = "missing_text"
    elif not isinstance(text, str):
        error = "text_not_string"
    elif network is not None and (not isinstance(network, str) or network not in NETWORKS):
        error = "unknown_network"
    elif account is not None and not isinstance(account, str):
        error = "account_not_string"
    else:
        error = invalid_text_reason(text) or ""
    if error:
        return Line(number, ident, error=error)
    return Line(number, ident, TextToCheck(text=str(text), network=network, account=account))
