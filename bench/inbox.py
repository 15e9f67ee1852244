"""Inbox benchmark: the list over a million conversations, and triage keeping up with 10,000
new messages a minute.

Builds a throwaway database (the embedded default, SQLite in a temporary file; or a throwaway
PostgreSQL with ``--database-url``), bulk-creates 1,000,000 conversations (50,000 with
``--quick``) in one council with a realistic spread (most closed, a third open; 14 services, 28
teams, 50 officers; priorities, tags, deadlines, a few overdue), then:

* ``list_p95_ms``: the inbox list page over HTTP (Django's test client, the real view, template
  and middleware) for the saved views and filters: all open, each status, a service, a team,
  a priority, a tag, unassigned, mine, my team, overdue, and the second page by cursor;
  ``list_cpu_p95_ms`` is the same requests' CPU time in this process, for a shared machine;
* ``triage_per_min``: listening mentions collected into routed conversations by
  ``inbox.collect``'s service, messages a minute, timed on the collect calls alone;
* the backlog over time: mentions arriving at 10,000 a minute for 10 seconds (60 without
  ``--quick``) while collection runs in the same process; printed each second on stderr and
  summarised as ``backlog_max`` and ``backlog_end`` (0 means it kept up).

    .venv/bin/python bench/inbox.py [--quick] [--database-url postgres://...]

Prints one flat JSON object as the last line. Targets: list p95 <= 200 ms; 10,000 a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_LIST_MS = 200
TARGET_PER_MIN = 10_000
BATCH = 5_000


@contextlib.contextmanager
def database(url: str) -> Iterator[None]:
    """The embedded default in a temporary file, or a throwaway PostgreSQL."""
    if url:
        from stack import throwaway_database  # noqa: PLC0415 - psycopg only when asked for

        with throwaway_database(url) as env:
            os.environ.update({"DATABASE_URL": env["DATABASE_URL"]})
            yield
        return
    with tempfile.TemporaryDirectory(prefix="herald-bench-inbox-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/herald.sqlite3"
        yield


def setup() -> None:
    os.environ.setdefault("HERALD_DEV", "true")
    os.environ.setdefault("SECRET_KEY", "bench-" + "b" * 50)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("REDIS_URL", None)  # the embedded default: no Redis
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import django  # noqa: PLC0415

    django.setup()
    from django.apps import apps  # noqa: PLC0415
    from django.conf import settings  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    # Tables straight from the models (what the migrations make, checked by
    # makemigrations --check), in seconds instead of replaying every migration.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    # The benchmark's 51 sign-ins need no deliberately slow password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", run_syncdb=True, verbosity=0)
    call_command("createcachetable", verbosity=0)


def world() -> dict[str, Any]:
    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.core.testing import CouncilFactory, make_member  # noqa: PLC0415
    from herald.councils.models import Service, Team  # noqa: PLC0415
    from herald.councils.roles import Role  # noqa: PLC0415
    from herald.estate.models import SocialAccount  # noqa: PLC0415
    from herald.inbox import services  # noqa: PLC0415

    council = CouncilFactory(name="Benchmark County Council", slug="bench")
    service_list = [
        Service.objects.create(council=council, name=f"Service {n}", slug=f"service-{n}")
        for n in range(14)
    ]
    teams = [
        Team.objects.create(council=council, service=service_list[n % 14], name=f"Team {n}")
        for n in range(28)
    ]
    officers = [
        make_member(
            council=council, username=f"officer{n}", roles=(Role.EDITOR,), team=teams[n % 28]
        )
        for n in range(50)
    ]
    lead = make_member(council=council, username="lead", roles=(Role.DIGITAL_TEAM,), team=teams[0])
    account = SocialAccount.objects.create(
        council=council,
        network="sandbox",
        handle="bench",
        name="Benchmark account",
        service=service_list[0],
        purpose="Benchmark",
        audience="Residents",
    )
    for n, service in enumerate(service_list):
        services.set_route(
            council=council,
            service_label=f"label-{n}",
            service=service,
            team=teams[n],
            actor=SYSTEM,
        )
    return {
        "council": council,
        "services": service_list,
        "teams": teams,
        "officers": [m.user for m in officers],
        "lead": lead,
        "account": account,
    }


def build_conversations(w: dict[str, Any], count: int, rng: random.Random) -> None:
    """Rows straight into the table with executemany (model instances would take minutes)."""
    from django.db import connection, transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from herald.inbox.models import Conversation  # noqa: PLC0415

    fields = [f for f in Conversation._meta.concrete_fields if f.name != "id"]
    columns = ", ".join(connection.ops.quote_name(f.column or f.name) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    insert = f"INSERT INTO {Conversation._meta.db_table} ({columns}) VALUES ({marks})"
    now = timezone.now()
    rows = []
    for n in range(count):
        values = _conversation_values(w, n, count, now, rng)
        rows.append([f.get_db_prep_save(values.get(f.attname), connection) for f in fields])
        if len(rows) == BATCH or n == count - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(insert, rows)
            rows = []


STATUSES = (
    ["resolved"] * 5
    + ["no_action"] * 2
    + ["new", "assigned", "awaiting_reply", "awaiting_resident"]
)
PRIORITIES = ["normal"] * 14 + ["high"] * 4 + ["low"] + ["urgent"]
OUTCOMES = ["answered", "signposted_online", "phone", "face_to_face"]


def _conversation_values(
    w: dict[str, Any], n: int, count: int, now: datetime.datetime, rng: random.Random
) -> dict[str, Any]:
    import uuid  # noqa: PLC0415

    status = STATUSES[n % len(STATUSES)]
    last = now - datetime.timedelta(seconds=rng.randint(0, 730 * 86400))
    closed = status in {"resolved", "no_action"}
    team = rng.choice(w["teams"]) if rng.random() > 0.2 else None
    due = last + datetime.timedelta(hours=rng.choice([4, 8, 40]))
    assignee = rng.choice(w["officers"]) if team and rng.random() > 0.4 else None
    return {
        "public_id": uuid.uuid4(),
        "created_at": now,
        "updated_at": now,
        "council_id": w["council"].pk,
        "account_id": w["account"].pk,
        "network": "sandbox",
        "resident_handle": f"@resident{rng.randint(0, count // 3)}",
        "resident_name": "",
        "thread_key": f"bench-{n}",
        "kind": "comment",
        "subject": f"Bench message {n}",
        "status": status,
        "status_changed_at": None,
        "priority": rng.choice(PRIORITIES),
        "service_id": (team.service if team else rng.choice(w["services"])).pk,
        "team_id": team.pk if team else None,
        "assignee_id": assignee.pk if assignee else None,
        "tags": ["potholes"] if n % 10 == 0 else [],
        "first_message_at": last - datetime.timedelta(hours=1),
        "last_message_at": last,
        "first_response_due_at": due,
        "first_responded_at": None,
        "resolution_due_at": due,
        "resolved_at": None,
        "outcome": rng.choice(OUTCOMES) if status == "resolved" else "",
        "satisfaction": None,
        "campaign_id": None,
        "acknowledged_out_of_hours_at": None,
        "next_due_at": None if closed else due,
    }


def list_urls(w: dict[str, Any]) -> list[str]:
    team, service = w["teams"][3], w["services"][5]
    return [
        "/inbox/",
        "/inbox/?status=new",
        "/inbox/?status=awaiting_reply",
        "/inbox/?status=closed",
        f"/inbox/?service={service.public_id}",
        f"/inbox/?team={team.public_id}",
        "/inbox/?priority=urgent",
        f"/inbox/?priority=high&service={service.public_id}",
        "/inbox/?tag=potholes",
        "/inbox/?view=unassigned",
        "/inbox/?view=mine",
        "/inbox/?view=my_team",
        "/inbox/?view=overdue",
        "/inbox/?status=all",
    ]


def time_lists(w: dict[str, Any], repeats: int) -> tuple[list[float], list[float]]:
    import re  # noqa: PLC0415
    from html import unescape  # noqa: PLC0415

    from django.test import Client  # noqa: PLC0415

    client = Client()
    client.force_login(w["lead"].user)
    timings, cpu = [], []
    urls = list_urls(w)
    for url in urls:  # warm: the first request pays for imports and template compilation
        client.get(url)
    for _ in range(repeats):
        for url in urls:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            print(f"{url}: {timings[-1]:.0f} ms ({cpu[-1]:.0f} ms CPU)", file=sys.stderr)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code}")
            found = re.search(r'href="(\?[^"]*after=[^"]+)">Next page', response.content.decode())
            if found:  # the next page, by cursor
                started = time.perf_counter()
                client.get("/inbox/" + unescape(found.group(1)))
                timings.append((time.perf_counter() - started) * 1000)
    return timings, cpu


def make_mentions(w: dict[str, Any], count: int, start: int, source: Any) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.listening.models import Mention  # noqa: PLC0415

    now = timezone.now()
    Mention.objects.bulk_create(
        Mention(
            council=w["council"],
            source=source,
            network="sandbox",
            remote_id=f"m{n}",
            author_handle=f"@person{n % 7000}",
            text=f"Message {n} about label-{n % 14}",
            posted_at=now,
            thread_key=f"t{n % 5000}",
            account=w["account"],
            kind="comment",
            duplicate_key=f"{n:040d}"[-40:],
            service_label=f"label-{n % 15}",
        )
        for n in range(start, start + count)
    )


def time_triage(w: dict[str, Any], count: int, source: Any) -> float:
    from herald.inbox import services  # noqa: PLC0415

    make_mentions(w, count, 0, source)
    collected, spent = 0, 0.0
    while True:
        started = time.perf_counter()
        result = services.collect_for(council=w["council"])
        spent += time.perf_counter() - started
        if not result.collected:
            break
        collected += result.collected
    if collected != count:
        raise SystemExit(f"collected {collected} of {count}")
    return collected / spent * 60


def paced_backlog(w: dict[str, Any], seconds: int, source: Any, start: int) -> list[int]:
    """Mentions arrive at 10,000 a minute while collection runs: the backlog each second."""
    from herald.inbox import services  # noqa: PLC0415

    per_second = TARGET_PER_MIN / 60
    began = time.perf_counter()
    arrived = collected = 0
    backlog: list[int] = []
    next_report = 1.0
    while (elapsed := time.perf_counter() - began) < seconds:
        due = int(elapsed * per_second) - arrived
        if due > 0:
            make_mentions(w, due, start + arrived, source)
            arrived += due
        collected += services.collect_for(council=w["council"]).collected
        if elapsed >= next_report:
            backlog.append(arrived - collected)
            print(
                f"t={next_report:.0f}s arrived={arrived} backlog={arrived - collected}",
                file=sys.stderr,
            )
            next_report += 1
    return backlog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="50,000 conversations, 10 s paced")
    parser.add_argument("--conversations", type=int, default=0)
    parser.add_argument("--database-url", default="", help="A PostgreSQL on this machine")
    args = parser.parse_args()
    count = args.conversations or (50_000 if args.quick else 1_000_000)
    rng = random.Random(8)
    with database(args.database_url):
        started = time.perf_counter()
        setup()
        print(f"schema in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        from django.db import connection  # noqa: PLC0415

        from herald.inbox.testing import fixture_source  # noqa: PLC0415

        w = world()
        print(f"world in {time.perf_counter() - started:.1f}s", file=sys.stderr)
        build_conversations(w, count, rng)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics for the freshly bulk-loaded tables
        print(
            f"built {count} conversations in {time.perf_counter() - started:.1f}s", file=sys.stderr
        )
        timings, cpu = time_lists(w, 2 if args.quick else 10)
        print(f"lists done at {time.perf_counter() - started:.1f}s", file=sys.stderr)
        source = fixture_source(w["council"])
        per_min = time_triage(w, 3_000 if args.quick else 30_000, source)
        backlog = paced_backlog(w, 10 if args.quick else 60, source, 10_000_000)
        p95 = statistics.quantiles(timings, n=20)[18]
        result = {
            "database": connection.vendor,
            "conversations": count,
            "list_requests": len(timings),
            "list_p50_ms": round(statistics.median(timings), 1),
            "list_p95_ms": round(p95, 1),
            "list_max_ms": round(max(timings), 1),
            # This process's CPU per request: what the page costs when the machine is not
            # shared (the wall-clock figures include waiting for a busy CPU).
            "list_cpu_p95_ms": round(statistics.quantiles(cpu, n=20)[18], 1),
            "triage_per_min": round(per_min),
            "backlog_max": max(backlog, default=0),
            "backlog_end": backlog[-1] if backlog else 0,
            "target_list_p95_ms": TARGET_LIST_MS,
            "target_triage_per_min": TARGET_PER_MIN,
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
