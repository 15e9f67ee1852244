"""Programme benchmark: the six-month report to Policy Committee over two years of data, PDF
included.

Builds a throwaway PostgreSQL database with a scale council of 20,000 staff (1,000 with
--quick, in an in-memory SQLite) and two years of bulk-loaded data: 1,000,000 mentions as the hourly rollups the
report reads (per service, the all-queries bucket) with a 10,000-mention sample, 50,000
published posts on 40 accounts (with schedules on the corporate ones), 100,000 conversations
with outcomes, response targets and ratings (some on consultation campaigns), the policy's
acknowledgements and e-learning completions, and the programme's own phases, tasks, figures,
spend and short-link clicks (a twentieth of all of it with --quick). Then it times:

* ``content_s``: gathering every figure for the last six months (``build_content``);
* ``html_s``: drawing the report's HTML;
* ``pdf_s``: WeasyPrint's tagged PDF of it;
* ``report_s``: all three, the issue's figure (target at most 10 s);
* ``kpis_two_years_s``: the KPIs over the whole two years, for comparison.

    .venv/bin/python bench/programme.py [--quick] [--database-url URL]

Prints one flat JSON object as the last line.
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
from typing import TYPE_CHECKING, Any

from stack import analyze, herald, stop_on_sigterm, throwaway_database

if TYPE_CHECKING:
    from herald.councils.models import Council

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herald_bench_programme"
TARGET_S = 10.0
BATCH = 5000
DAYS = 730


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django  # noqa: PLC0415 - only once the environment names the benchmark database

    django.setup()


def _accounts(council: Council) -> list[Any]:
    from herald.estate.models import Finding, SocialAccount  # noqa: PLC0415
    from herald.publishing.models import PublishingSchedule  # noqa: PLC0415

    service = council.services.first()
    accounts = SocialAccount.objects.bulk_create(
        SocialAccount(
            council=council,
            network="x",
            handle=f"bench{n}",
            name=f"Bench account {n}",
            service=service,
            kind="corporate" if n < 8 else "service",
        )
        for n in range(40)
    )
    PublishingSchedule.objects.bulk_create(
        PublishingSchedule(account=a, target_per_week=5) for a in accounts if a.kind == "corporate"
    )
    Finding.objects.bulk_create(
        Finding(
            council=council,
            account=a,
            kind="two_factor_off",
            subject="2fa",
            severity="medium",
            action="fix",
            detail="Two-factor is off",
            due_on=datetime.date.today(),
        )
        for a in accounts[::5]
    )
    return accounts


def _posts(council: Council, accounts: list[Any], count: int, rng: random.Random) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.accounts.models import User  # noqa: PLC0415
    from herald.publishing.models import Delivery, Post, PostVariant  # noqa: PLC0415

    author = User.objects.filter(memberships__council=council).first()
    now = timezone.now()
    for start in range(0, count, BATCH):
        n = min(BATCH, count - start)
        times = [now - datetime.timedelta(minutes=rng.randrange(DAYS * 1440)) for _ in range(n)]
        posts = Post.objects.bulk_create(
            Post(
                council=council,
                author=author,
                title=f"Post {start + i}",
                status="published",
                published_at=t,
                scheduled_for=t,
            )
            for i, t in enumerate(times)
        )
        variants = PostVariant.objects.bulk_create(
            PostVariant(post=p, account=accounts[(start + i) % len(accounts)], text="Hello")
            for i, p in enumerate(posts)
        )
        Delivery.objects.bulk_create(
            Delivery(
                council=council,
                variant=v,
                account=v.account,
                status="published",
                due_at=t,
                next_attempt_at=t,
                published_at=t,
            )
            for v, t in zip(variants, times, strict=True)
        )


def _mentions(council: Council, total: int, rng: random.Random) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.listening.models import Mention, MentionRollup, Source  # noqa: PLC0415

    source = Source.objects.create(council=council, kind="sandbox", name="Bench")
    labels = ["waste", "libraries", "roads", "adult_care", "council_tax"]
    start = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
        days=DAYS
    )
    hours = DAYS * 24
    per_bucket = total / (hours * (1 if total < 1_000_000 else len(labels)))
    rows = []
    for h in range(hours):
        hour = start + datetime.timedelta(hours=h)
        for label in labels[: 1 if total < 1_000_000 else None]:
            n = max(0, round(rng.gauss(per_bucket, per_bucket / 3)))
            pos = int(n * rng.uniform(0.2, 0.4))
            neg = int(n * rng.uniform(0.1, 0.3))
            rows.append(
                MentionRollup(
                    council=council,
                    hour=hour,
                    source=source,
                    service_label=label,
                    total=n,
                    positive=pos,
                    negative=neg,
                    neutral=n - pos - neg,
                    engagement=n * 3,
                )
            )
        if len(rows) >= BATCH:
            MentionRollup.objects.bulk_create(rows)
            rows = []
    MentionRollup.objects.bulk_create(rows)
    Mention.objects.bulk_create(
        (
            Mention(
                council=council,
                source=source,
                network="x",
                remote_id=f"m{i}",
                text="Bins again",
                posted_at=start + datetime.timedelta(minutes=rng.randrange(hours * 60)),
                duplicate_key=f"{i:040d}",
                sentiment="negative",
                service_label="waste",
            )
            for i in range(min(10_000, total // 100))
        ),
        batch_size=BATCH,
    )


def _conversations(council: Council, accounts: list[Any], count: int, rng: random.Random) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.inbox.models import Conversation  # noqa: PLC0415
    from herald.publishing.models import Campaign  # noqa: PLC0415

    today = timezone.localdate()
    consultations = [
        Campaign.objects.create(
            council=council,
            name=f"Consultation {q}",
            is_consultation=True,
            starts_on=today - datetime.timedelta(days=90 * q + 60),
            ends_on=today - datetime.timedelta(days=90 * q),
        )
        for q in range(8)
    ]
    outcomes = ["answered"] * 5 + ["signposted_online"] * 2 + ["phone", "face_to_face", "no_action"]
    now = timezone.now()
    for start in range(0, count, BATCH):
        rows = []
        for i in range(start, min(count, start + BATCH)):
            began = now - datetime.timedelta(minutes=rng.randrange(DAYS * 1440))
            due = began + datetime.timedelta(hours=4)
            answered = began + datetime.timedelta(hours=rng.expovariate(1 / 2.5))
            rows.append(
                Conversation(
                    council=council,
                    account=accounts[i % len(accounts)],
                    network="x",
                    resident_handle=f"@r{i}",
                    thread_key=f"t{i}",
                    first_message_at=began,
                    last_message_at=answered,
                    status="resolved",
                    outcome=rng.choice(outcomes),
                    first_response_due_at=due,
                    first_responded_at=answered,
                    resolved_at=answered,
                    satisfaction=rng.choice([None, None, 3, 4, 5, 5]),
                    campaign=consultations[i % 8] if i % 10 == 0 else None,
                )
            )
        Conversation.objects.bulk_create(rows)


def _learning(council: Council) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.learning.models import Acknowledgement, Completion, Module  # noqa: PLC0415
    from herald.learning.testing import make_module, make_policy  # noqa: PLC0415

    version = make_policy(council=council)
    module = make_module(council=council, kind=Module.Kind.AWARENESS)
    today = timezone.localdate()
    ids = list(council.staff_members.values_list("pk", flat=True))
    Completion.objects.bulk_create(
        (
            Completion(
                council=council,
                module=module,
                staff_member_id=pk,
                completed_on=today - datetime.timedelta(days=n % 300),
                expires_on=today + datetime.timedelta(days=65),
            )
            for n, pk in enumerate(ids)
            if n % 10 < 7
        ),
        batch_size=BATCH,
    )
    Acknowledgement.objects.bulk_create(
        (
            Acknowledgement(
                council=council,
                version=version,
                staff_member_id=pk,
                acknowledged_at=timezone.now(),
                content_sha256=version.content_sha256,
            )
            for n, pk in enumerate(ids)
            if n % 10 < 6
        ),
        batch_size=BATCH,
    )


def _programme(council: Council, accounts: list[Any], rng: random.Random, *, quick: bool) -> None:
    from django.utils import timezone  # noqa: PLC0415

    from herald.audit.services import SYSTEM  # noqa: PLC0415
    from herald.programme.models import LinkClickDay, Phase, RecordedFigure  # noqa: PLC0415
    from herald.programme.periods import financial_year, next_month  # noqa: PLC0415
    from herald.programme.services import links, money, plan  # noqa: PLC0415

    today = timezone.localdate()
    measures = list(Phase.Measure.values)
    for n in range(5):
        phase = plan.save_phase(
            council=council,
            actor=SYSTEM,
            name=f"Phase {n + 1}",
            deliverables="Deliverables",
            measure=measures[n],
            starts_on=today - datetime.timedelta(days=200 - 30 * n),
            due_on=today - datetime.timedelta(days=100 - 40 * n),
            completed_on=None,
        )
        for t in range(3):
            plan.save_task(
                council=council,
                phase=phase,
                actor=SYSTEM,
                title=f"Task {n}.{t}",
                owner=None,
                starts_on=phase.starts_on,
                due_on=phase.due_on,
                progress=rng.randrange(0, 101),
            )
    first = (today - datetime.timedelta(days=DAYS)).replace(day=1)
    months = []
    while first <= today:
        months.append(first)
        first = next_month(first)
    RecordedFigure.objects.bulk_create(
        [
            RecordedFigure(
                council=council, kind="followers", month=m, account=a, value=1000 + 50 * i
            )
            for i, m in enumerate(months)
            for a in accounts
        ]
        + [
            RecordedFigure(council=council, kind="livestream_views", month=m, value=300 + i)
            for i, m in enumerate(months)
        ]
    )
    for year in {financial_year(m) for m in months}:
        budget = money.add_budget(
            council=council,
            name="Digital First",
            financial_year=year,
            amount_pence=4_500_000,
            actor=SYSTEM,
        )
        for m in months:
            if financial_year(m) == year:
                money.record_spend(
                    council=council,
                    budget=budget,
                    spent_on=m,
                    amount_pence=120_000,
                    description="Licences",
                    actor=SYSTEM,
                )
    made = [
        links.create_link(
            council=council, target_url=f"https://example.org/{i}", label=f"Link {i}", actor=SYSTEM
        )
        for i in range(20)
    ]
    LinkClickDay.objects.bulk_create(
        (
            LinkClickDay(
                link=link, day=today - datetime.timedelta(days=d), clicks=rng.randrange(50)
            )
            for link in made
            for d in range(1, DAYS)
        ),
        batch_size=BATCH,
    )


def build(quick: bool) -> Council:
    from herald.councils.demo.scale import load_scale_council  # noqa: PLC0415

    scale = 20 if quick else 1
    rng = random.Random(17)
    council = load_scale_council(staff_count=20_000 // scale).council
    accounts = _accounts(council)
    _learning(council)
    _posts(council, accounts, 50_000 // scale, rng)
    _mentions(council, 1_000_000 // scale, rng)
    _conversations(council, accounts, 100_000 // scale, rng)
    _programme(council, accounts, rng, quick=quick)
    return council


def run(council: Council, quick: bool, build_s: float) -> dict[str, Any]:
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from herald.programme.kpis import all_kpis  # noqa: PLC0415
    from herald.programme.periods import Period  # noqa: PLC0415
    from herald.programme.report.content import build_content  # noqa: PLC0415
    from herald.programme.report.render import render_body, render_document, render_pdf  # noqa: PLC0415
    from herald.programme.report.sections import starting_sections  # noqa: PLC0415

    today = timezone.localdate()
    period = Period.months_to(today, 6)
    render_pdf("<html lang='en'><head><title>warm</title></head><body>warm</body></html>")
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        content = build_content(
            council=council,
            period=period,
            title="Six-month report",
            sections=starting_sections(council_name=council.name, period=period),
            today=today,
        )
        content_s = time.perf_counter() - started
    started = time.perf_counter()
    body = render_body(content)
    document = render_document(content, body=body)
    html_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = render_pdf(document)
    pdf_s = time.perf_counter() - started
    started = time.perf_counter()
    all_kpis(council=council, period=Period(start=today - datetime.timedelta(days=DAYS), end=today))
    two_years_s = time.perf_counter() - started
    report_s = content_s + html_s + pdf_s
    return {
        "quick": quick,
        "staff": council.staff_members.count(),
        "mentions_equivalent": 1_000_000 // (20 if quick else 1),
        "posts": 50_000 // (20 if quick else 1),
        "conversations": 100_000 // (20 if quick else 1),
        "build_s": round(build_s, 1),
        "content_s": round(content_s, 3),
        "content_queries": len(captured),
        "html_s": round(html_s, 3),
        "pdf_s": round(pdf_s, 3),
        "pdf_bytes": len(pdf),
        "charts": body.count("<svg"),
        "kpis_two_years_s": round(two_years_s, 3),
        "report_s": round(report_s, 3),
        "target_s": TARGET_S,
        "within_target": report_s <= TARGET_S,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a twentieth of the data, in SQLite")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help=f"a local PostgreSQL to create and drop (default {DEFAULT_DATABASE_URL}; "
        "--quick alone runs in an in-memory SQLite)",
    )
    args = parser.parse_args()
    stop_on_sigterm()
    if args.quick and not args.database_url:
        # A quick run is for a developer's minute: migrating a fresh PostgreSQL alone takes that.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
        setup_django({})
        from django.core.management import call_command  # noqa: PLC0415

        call_command("migrate", verbosity=0)
        print(json.dumps(measure(args.quick)))
        return
    with throwaway_database(args.database_url or DEFAULT_DATABASE_URL) as env:
        herald(env, "migrate", "--no-input")
        setup_django(env)
        figures = measure(args.quick, env)
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
    print(json.dumps(figures))


def measure(quick: bool, env: dict[str, str] | None = None) -> dict[str, Any]:
    from django.db import connection  # noqa: PLC0415

    started = time.perf_counter()
    council = build(quick)
    if env is not None:
        analyze(env)
    figures = run(council, quick, time.perf_counter() - started)
    return {"database": connection.vendor, **figures}


if __name__ == "__main__":
    main()
