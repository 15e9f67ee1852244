"""Replies' outbox benchmark: residents' comments answered through the Sandbox network.

Builds 2,000 conversations (150 with --quick) across 20 Sandbox-connected accounts (5), each a
resident's real comment under the council's post on the Sandbox, writes and submits a reply to
each through the services (standards check included), then runs the outbox's passes until every
reply is sent, twice: once clean (``replies_per_s``: sent replies over the seconds of outbox
passes) and once with faults injected at random (5xx, timeouts after the network accepted the
reply, 429s, expired tokens; time moved with time-machine so backoffs pass without waiting),
counting on the network's side that no reply was posted twice (``duplicates``) and none was lost
silently (``lost``: neither sent nor failed/unconfirmed with a reason).

The database is the test settings' (in-memory SQLite unless DATABASE_URL is set).

    .venv/bin/python bench/inbox_replies.py [--quick]

Prints one flat JSON object as the last line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django

django.setup()

import httpx  # noqa: E402
import time_machine  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from herald.audit.services import Actor  # noqa: E402
from herald.channels import clients  # noqa: E402
from herald.channels.fakes.faults import FaultPlan, with_faults  # noqa: E402
from herald.channels.models import SandboxPost  # noqa: E402
from herald.channels.sandbox import protocol  # noqa: E402
from herald.channels.sandbox import service as sandbox  # noqa: E402
from herald.core.testing import CouncilFactory, ServiceFactory, make_member  # noqa: E402
from herald.councils.roles import Role  # noqa: E402
from herald.inbox.models import Reply  # noqa: E402
from herald.inbox.replies import outbox, services  # noqa: E402
from herald.inbox.tests.replies.factories import conversation, sandbox_account  # noqa: E402

R = Reply.Status
DUMMY = "django.tasks.backends.dummy.DummyBackend"
RATES = {
    "server_error": 0.06,
    "timeout_after_accept": 0.05,
    "rate_limited": 0.03,
    "token_expired": 0.02,
}


def build(slug: str, replies: int, accounts: int) -> list[Reply]:
    council = CouncilFactory(slug=slug, name=f"{slug.title()} Council")
    service = ServiceFactory(council=council)
    editor = make_member(council=council, username=f"{slug}-editor", roles=(Role.EDITOR,))
    actor = Actor(user=editor.user)
    made = [sandbox_account(council=council, service=service) for _ in range(accounts)]
    written = []
    for n in range(replies):
        thread = conversation(council=council, account=made[n % accounts], resident=f"r{slug}{n}")
        reply = services.start_reply(
            conversation=thread.conversation, text=f"Thanks: answer number {n}.", actor=actor
        )
        services.submit_reply(reply=reply, actor=actor)
        written.append(reply)
    return written


def drain(replies: list[Reply], *, step: datetime.timedelta | None = None) -> tuple[float, int]:
    """Outbox passes until nothing is left to send; (seconds spent in passes, passes)."""
    ids = [r.pk for r in replies]
    spent, passes = 0.0, 0
    with contextlib.ExitStack() as stack:
        clock = stack.enter_context(time_machine.travel(timezone.now(), tick=False))
        for passes in range(1, 200):  # noqa: B007 - the count is reported
            started = time.perf_counter()
            outbox.send_due_replies()
            spent += time.perf_counter() - started
            left = Reply.objects.filter(
                pk__in=ids, status__in=[R.APPROVED, R.SENDING, R.UNCONFIRMED]
            ).count()
            if not left:
                break
            clock.shift(step or datetime.timedelta(minutes=3))
    return spent, passes


def duplicates_and_lost(replies: list[Reply]) -> tuple[int, int]:
    keys = [str(r.idempotency_key) for r in replies]
    on_network = Counter(
        SandboxPost.objects.filter(idempotency_key__in=keys).values_list(
            "idempotency_key", flat=True
        )
    )
    lost = 0
    for reply in Reply.objects.filter(pk__in=[r.pk for r in replies]):
        copies = on_network[str(reply.idempotency_key)]
        if reply.status == R.SENT:
            lost += copies != 1  # sent means exactly once on the network
        elif reply.status == R.FAILED:
            lost += copies > 0 or not reply.last_error  # failed means not there, with a reason
        else:
            lost += not reply.last_error  # unconfirmed must say why
    return sum(1 for n in on_network.values() if n > 1), lost


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="150 replies on 5 accounts")
    options = parser.parse_args()
    count, accounts = (150, 5) if options.quick else (2000, 20)
    # Replies wait in the outbox for its passes (the task each approval enqueues is not run),
    # so the passes are what is timed and the faults meet every reply.
    stack = contextlib.ExitStack()
    stack.enter_context(override_settings(TASKS={"default": {"BACKEND": DUMMY}}))
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)

    started = time.perf_counter()
    clean = build("clean", count, accounts)
    build_seconds = time.perf_counter() - started
    spent, _ = drain(clean)
    sent = Reply.objects.filter(pk__in=[r.pk for r in clean], status=R.SENT).count()

    faulty = build("faulty", count, accounts)
    plan = FaultPlan(
        rates=RATES, seed=5, expire=lambda r: sandbox.expire_token(protocol.handle_of(r))
    )
    transport = httpx.MockTransport(with_faults(protocol.local_handler, plan))
    with clients.use_transport("sandbox", transport):
        _, passes = drain(faulty)
    statuses = Counter(
        Reply.objects.filter(pk__in=[r.pk for r in faulty]).values_list("status", flat=True)
    )
    duplicates, lost = duplicates_and_lost(faulty)
    figures = {
        "replies": count,
        "accounts": accounts,
        "write_and_submit_per_s": round(2 * count / build_seconds, 1),
        "replies_per_s": round(sent / spent, 1) if spent else None,
        "clean_sent": sent,
        "faults_injected": sum(plan.counts.values()),
        "faulty_sent": statuses[R.SENT],
        "faulty_failed": statuses[R.FAILED],
        "faulty_unconfirmed": statuses[R.UNCONFIRMED],
        "faulty_passes": passes,
        "duplicates": duplicates,
        "lost": lost,
    }
    stack.close()
    print(json.dumps(figures))
    return 0 if duplicates == 0 and lost == 0 and sent == count else 1


if __name__ == "__main__":
    sys.exit(main())
