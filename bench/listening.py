"""Listening benchmark: mentions ingested and enriched end to end into the database.

N synthetic mentions (1,000,000; 20,000 with --quick) in the shapes residents write (markup,
reposts, handles) go through the real ingestion pipeline in batches of 1,000: cleaning, the
uniqueness check and bulk insert, matching against the council's queries, one
``enrich_mentions`` call per batch, and the hourly rollups.

- **embedded default** (``end_to_end_per_s``): in one process, synchronously, into a fresh SQLite
  database — or into ``--database-url`` (e.g. PostgreSQL) when given;
- **celery** (``end_to_end_celery_per_s``; full run, or ``--celery``): two Celery worker
  processes on Redis (127.0.0.1:6379) each ingesting batches into a throwaway PostgreSQL
  database, timed from the first batch enqueued to the last mention stored.

``enrich_per_s`` and ``ratio_vs_vader`` (every analyser in one process against VADER alone on the
same texts) come from ``bench/listening_parts.py``, and ``dashboard_p95_ms`` (the dashboard over
rollups equal to 10 million mentions, on PostgreSQL) from ``bench/listening_dashboard.py``, each
run here as its own process in the same run.

    .venv/bin/python bench/listening.py [--quick] [--count N] [--database-url URL] [--celery]

Prints one flat JSON object as the last line. Target: end to end >= 3,000 mentions/s on 2 cores
with PostgreSQL.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
BATCH = 1000
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_listening"
REDIS_URL = "redis://127.0.0.1:6379/12"
QUERIES = (
    ("Bins", 'bin* OR recycling OR "bin strike"'),
    ("Roads", "pothole* OR resurfacing"),
    ("Council", '"Aldermoor Council" OR @aldermoorcc'),
    ("Libraries", "library OR libraries"),
)


def env_for(database_url: str, *, celery: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HERALD_DEV": "true",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{ROOT}",
        "TASK_BACKEND": "celery" if celery else "database",
    }
    if celery:
        env["CELERY_BROKER_URL"] = REDIS_URL
    return env


# -- inside one run (a subprocess with its own database) -----------------------------------------


def _setup() -> int:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django  # noqa: PLC0415 - only once the environment names the database

    django.setup()
    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.core.testing import CouncilFactory  # noqa: PLC0415
    from herald.listening.services.queries import create_query  # noqa: PLC0415
    from herald.listening.services.sources import create_source  # noqa: PLC0415

    council = CouncilFactory(
        name=f"Bench {secrets.token_hex(3)}", slug=f"bench-{secrets.token_hex(3)}"
    )
    for name, expression in QUERIES:
        create_query(
            council=council, name=name, topic="service", expression=expression, actor=SYSTEM
        )
    source = create_source(
        council=council,
        kind="import",
        name="Bench export",
        config={"network": "bench"},
        actor=SYSTEM,
    )
    return source.pk


def run_embedded(count: int) -> dict[str, Any]:
    source_id = _setup()
    import listening_jobs  # noqa: PLC0415

    from herald.listening.ingest.pipeline import ingest_batch  # noqa: PLC0415
    from herald.listening.models import Mention, Source  # noqa: PLC0415

    source = Source.objects.get(pk=source_id)
    began = time.perf_counter()
    for start in range(0, count, BATCH):
        ingest_batch(source=source, items=listening_jobs.items(start, min(BATCH, count - start)))
    elapsed = time.perf_counter() - began
    stored = Mention.objects.filter(source=source, enriched_at__isnull=False).count()
    return {
        "mentions": stored,
        "seconds": round(elapsed, 2),
        "end_to_end_per_s": round(stored / elapsed, 1),
    }


def run_celery(count: int) -> dict[str, Any]:
    source_id = _setup()
    import listening_jobs  # noqa: PLC0415

    from herald.listening.models import Mention  # noqa: PLC0415

    workers = [_worker(n) for n in range(2)]
    try:
        listening_jobs.ingest_generated.enqueue(source_id, count, 1)  # warm-up: workers ready
        _wait_for(source_id, 1, timeout=120)
        began = time.perf_counter()
        for start in range(0, count, BATCH):
            listening_jobs.ingest_generated.enqueue(source_id, start, min(BATCH, count - start))
        _wait_for(source_id, count + 1, timeout=max(600.0, count / 200))
        elapsed = time.perf_counter() - began
    finally:
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait(timeout=30)
    stored = Mention.objects.filter(source_id=source_id).count() - 1
    return {
        "mentions_celery": stored,
        "seconds_celery": round(elapsed, 2),
        "end_to_end_celery_per_s": round(stored / elapsed, 1),
    }


def _worker(number: int) -> subprocess.Popen[bytes]:
    command = [
        str(BIN / "celery"),
        "-A",
        "config.celery",
        "worker",
        "--concurrency",
        "1",
        "--loglevel",
        "WARNING",
        "-n",
        f"listening{number}@%h",
    ]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_for(source_id: int, wanted: int, *, timeout: float) -> None:
    from herald.listening.models import Mention  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Mention.objects.filter(source_id=source_id).count() >= wanted:
            return
        time.sleep(0.25)
    raise SystemExit(f"Only part of the {wanted} mentions arrived within {timeout:.0f} s")


# -- the orchestration ---------------------------------------------------------------------------


def _child(env: dict[str, str], mode: str, count: int) -> dict[str, Any]:
    command = [sys.executable, __file__, f"--run-{mode}", "--count", str(count)]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _migrate(env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "herald"), "migrate", "-v0"], env=env, cwd=ROOT, check=True)


def _migrated_sqlite(target: Path) -> None:
    """A freshly migrated SQLite database, copied from one cached in var/bench/ for the same
    migrations, so repeated runs do not pay for ``migrate`` each time."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("herald/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    cached = ROOT / "var" / "bench" / f"listening-{digest.hexdigest()[:16]}.sqlite3"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        _migrate(env_for(f"sqlite:///{building}", celery=False))
        building.rename(cached)
    shutil.copyfile(cached, target)


def embedded(count: int, database_url: str) -> dict[str, Any]:
    if database_url:
        env = env_for(database_url, celery=False)
        _migrate(env)
        return _child(env, "embedded", count)
    folder = Path(tempfile.mkdtemp(prefix="herald-bench-listening-"))
    try:
        database = folder / "herald.sqlite3"
        _migrated_sqlite(database)
        return _child(env_for(f"sqlite:///{database}", celery=False), "embedded", count)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def celery(count: int) -> dict[str, Any]:
    try:
        import psycopg  # noqa: PLC0415
        import redis  # noqa: PLC0415
        from psycopg import sql  # noqa: PLC0415

        redis.Redis.from_url(REDIS_URL).ping()
        admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute("SELECT 1")
    except Exception as error:
        return {"end_to_end_celery_per_s": None, "celery_skipped": type(error).__name__}
    name = sql.Identifier(POSTGRES_URL.rsplit("/", 1)[1])
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
        env = env_for(POSTGRES_URL, celery=True)
        _migrate(env)
        return _child(env, "celery", count)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(drop)


def _part(script: str, *args: str) -> dict[str, Any]:
    """Another listening benchmark in its own process (it sets Django up its own way); its last
    line's figures."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name(script)), *args],
        check=True,
        capture_output=True,
        text=True,
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="20,000 mentions, no Celery")
    parser.add_argument("--count", type=int, help="How many mentions (overrides the mode's)")
    parser.add_argument("--database-url", default="", help="Embedded run into this database")
    parser.add_argument("--celery", action="store_true", help="Measure Celery even with --quick")
    parser.add_argument("--run-embedded", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run-celery", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    count = args.count or (20_000 if args.quick else 1_000_000)
    if args.run_embedded or args.run_celery:
        result = run_embedded(count) if args.run_embedded else run_celery(count)
        print(json.dumps(result))
        return
    figures: dict[str, Any] = {"mentions_requested": count}
    figures |= embedded(count, args.database_url)
    if args.celery or not args.quick:
        figures |= celery(count)
    else:
        figures["end_to_end_celery_per_s"] = None
    quick = ["--quick"] if args.quick else []
    enrich = _part("listening_parts.py", *quick)
    figures |= {"enrich_per_s": enrich["enrich_per_s"], "ratio_vs_vader": enrich["ratio_vs_vader"]}
    dashboard = _part("listening_dashboard.py", *quick)
    figures["dashboard_p95_ms"] = dashboard["dashboard_p95_ms"]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
