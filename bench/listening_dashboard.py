"""Listening dashboard benchmark: the reputation dashboard over rollups equal to N mentions.

Writes hourly rollups as ingestion would for N mentions (10,000,000 over 13 months; 100,000 over
30 days with --quick) across 6 sources, 8 services and 6 queries, plus 6,000 recent mentions for
the author and engagement tables (which read only the latest 5,000 of the period), then times
the dashboard page through Django's full stack (middleware, selectors, presenters, Jinja) over
120 requests cycling through filters (30, 7 and 90 days, a source, a topic, a sentiment), the
first visit of each filter included: ``dashboard_p95_ms``. Past days' sums are cached for ten
minutes (today is always live), so ``dashboard_cold_p95_ms`` also times 30 requests with the
cache emptied before each, every day summed again from the rollups.

    .venv/bin/python bench/listening_dashboard.py [--quick] [--database-url URL]

Prints one flat JSON object as the last line with ``dashboard_p95_ms`` (target: 300 ms).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_listening_dashboard"
SOURCES, SERVICES, QUERIES, SAMPLE_MENTIONS = 6, 8, 6, 6000
TARGET_MS = 300
SERVICE_LABELS = [
    "waste",
    "roads",
    "council_tax",
    "libraries",
    "adult_social_care",
    "childrens_services",
    "housing",
    "planning",
]


def _rollups(council: Any, mentions: int, days: int, rng: random.Random) -> int:
    from django.utils import timezone  # noqa: PLC0415

    from herald.listening.models import MentionRollup, Query, Source  # noqa: PLC0415

    sources = [
        Source.objects.create(council=council, kind="mastodon", name=f"Source {i}")
        for i in range(SOURCES)
    ]
    queries = [
        Query.objects.create(
            council=council,
            name=f"Query {i}",
            topic=Query.Topic.choices[i % 5][0],
            expression=f"term{i}",
        )
        for i in range(QUERIES)
    ]
    hours = days * 24
    per_bucket = max(1, mentions // (hours * SOURCES * SERVICES))
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
        hours=hours
    )
    batch: list[MentionRollup] = []
    written = 0
    for h in range(hours):
        hour = start + datetime.timedelta(hours=h)
        for source in sources:
            for s, label in enumerate(SERVICE_LABELS):
                total = max(0, int(per_bucket * rng.uniform(0.5, 1.5)))
                neg, pos = total // 3, total // 4
                common = {
                    "council": council,
                    "hour": hour,
                    "source": source,
                    "service_label": label,
                    "positive": pos,
                    "negative": neg,
                    "neutral": total - neg - pos,
                    "engagement": total * 3,
                }
                batch.append(MentionRollup(query_id_key=0, total=total, **common))
                query = queries[(h + s) % QUERIES]
                batch.append(MentionRollup(query_id_key=query.pk, total=total, **common))
        if len(batch) >= 20_000:
            MentionRollup.objects.bulk_create(batch, batch_size=5000)
            written += len(batch)
            batch = []
    MentionRollup.objects.bulk_create(batch, batch_size=5000)
    return written + len(batch)


def _mentions(council: Any, rng: random.Random) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.listening.models import Mention  # noqa: PLC0415

    sources = list(council.listening_sources.all())
    now = timezone.now()
    Mention.objects.bulk_create(
        [
            Mention(
                council=council,
                source=sources[i % SOURCES],
                network="mastodon",
                remote_id=f"bench-{i}",
                author_handle=f"@person{rng.randrange(900)}@example.social",
                text=f"Comment {i} about the council's services",
                duplicate_key=f"{i:040x}"[-40:],
                posted_at=now - datetime.timedelta(minutes=7 * i),
                likes=rng.randrange(50),
                shares=rng.randrange(10),
                replies=rng.randrange(10),
                sentiment=rng.choice(["positive", "neutral", "negative"]),
                service_label=SERVICE_LABELS[i % SERVICES],
            )
            for i in range(SAMPLE_MENTIONS)
        ],
        batch_size=2000,
    )


def _time_requests(council: Any, rounds: int, *, cold: bool = False) -> list[float]:
    from django.core.cache import cache  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from herald.core.testing import make_member  # noqa: PLC0415
    from herald.councils.roles import Role  # noqa: PLC0415

    member = council.memberships.filter(user__username="bench-comms").first() or make_member(
        council=council, username="bench-comms", roles=(Role.DIGITAL_TEAM,)
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(member.user)
    source = council.listening_sources.first()
    today = timezone.localdate()
    week, quarter = today - datetime.timedelta(days=6), today - datetime.timedelta(days=89)
    paths = [
        "/listening/",
        f"/listening/?start-day={week.day}&start-month={week.month}&start-year={week.year}",
        f"/listening/?start-day={quarter.day}&start-month={quarter.month}&start-year={quarter.year}",
        f"/listening/?source={source.public_id}",
        "/listening/?topic=service",
        "/listening/?sentiment=negative",
    ]
    client.get(paths[0])  # warm: templates compiled, connection open
    timings = []
    for n in range(rounds):
        if cold:
            cache.clear()  # every past day summed again from the rollups
        started = time.perf_counter()
        response = client.get(paths[n % len(paths)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def _template(admin_url: str, env: dict[str, str]) -> str:
    """A migrated database to copy, named by the migrations' contents, made once: migrating
    takes longer than the quick benchmark itself."""
    import psycopg  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415
    from stack import herald  # noqa: PLC0415

    migrations = sorted(ROOT.glob("herald/*/migrations/*.py"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in migrations)).hexdigest()[:12]
    name = f"herald_bench_template_{digest}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return name
        # Built under another name and renamed once migrated: a half-migrated template never
        # passes for a finished one.
        building = sql.Identifier(f"{name}_building")
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(building))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(building))
        target = urlsplit(env["DATABASE_URL"])._replace(path=f"/{name}_building").geturl()
        herald({**env, "DATABASE_URL": target}, "migrate", "--no-input")
        rename = sql.SQL("ALTER DATABASE {} RENAME TO {}")
        admin.execute(rename.format(building, sql.Identifier(name)))
    return name


@contextmanager
def _database(database_url: str) -> Iterator[dict[str, str]]:
    """A fresh copy of the migrated template, dropped afterwards (local PostgreSQL only)."""
    import psycopg  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415
    from stack import LOCAL_HOSTS, server_env  # noqa: PLC0415

    parts = urlsplit(database_url)
    if parts.hostname not in LOCAL_HOSTS:
        raise SystemExit("The benchmark only ever uses a PostgreSQL on this machine.")
    admin_url = parts._replace(path="/postgres").geturl()
    env = server_env(database_url)
    template = _template(admin_url, env)
    name = sql.Identifier(parts.path.lstrip("/"))
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(drop)
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(name, sql.Identifier(template))
        )
    try:
        yield env
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(drop)


def _setup(database_url: str | None) -> Any:
    """Django on the benchmark database: the caller's if Django is already set up (a larger
    benchmark calling this), otherwise a throwaway copy of a migrated PostgreSQL database."""
    from django.conf import settings  # noqa: PLC0415

    if settings.configured:
        return None
    started = time.perf_counter()
    context = _database(database_url or DEFAULT_DATABASE_URL)
    env = context.__enter__()
    print(f"database ready in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    os.environ.update(env)
    import django  # noqa: PLC0415

    django.setup()
    return context


def measure_dashboard(mentions: int, database_url: str | None) -> dict[str, Any]:
    """Rollups equal to ``mentions`` mentions, then the dashboard's p95 over filtered requests."""
    context = _setup(database_url)
    try:
        from herald.core.testing import CouncilFactory  # noqa: PLC0415

        rng = random.Random(7)
        council = CouncilFactory(name="Bench Borough Council", slug="bench-listening")
        days = 395 if mentions >= 1_000_000 else 30
        started = time.perf_counter()
        rows = _rollups(council, mentions, days, rng)
        _mentions(council, rng)
        from django.db import connection  # noqa: PLC0415

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        load_s = time.perf_counter() - started
        print(f"loaded {rows} rollup rows in {load_s:.0f} s", file=sys.stderr)
        timings = _time_requests(council, 120)
        cold = _time_requests(council, 30, cold=True)
    finally:
        if context is not None:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()
            context.__exit__(None, None, None)
    return {
        "mentions": mentions,
        "rollup_rows": rows,
        "rollup_days": days,
        "load_s": round(load_s, 1),
        "dashboard_requests": len(timings),
        "dashboard_median_ms": round(statistics.median(timings), 1),
        "dashboard_p95_ms": round(statistics.quantiles(timings, n=20)[18], 1),
        "dashboard_cold_p95_ms": round(statistics.quantiles(cold, n=20)[18], 1),
        "target_ms": TARGET_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 mentions, not 10 million")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    figures = measure_dashboard(100_000 if args.quick else 10_000_000, args.database_url)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
