"""Each phase's progress measured from Herald's own data: the estate's findings, publishing's
deliveries against schedules, learning's acknowledgements and completions; tasks otherwise."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.core.testing import StaffMemberFactory, UserFactory
from herald.estate.models import Finding
from herald.estate.testing import make_account
from herald.learning.models import Acknowledgement, Completion, Module
from herald.learning.testing import make_module, make_policy
from herald.programme.models import Phase
from herald.programme.progress import measures, plan_status
from herald.programme.rag import Rag
from herald.programme.services import plan
from herald.programme.tests.conftest import Setup
from herald.publishing.models import Delivery, Post, PostVariant, PublishingSchedule

pytestmark = pytest.mark.django_db

M = Phase.Measure


def test_accounts_without_open_findings(setup: Setup) -> None:
    second = make_account(council=setup.council, service=setup.service)
    make_account(council=setup.council, service=setup.service, status="closed")  # not counted
    for kind, resolved in (("two_factor_off", None), ("dormant", timezone.now())):
        Finding.objects.create(
            council=setup.council,
            account=second,
            kind=kind,
            severity="medium",
            action="fix",
            detail="x",
            due_on=timezone.localdate(),
            resolved_at=resolved,
        )
    found = measures(council=setup.council, today=timezone.localdate())[M.ACCOUNTS_HEALTHY]
    assert found.percent == 50
    assert found.evidence == "1 of 2 open accounts have no open housekeeping findings"


def test_corporate_accounts_meeting_their_schedule(setup: Setup) -> None:
    quiet = make_account(council=setup.council, service=setup.service, kind="corporate")
    for account in (setup.account, quiet):
        PublishingSchedule.objects.create(account=account, target_per_week=1)
    author = UserFactory()
    today = timezone.localdate()
    for n in range(4):  # one a week for the last four weeks on the busy account only
        moment = timezone.now() - datetime.timedelta(days=7 * n + 2)
        post = Post.objects.create(
            council=setup.council,
            author=author,
            title=f"P{n}",
            status="published",
            published_at=moment,
        )
        variant = PostVariant.objects.create(post=post, account=setup.account)
        Delivery.objects.create(
            council=setup.council,
            variant=variant,
            account=setup.account,
            status="published",
            due_at=moment,
            next_attempt_at=moment,
            published_at=moment,
        )
    found = measures(council=setup.council, today=today + datetime.timedelta(days=1))
    assert found[M.SCHEDULES_MET].percent == 50


def test_policy_acknowledged_and_elearning_completed(setup: Setup) -> None:
    version = make_policy(council=setup.council)
    module = make_module(council=setup.council, kind=Module.Kind.AWARENESS)
    today = timezone.localdate()
    staff = [StaffMemberFactory(council=setup.council, service=setup.service) for _ in range(4)]
    for person in staff[:3]:
        Acknowledgement.objects.create(
            council=setup.council,
            version=version,
            staff_member=person,
            acknowledged_at=timezone.now(),
            content_sha256=version.content_sha256,
        )
    Completion.objects.create(
        council=setup.council,
        module=module,
        staff_member=staff[0],
        completed_on=today,
        expires_on=today + datetime.timedelta(days=365),
    )
    found = measures(council=setup.council, today=today)
    assert found[M.POLICY_ACKNOWLEDGED].percent == 75
    assert found[M.ELEARNING_COMPLETED].percent == 25


def test_a_measured_phase_uses_the_measure_and_falls_back_to_tasks_without_data(
    setup: Setup,
) -> None:
    today = timezone.localdate()
    measured = plan.save_phase(
        council=setup.council,
        actor=SYSTEM,
        name="Standards",
        deliverables="x",
        starts_on=today - datetime.timedelta(days=10),
        due_on=today + datetime.timedelta(days=10),
        measure=M.POLICY_ACKNOWLEDGED,
        completed_on=None,
    )
    plan.save_task(
        council=setup.council,
        phase=measured,
        actor=SYSTEM,
        title="Brief managers",
        owner=None,
        starts_on=measured.starts_on,
        due_on=measured.due_on,
        progress=60,
    )
    healthy = plan.save_phase(
        council=setup.council,
        actor=SYSTEM,
        name="Housekeeping",
        deliverables="x",
        starts_on=today - datetime.timedelta(days=30),
        due_on=today - datetime.timedelta(days=1),
        measure=M.ACCOUNTS_HEALTHY,
        completed_on=None,
    )
    first, second = plan_status(council=setup.council, today=today)
    # No staff at all: no acknowledgement figure, so the tasks' progress stands in, and says so.
    assert first.phase == measured
    assert first.progress == 60
    assert first.evidence.startswith("No data yet for the measure")
    assert first.rag is Rag.GREEN
    assert second.phase == healthy
    assert second.progress == 100  # the one account has no open findings
    assert second.rag is Rag.COMPLETE
