"""``herald listen_stream``: hear Mastodon and Bluesky sources live, as residents post.

A long-running process beside the web, worker and scheduler (polling goes on regardless: the
stream only makes hearing faster). Streams every active or failing Mastodon and Bluesky source
of every council, or of ``--council`` / ``--source``; picks up new, paused and changed sources
every ``--refresh-seconds``. Stops cleanly on SIGTERM or Ctrl-C, flushing what it heard, and
prints one JSON line of what it heard: ``{"connections", "failures", "deleted", "received",
"inserted", "already_known", "skipped"}``. ``--seconds N`` stops it after N seconds.
"""

from __future__ import annotations

import json
import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.councils.selectors import council_by_slug
from herald.listening.streams.runner import Settings, Supervisor


class Command(BaseCommand):
    help = "Listen to Mastodon's and Bluesky's live streams for the listening sources."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", help="Only this council's sources (its slug)")
        parser.add_argument(
            "--source", type=int, action="append", default=[], help="Only this source (by id)"
        )
        parser.add_argument("--flush-seconds", type=float, default=2.0)
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument("--refresh-seconds", type=float, default=30.0)
        parser.add_argument("--seconds", type=float, help="Stop after this many seconds")

    def handle(self, *args: Any, **options: Any) -> None:
        council_id = None
        if options.get("council"):
            council = council_by_slug(slug=options["council"])
            if council is None:
                raise CommandError(f"There is no council with the slug '{options['council']}'.")
            council_id = council.pk
        if options["flush_seconds"] <= 0 or options["batch_size"] < 1:
            raise CommandError("--flush-seconds must be above 0 and --batch-size at least 1.")
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        if options.get("seconds"):
            threading.Timer(options["seconds"], stop.set).start()
        supervisor = Supervisor(
            stop=stop,
            settings=Settings(
                flush_seconds=options["flush_seconds"],
                batch_size=options["batch_size"],
                refresh_seconds=options["refresh_seconds"],
            ),
            council_id=council_id,
            source_ids=options["source"],
        )
        supervisor.run()
        self.stdout.write(json.dumps(supervisor.tally.as_dict()))
