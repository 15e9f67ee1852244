"""``herald run_scheduler``: enqueue periodic jobs as they fall due.

Run as many as you like (one per host is typical): each run of a job is claimed by exactly one
scheduler, and the job itself runs on whichever task backend is configured.
"""

from __future__ import annotations

import logging
import signal
import threading
from argparse import ArgumentParser
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from herald.core.scheduling import sweep

logger = logging.getLogger("herald.scheduler")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = "Enqueue periodic jobs as they fall due. Safe to run more than one."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one sweep, then exit.")
        parser.add_argument(
            "--interval",
            type=float,
            default=settings.SCHEDULER_INTERVAL_SECONDS,
            help="Seconds between sweeps (default: %(default)s).",
        )

    def handle(
        self, *args: Any, once: bool, interval: float, verbosity: int, **options: Any
    ) -> None:
        if once:
            self._report(sweep(), echo=True)
            return
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            logger.info("Scheduler stopping on %s", signal.Signals(signum).name)
            stop.set()

        previous = {sig: signal.signal(sig, request_stop) for sig in STOP_SIGNALS}
        logger.info("Scheduler started, sweeping every %ss", interval)
        try:
            while not stop.is_set():
                self._sweep_once(echo=verbosity > 1)
                # Waiting on the event (not sleeping) lets SIGTERM end the wait at once.
                stop.wait(interval)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _sweep_once(self, *, echo: bool) -> None:
        # Like a request: drop connections the database has closed while we waited.
        close_old_connections()
        try:
            self._report(sweep(), echo=echo)
        except DatabaseError:
            # A database restart should not take the scheduler down; the next sweep retries.
            logger.exception("Scheduler sweep failed")
        finally:
            close_old_connections()

    def _report(self, names: list[str], *, echo: bool) -> None:
        for name in names:
            logger.info("Enqueued periodic job %s", name)
            if echo:
                self.stdout.write(f"Enqueued {name}")
