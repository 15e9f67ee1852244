"""Estate benchmark: the housekeeping check over a large register with five years of history.

Builds a throwaway PostgreSQL database with the demo councils, then bulk-creates 2,000 accounts
(200 with --quick) in Aldermoor across its services and networks, each with five years of status
history, resolved findings and daily health snapshots, and a realistic spread of problems.

``audit_s`` times the daily check as it runs in service: on an estate the check has already
seen (yesterday's open findings exist) after a day in which a tenth of the accounts changed, so
some findings are raised, some resolved and most kept. ``first_run_s`` times the very first
check of a freshly imported estate, which raises every finding at once, for comparison. The
register and the dashboard's query counts are taken at a tenth of the size and at full size.

    .venv/bin/python bench/estate.py [--quick]

Prints one flat JSON object as the last line. Target: the check under 2 s for 2,000 accounts.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from stack import herald, stop_on_sigterm, throwaway_database

if TYPE_CHECKING:
    from django.test import Client

    from herald.councils.models import Council
    from herald.estate.models import SocialAccount

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_estate"
TARGET_S = 2.0
YEARS = 5


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django  # noqa: PLC0415 - only once the environment names the benchmark database

    django.setup()


def build(council: Council, start: int, count: int, rng: random.Random) -> None:
    """Bulk-create ``count`` accounts numbered from ``start`` with their history."""
    from django.utils import timezone  # noqa: PLC0415

    from herald.estate.models import AdminAccess, Finding, SocialAccount  # noqa: PLC0415

    services_ = list(council.services.all())
    staff = list(council.staff_members.all())
    today = timezone.localdate()
    networks = ["x", "facebook_page", "instagram", "tiktok", "youtube", "linkedin"]
    accounts = []
    for n in range(start, start + count):
        accounts.append(
            SocialAccount(
                council=council,
                network=networks[n % len(networks)],
                handle=f"bench{n}",
                name=f"Bench account {n}",
                purpose=f"Purpose {n % 700}",  # some share a purpose: likely duplicates
                audience="Residents",
                service=rng.choice(services_),
                owner=rng.choice(staff) if rng.random() > 0.05 else None,
                deputy=rng.choice(staff) if rng.random() > 0.2 else None,
                two_factor=rng.choice(["on", "on", "on", "off", "unknown"]),
                brand_name_and_logo=rng.random() > 0.1,
                brand_profile_text=rng.random() > 0.1,
                brand_website_link=rng.random() > 0.1,
                brand_house_rules=rng.random() > 0.2,
                last_post_on=today - datetime.timedelta(days=rng.randint(0, 400)),
                followers=rng.randint(0, 50_000),
                status=rng.choice(["active"] * 8 + ["dormant", "under_review", "closed"]),
                review_due_on=today + datetime.timedelta(days=rng.randint(-60, 365)),
            )
        )
    SocialAccount.objects.bulk_create(accounts, batch_size=1000)
    _history(accounts)
    AdminAccess.objects.bulk_create(
        [
            AdminAccess(account=a, is_digital_team=True, level="admin")
            for a in accounts
            if rng.random() > 0.15
        ]
        + [
            AdminAccess(account=a, staff_member=a.owner, level="owner") for a in accounts if a.owner
        ],
        batch_size=1000,
    )
    # Findings raised and resolved over the years, as the daily check would have left them.
    now = timezone.now()
    Finding.objects.bulk_create(
        [
            Finding(
                council=council,
                account=a,
                kind=rng.choice(["dormant", "two_factor_off", "branding_incomplete"]),
                subject=f"old-{i}",
                severity="medium",
                action="fix",
                detail="Resolved long ago",
                due_on=today - datetime.timedelta(days=400),
                resolved_at=now - datetime.timedelta(days=380),
            )
            for a in accounts
            for i in range(3)
        ],
        batch_size=1000,
    )


def _history(accounts: list[SocialAccount]) -> None:
    """Five years of status changes for each account (append-only rows, as the helper writes)."""
    from herald.estate.models import AccountStatusChange  # noqa: PLC0415

    steps = ["active", "under_review", "active", "dormant", "active"]
    AccountStatusChange.objects.bulk_create(
        [
            AccountStatusChange(
                account=account, from_status=before, to_status=after, actor_label="Bench"
            )
            for account in accounts
            for before, after in zip(["", *steps], steps, strict=False)
        ],
        batch_size=2000,
    )


def a_day_of_changes(council: Council, rng: random.Random) -> None:
    """What a day brings to an estate checked yesterday: a tenth of accounts change."""
    from django.utils import timezone  # noqa: PLC0415

    accounts = list(council.social_accounts.exclude(status="closed"))
    changed = rng.sample(accounts, len(accounts) // 10)
    for account in changed:
        if rng.random() < 0.5:
            account.two_factor = "off" if account.two_factor == "on" else "on"
        else:
            account.last_post_on = timezone.localdate()
    type(changed[0]).objects.bulk_update(changed, ["two_factor", "last_post_on"], batch_size=500)


def snapshots(council: Council, days: int) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.estate.models import HealthSnapshot  # noqa: PLC0415

    today = timezone.localdate()
    HealthSnapshot.objects.bulk_create(
        [
            HealthSnapshot(
                council=council,
                service=service,
                taken_on=today - datetime.timedelta(days=day),
                accounts=100,
                open_findings=day % 40,
            )
            for service in council.services.all()
            for day in range(1, days)
        ],
        batch_size=2000,
    )


def page_queries(client: Client, path: str) -> int:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    client.get(path)  # warm the council context
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


def run(quick: bool) -> dict[str, object]:
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import override_settings  # noqa: PLC0415

    from herald.accounts.models import User  # noqa: PLC0415
    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.councils.models import Council  # noqa: PLC0415
    from herald.estate.services import run_housekeeping  # noqa: PLC0415

    total = 200 if quick else 2000
    small = total // 10
    rng = random.Random(2026)
    council = Council.objects.get(slug="aldermoor")
    snapshots(council, 365 * YEARS)
    client = Client()
    client.force_login(User.objects.get(username="demo-digital"))
    figures: dict[str, object] = {"accounts": total}
    with override_settings(ALLOWED_HOSTS=["*"]):
        build(council, 0, small, rng)
        run_housekeeping(council=council, actor=SYSTEM)
        figures["register_queries_small"] = page_queries(client, "/estate/")
        figures["dashboard_queries_small"] = page_queries(client, "/estate/dashboard/")
        figures["access_queries_small"] = page_queries(client, "/estate/access/")
        build(council, small, total - small, rng)
        started = time.perf_counter()
        first = run_housekeeping(council=council, actor=SYSTEM)
        first_s = time.perf_counter() - started
        a_day_of_changes(council, rng)
        started = time.perf_counter()
        daily = run_housekeeping(council=council, actor=SYSTEM)
        audit_s = time.perf_counter() - started
        figures["register_queries_large"] = page_queries(client, "/estate/")
        figures["dashboard_queries_large"] = page_queries(client, "/estate/dashboard/")
        figures["access_queries_large"] = page_queries(client, "/estate/access/")
        started = time.perf_counter()
        client.get("/estate/access/")
        figures["access_review_ms"] = round((time.perf_counter() - started) * 1000, 1)
    checked = daily.accounts
    figures |= {
        "accounts_checked": checked,
        "daily_raised": daily.raised,
        "daily_resolved": daily.resolved,
        "daily_still_open": daily.still_open,
        "audit_s": round(audit_s, 3),
        "accounts_per_s": round(checked / audit_s, 1),
        "first_run_raised": first.raised,
        "first_run_s": round(first_s, 3),
        "first_run_accounts_per_s": round(first.accounts / first_s, 1),
        "target_s": TARGET_S,
        "within_target": audit_s < TARGET_S,
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 accounts rather than 2,000")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    args = parser.parse_args()
    stop_on_sigterm()
    with throwaway_database(args.database_url) as env:
        herald(env, "migrate", "--no-input")
        herald(env, "load_demo_council")
        setup_django(env)
        figures = run(args.quick)
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
