"""Publishing benchmark: posts due in the same minute, dispatched through the Sandbox network.

10,000 posts (1,000 with --quick) across 200 accounts (20), each account connected to Herald's own
Sandbox network, with due times spread evenly over one minute (15 seconds with --quick). Then the
real background machinery sends them, exactly as in production:

- **embedded default**: a fresh SQLite file, ``herald run_scheduler`` and ``herald db_worker``
  (the database task backend) as separate processes; the scheduler enqueues the
  ``publishing.publish_due`` job, the worker runs the sweep;
- **celery** (full run only, when Redis and PostgreSQL are up): a throwaway PostgreSQL database,
  ``TASK_BACKEND=celery`` and two Celery worker processes plus the scheduler.

Lateness is each delivery's ``published_at`` (when Herald had recorded the network's answer)
minus its ``due_at``. ``posts_per_s`` is dispatch throughput in a burst: after the lateness run,
2,000 more posts (500 with --quick) all due at the same instant, divided by the seconds until the
last one was published.

    .venv/bin/python bench/publishing.py [--quick]

Prints one flat JSON object as the last line. Target: ``lateness_p99_s`` <= 5 on the embedded
default.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
TARGET_P99_S = 5.0
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_publishing"
REDIS_URL = "redis://127.0.0.1:6379/13"


def env_for(database_url: str, *, celery: bool) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HERALD_DEV": "true",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONUNBUFFERED": "1",
        "TASK_BACKEND": "celery" if celery else "database",
    }
    env.pop("REDIS_URL", None)
    if celery:
        env["CELERY_BROKER_URL"] = REDIS_URL
    return env


# -- inside one run (a subprocess with its own database) -----------------------------------------


def _setup(accounts: int) -> tuple[Any, Any, list[Any]]:
    sys.path.insert(0, str(ROOT))
    import django  # noqa: PLC0415 - only once the environment names the database

    django.setup()
    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.channels import services  # noqa: PLC0415
    from herald.core.testing import CouncilFactory, ServiceFactory, UserFactory  # noqa: PLC0415
    from herald.estate.models import SocialAccount  # noqa: PLC0415

    council = CouncilFactory(name="Bench Borough Council", slug="bench")
    service = ServiceFactory(council=council)
    author = UserFactory(username="bench-author")
    made = SocialAccount.objects.bulk_create(
        SocialAccount(
            council=council,
            network="x",
            handle=f"BenchAccount{n}",
            name=f"Bench account {n}",
            service=service,
        )
        for n in range(accounts)
    )
    for account in made:
        services.connect(council=council, account=account, network="sandbox", actor=SYSTEM)
    return council, author, made


def _schedule(
    council: Any,
    author: Any,
    accounts: list[Any],
    count: int,
    start: datetime.datetime,
    spread: float,
) -> None:
    from herald.publishing.delivery.testing import bulk_scheduled_posts  # noqa: PLC0415

    plan = [
        (
            accounts[i % len(accounts)],
            start + datetime.timedelta(seconds=spread * i / count),
            f"Bench post {start.timestamp():.0f}-{i}: the library opens late on Monday",
        )
        for i in range(count)
    ]
    for chunk in range(0, count, 2000):
        bulk_scheduled_posts(council=council, author=author, plan=plan[chunk : chunk + 2000])


def _wait(since: datetime.datetime, *, timeout: float) -> dict[str, Any]:
    from herald.publishing.models import Delivery  # noqa: PLC0415

    waiting = [Delivery.Status.PENDING, Delivery.Status.PUBLISHING, Delivery.Status.UNCONFIRMED]
    deadline = time.monotonic() + timeout
    batch = Delivery.objects.filter(due_at__gte=since)
    while time.monotonic() < deadline:
        if not batch.filter(status__in=waiting).exists():
            break
        time.sleep(0.5)
    rows = list(batch.values_list("status", "due_at", "published_at"))
    lateness = sorted(
        max((published - due).total_seconds(), 0.0)
        for status, due, published in rows
        if status == Delivery.Status.PUBLISHED and published is not None
    )
    return {
        "total": len(rows),
        "published": len(lateness),
        "lateness": lateness,
        "last_published": max((p for s, _, p in rows if p is not None), default=None),
    }


def _ready(*, timeout: float) -> None:
    from herald.core.models import PeriodicJob  # noqa: PLC0415

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = PeriodicJob.objects.filter(name="publishing.publish_due").first()
        if job is not None and job.last_finished_at is not None:
            return
        time.sleep(0.5)
    raise SystemExit("The task worker never ran the publishing job")


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(fraction * 1000) - 1]


def run(args: argparse.Namespace) -> None:
    """One measured run: data, background processes, lateness, then a burst."""
    from django.utils import timezone  # noqa: PLC0415

    council, author, accounts = _setup(args.accounts)
    lead = 2.0
    processes = []
    try:
        processes.append(_spawn("run_scheduler"))
        if args.celery:
            for n in range(2):
                processes.append(
                    subprocess.Popen(
                        [
                            str(BIN / "celery"),
                            "-A",
                            "config.celery",
                            "worker",
                            "--concurrency",
                            "1",
                            "--loglevel",
                            "WARNING",
                            "-n",
                            f"bench{n}@%h",
                        ],
                        cwd=ROOT,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                )
        else:
            processes.append(_spawn("db_worker", "--queue-name=*", "--interval", "0.2"))
        # Measure from steady state, as in service: the worker and scheduler are up and the
        # publishing job has run once.
        _ready(timeout=180)
        start = timezone.now() + datetime.timedelta(seconds=lead)
        _schedule(council, author, accounts, args.posts, start, args.spread)
        first = _wait(start, timeout=args.spread + lead + 240)
        burst_at = timezone.now() + datetime.timedelta(seconds=2)
        _schedule(council, author, accounts, args.burst, burst_at, 0.0)
        burst = _wait(burst_at, timeout=240)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    burst_seconds = (
        (burst["last_published"] - burst_at).total_seconds() if burst["last_published"] else None
    )
    print(
        json.dumps(
            {
                "posts": first["total"],
                "published": first["published"],
                "lateness_p50_s": _round(_percentile(first["lateness"], 0.5)),
                "lateness_p99_s": _round(_percentile(first["lateness"], 0.99)),
                "lateness_max_s": _round(max(first["lateness"], default=None)),
                "burst_posts": burst["total"],
                "burst_published": burst["published"],
                "posts_per_s": _round(
                    burst["published"] / burst_seconds if burst_seconds else None
                ),
            }
        )
    )


def _spawn(*command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(BIN / "herald"), *command],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# -- the orchestration ---------------------------------------------------------------------------


def _migrate(env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "herald"), "migrate", "-v0"], env=env, cwd=ROOT, check=True)


def _measured(env: dict[str, str], args: argparse.Namespace, *, celery: bool) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--run",
        "--posts",
        str(args.posts),
        "--accounts",
        str(args.accounts),
        "--spread",
        str(args.spread),
        "--burst",
        str(args.burst),
    ]
    if celery:
        command.append("--celery")
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _migrated_sqlite(target: Path) -> None:
    """A freshly migrated SQLite database at ``target``, copied from a cached one made by the
    same migrations (var/bench/), so repeated runs do not pay for ``migrate`` each time."""
    digest = hashlib.sha256()
    for path in sorted(ROOT.glob("herald/*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    cached = ROOT / "var" / "bench" / f"publishing-{digest.hexdigest()[:16]}.sqlite3"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = cached.with_suffix(".building")
        building.unlink(missing_ok=True)
        _migrate(env_for(f"sqlite:///{building}", celery=False))
        building.rename(cached)
    shutil.copyfile(cached, target)


def embedded(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="herald-bench-publishing-"))
    try:
        database = folder / "herald.sqlite3"
        _migrated_sqlite(database)
        env = env_for(f"sqlite:///{database}", celery=False)
        return _measured(env, args, celery=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def celery(args: argparse.Namespace) -> tuple[dict[str, Any] | None, str]:
    try:
        import psycopg  # noqa: PLC0415
        import redis  # noqa: PLC0415
        from psycopg import sql  # noqa: PLC0415

        redis.Redis.from_url(REDIS_URL).ping()
        admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as admin:
            admin.execute("SELECT 1")
    except Exception as error:
        return None, f"Redis or PostgreSQL not available: {type(error).__name__}"
    name = sql.Identifier(POSTGRES_URL.rsplit("/", 1)[1])
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
        env = env_for(POSTGRES_URL, celery=True)
        _migrate(env)
        return _measured(env, args, celery=True), ""
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(drop)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 posts, 20 accounts, no Celery")
    parser.add_argument("--run", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--celery", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--posts", type=int, default=None)
    parser.add_argument("--accounts", type=int, default=None)
    parser.add_argument("--spread", type=float, default=None, help="seconds the due times span")
    parser.add_argument("--burst", type=int, default=None)
    args = parser.parse_args()
    args.posts = args.posts or (1000 if args.quick else 10_000)
    args.accounts = args.accounts or (20 if args.quick else 200)
    args.spread = args.spread if args.spread is not None else (15.0 if args.quick else 60.0)
    args.burst = args.burst or (500 if args.quick else 2000)
    if args.run:
        run(args)
        return
    result = embedded(args)
    print(f"embedded default (SQLite + db_worker): {json.dumps(result)}", file=sys.stderr)
    summary: dict[str, Any] = {
        "posts": result["posts"],
        "accounts": args.accounts,
        "spread_s": args.spread,
        "published": result["published"],
        "lateness_p50_s": result["lateness_p50_s"],
        "lateness_p99_s": result["lateness_p99_s"],
        "lateness_max_s": result["lateness_max_s"],
        "posts_per_s": result["posts_per_s"],
        "burst_posts": result["burst_posts"],
        "target_p99_s": TARGET_P99_S,
        "meets_target": (
            result["lateness_p99_s"] is not None and result["lateness_p99_s"] <= TARGET_P99_S
        ),
    }
    if args.quick:
        cel, why = None, "skipped with --quick"
    else:
        cel, why = celery(args)
    summary.update(
        {
            "celery_lateness_p50_s": cel["lateness_p50_s"] if cel else None,
            "celery_lateness_p99_s": cel["lateness_p99_s"] if cel else None,
            "celery_posts_per_s": cel["posts_per_s"] if cel else None,
            "celery_published": cel["published"] if cel else None,
            "celery_note": why,
        }
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
