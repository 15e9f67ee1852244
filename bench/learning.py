"""Learning benchmark: HR's compliance overview and a line manager's team view at scale.

Builds a council of 20,000 staff (2,000 with --quick) with the bulk scale loader, gives it a
Social Media Policy in force, both modules and a realistic spread of completions and
acknowledgements (bulk inserted), then renders /learning/compliance/ as HR and /learning/team/
as the scale council's line manager through Django's test Client, timing each request and
counting its queries. The overview's figures are cached for a minute, so it is timed both
warm (``overview_*``) and computed afresh on every request (``overview_uncached_*``).

The database is the test settings' (in-memory SQLite unless DATABASE_URL is set; for
PostgreSQL create an empty database first and drop it afterwards):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/herald_learning_bench .venv/bin/python bench/learning.py

    .venv/bin/python bench/learning.py [--quick]

Prints one flat JSON object as the last line. Target: both pages p95 <= 200 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from herald.accounts.models import User  # noqa: E402
from herald.councils.demo.scale import load_scale_council  # noqa: E402
from herald.learning.compliance import forget_compliance  # noqa: E402
from herald.learning.models import (  # noqa: E402
    Acknowledgement,
    AcknowledgementRequest,
    Completion,
    Module,
)
from herald.learning.testing import make_module, make_policy  # noqa: E402

TARGET_P95_MS = 200.0
BATCH = 2000


def seed(council_id: int) -> None:
    """Policy in force, both modules, and about 70% aware, 60% acknowledged, 1 in 20 publishers trained."""
    from herald.councils.models import Council  # noqa: PLC0415

    council = Council.objects.get(pk=council_id)
    version = make_policy(council=council)
    awareness = make_module(council=council, kind=Module.Kind.AWARENESS)
    publisher = make_module(council=council, kind=Module.Kind.PUBLISHER)
    today = timezone.localdate()
    staff_ids = list(council.staff_members.values_list("pk", flat=True))
    completions, acks, requests = [], [], []
    for n, pk in enumerate(staff_ids):
        done_on = today - datetime.timedelta(days=n % 500)
        expires = done_on + datetime.timedelta(days=365)
        if n % 10 < 7:
            completions.append(
                Completion(
                    council=council,
                    module=awareness,
                    staff_member_id=pk,
                    completed_on=done_on,
                    expires_on=expires,
                )
            )
        if n % 20 == 0:
            completions.append(
                Completion(
                    council=council,
                    module=publisher,
                    staff_member_id=pk,
                    completed_on=done_on,
                    expires_on=expires,
                )
            )
        requests.append(
            AcknowledgementRequest(council=council, version=version, staff_member_id=pk)
        )
        if n % 10 < 6:
            acks.append(
                Acknowledgement(
                    council=council,
                    version=version,
                    staff_member_id=pk,
                    acknowledged_at=timezone.now(),
                    content_sha256=version.content_sha256,
                )
            )
    Completion.objects.bulk_create(completions, batch_size=BATCH)
    AcknowledgementRequest.objects.bulk_create(requests, batch_size=BATCH, ignore_conflicts=True)
    Acknowledgement.objects.bulk_create(acks, batch_size=BATCH, ignore_conflicts=True)


def measure(
    client: Client, path: str, runs: int, before: Callable[[], None] = lambda: None
) -> tuple[list[float], int]:
    """Milliseconds per request and the queries of the last one (all should be equal)."""
    client.get(path)  # warm caches (context cache, templates), as a real server would be
    timings = []
    queries = 0
    for _ in range(runs):
        before()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        queries = len(captured)
    return timings, queries


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 staff and fewer runs")
    options = parser.parse_args()
    staff = 2000 if options.quick else 20000
    runs = 30 if options.quick else 60
    setup_test_environment()  # lets the test Client's "testserver" host through
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    scale = load_scale_council(staff_count=staff)
    seed(scale.council.pk)
    load_seconds = round(time.perf_counter() - started, 1)
    hr, manager = Client(), Client()
    hr.force_login(User.objects.get(username=scale.username("hr")))
    manager.force_login(User.objects.get(username=scale.username("manager")))
    council, today = scale.council, timezone.localdate()
    # Cold: the figures computed on every request (the cache entry dropped first); warm: what HR
    # sees within the minute the figures are cached for.
    cold, cold_queries = measure(
        hr, "/learning/compliance/", runs, lambda: forget_compliance(council=council, on=today)
    )
    overview, overview_queries = measure(hr, "/learning/compliance/", runs)
    team, team_queries = measure(manager, "/learning/team/", runs)
    figures = {
        "staff": staff,
        "runs": runs,
        "database": connection.vendor,
        "load_seconds": load_seconds,
        "overview_p95_ms": p95(overview),
        "overview_median_ms": round(sorted(overview)[len(overview) // 2], 1),
        "overview_queries": overview_queries,
        "overview_uncached_p95_ms": p95(cold),
        "overview_uncached_median_ms": round(sorted(cold)[len(cold) // 2], 1),
        "overview_uncached_queries": cold_queries,
        "team_p95_ms": p95(team),
        "team_median_ms": round(sorted(team)[len(team) // 2], 1),
        "team_queries": team_queries,
        "target_p95_ms": TARGET_P95_MS,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
