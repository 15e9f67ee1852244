"""Server-sent events, read from a stream's lines as the HTML standard's event stream
interpretation says: ``event:``, ``data:`` (several lines joined with newlines), ``id:``, a line
starting with a colon is a comment (servers' heartbeats), and a blank line dispatches the event.
A field name without a colon has an empty value; one space after the colon is dropped. An
event with no data is not dispatched; the type defaults to ``message``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    event: str
    data: str
    id: str = ""


# A comment line is yielded as this (an idle tick): the stream is alive, nothing was said.
HEARTBEAT = Event(event="", data="")


def events(lines: Iterable[str]) -> Iterator[Event]:
    """Events from the stream's lines (each without its line ending); heartbeats too."""
    kind, last_id = "", ""
    data: list[str] = []
    for line in lines:
        if not line:
            if data:
                yield Event(event=kind or "message", data="\n".join(data), id=last_id)
            kind, data = "", []
            continue
        if line.startswith(":"):
            yield HEARTBEAT
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            kind = value
        elif name == "data":
            data.append(value)
        elif name == "id" and "\0" not in value:
            last_id = value
        # "retry" and unknown fields are ignored, as the standard says.
