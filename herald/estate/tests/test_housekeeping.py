"""The housekeeping check: each rule, idempotent re-runs, closing by re-run, leavers that day."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.core.testing import StaffMemberFactory
from herald.estate import services
from herald.estate.models import AdminAccess, Finding, HealthSnapshot, SocialAccount
from herald.estate.services.findings import councils_with_unflagged_leavers
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db
K = Finding.Kind
TODAY = datetime.date(2027, 6, 1)


def kinds(account: SocialAccount) -> set[str]:
    return set(account.findings.open().values_list("kind", flat=True))


def healthy(personas: Personas, estate: Estate, **extra: object) -> SocialAccount:
    holders: dict[str, object] = {"owner": estate.owner, "deputy": estate.deputy}
    return make_account(council=personas.council, service=estate.service, **(holders | extra))  # type: ignore[arg-type]


@time_machine.travel(TODAY)
def test_a_healthy_account_with_trained_holders_has_no_findings(
    personas: Personas, estate: Estate
) -> None:
    account = healthy(personas, estate)
    result = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert result.as_dict() == {"accounts": 1, "raised": 0, "still_open": 0, "resolved": 0}
    assert kinds(account) == set()


@time_machine.travel(TODAY)
def test_a_neglected_account_gets_every_finding_it_deserves(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(
        council=personas.council,
        service=estate.service,
        healthy=False,
        last_post_on=TODAY - datetime.timedelta(days=91),
        review_due_on=TODAY - datetime.timedelta(days=1),
    )
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(account) == {
        K.DORMANT,
        K.NO_OWNER,
        K.NO_DEPUTY,
        K.NO_DIGITAL_ACCESS,
        K.TWO_FACTOR_OFF,
        K.BRANDING_INCOMPLETE,
        K.REVIEW_OVERDUE,
    }
    dormant = account.findings.get(kind=K.DORMANT)
    assert (dormant.severity, dormant.action) == ("medium", "close")
    assert dormant.due_on == TODAY + datetime.timedelta(days=30)


@time_machine.travel(TODAY)
def test_dormancy_follows_the_councils_threshold(personas: Personas, estate: Estate) -> None:
    account = healthy(personas, estate, last_post_on=TODAY - datetime.timedelta(days=40))
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert K.DORMANT not in kinds(account)
    settings = services.estate_settings(council=personas.council)
    settings.dormant_after_days = 30
    settings.save()
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert K.DORMANT in kinds(account)


@time_machine.travel(TODAY)
def test_an_untrained_deputy_is_a_finding_assigned_to_the_owner(
    personas: Personas, estate: Estate
) -> None:
    untrained = personas.record_of(personas.editor)
    account = healthy(personas, estate, deputy=untrained)
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    finding = account.findings.get()
    assert finding.kind == K.UNTRAINED_HOLDER
    assert untrained.full_name in finding.detail
    assert finding.assignee == estate.owner


@time_machine.travel(TODAY)
def test_a_digital_team_analyst_seat_is_not_admin_access(
    personas: Personas, estate: Estate
) -> None:
    account = healthy(personas, estate)
    services.remove_access(access=account.access.get(), actor=SYSTEM)
    services.grant_access(
        account=account, actor=SYSTEM, level=AdminAccess.Level.ANALYST, is_digital_team=True
    )
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(account) == {K.NO_DIGITAL_ACCESS}


@time_machine.travel(TODAY)
def test_accounts_with_the_same_purpose_and_audience_on_one_network_are_likely_duplicates(
    personas: Personas, estate: Estate
) -> None:
    first = healthy(personas, estate, purpose="Library events!", audience="Families")
    second = healthy(personas, estate, purpose="library  events", audience="families")
    elsewhere = healthy(
        personas, estate, network="instagram", purpose="Library events", audience="Families"
    )
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert kinds(first) == kinds(second) == {K.LIKELY_DUPLICATE}
    assert kinds(elsewhere) == set()
    assert first.name in second.findings.get().detail


@time_machine.travel(TODAY)
def test_re_runs_never_duplicate_and_a_fixed_problem_closes_itself(
    personas: Personas, estate: Estate
) -> None:
    account = healthy(personas, estate, two_factor="off")
    first = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    second = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert (first.raised, second.raised, second.still_open) == (1, 0, 1)
    assert Finding.objects.count() == 1
    services.update_account(account=account, changes={"two_factor": "on"}, actor=SYSTEM)
    third = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert third.resolved == 1
    finding = Finding.objects.get()
    assert finding.resolved_at is not None
    services.update_account(account=account, changes={"two_factor": "off"}, actor=SYSTEM)
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert Finding.objects.count() == 2  # the old one stays resolved; a new one opens
    assert AuditEvent.objects.filter(action="estate.housekeeping_run").count() == 4


@time_machine.travel(TODAY)
def test_a_closing_account_needs_no_housekeeping(personas: Personas, estate: Estate) -> None:
    account = healthy(personas, estate, two_factor="off")
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    services.start_closure(account=account, reason="Not needed", actor=SYSTEM)
    result = services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert (result.accounts, result.resolved) == (0, 1)


def test_a_leaver_gets_a_finding_on_the_day_they_leave(personas: Personas, estate: Estate) -> None:
    admin = StaffMemberFactory(council=personas.council, first_name="Ada", last_name="Quill")
    account = healthy(personas, estate, last_post_on=datetime.date(2027, 7, 10))
    services.grant_access(
        account=account, actor=SYSTEM, level=AdminAccess.Level.ADMIN, staff_member=admin
    )
    leaving = datetime.date(2027, 7, 15)
    for person in (estate.deputy, admin):
        person.left_on = leaving
        person.save()
    with time_machine.travel(datetime.datetime(2027, 7, 14, 12, 0)):
        assert services.flag_leavers(actor=SYSTEM) == 0
    with time_machine.travel(datetime.datetime(2027, 7, 15, 9, 0)):
        assert councils_with_unflagged_leavers() == [personas.council]
        assert services.flag_leavers(actor=SYSTEM) == 1
        assert services.flag_leavers(actor=SYSTEM) == 0  # flagged already: no second run
    assert kinds(account) == {K.OWNER_LEFT, K.ADMIN_LEFT}
    left = account.findings.get(kind=K.OWNER_LEFT)
    assert (left.subject, left.assignee) == (str(estate.deputy.pk), estate.owner)


@time_machine.travel(TODAY)
def test_each_run_keeps_a_snapshot_per_service_for_the_trend(
    personas: Personas, estate: Estate
) -> None:
    healthy(personas, estate, two_factor="off")
    healthy(personas, estate)
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    snapshot = HealthSnapshot.objects.get()
    assert (snapshot.taken_on, snapshot.accounts, snapshot.open_findings) == (TODAY, 2, 1)


@time_machine.travel(TODAY)
def test_the_check_takes_the_same_queries_for_ten_accounts_as_for_one(
    personas: Personas, estate: Estate
) -> None:
    healthy(personas, estate, two_factor="off")
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    with CaptureQueriesContext(connection) as one:
        services.run_housekeeping(council=personas.council, actor=SYSTEM)
    for _ in range(9):
        healthy(personas, estate, two_factor="off", deputy=personas.record_of(personas.editor))
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    with CaptureQueriesContext(connection) as ten:
        services.run_housekeeping(council=personas.council, actor=SYSTEM)
    assert len(ten) == len(one)


def test_assigning_a_finding_tells_the_assignee(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    from django.core import mail  # noqa: PLC0415

    healthy(personas, estate, two_factor="off")
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    finding = Finding.objects.get()
    due = datetime.date.today() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.assign_finding(
            finding=finding,
            assignee=estate.deputy,
            due_on=due,
            actor=Actor(user=personas.digital_lead.user),
        )
    finding.refresh_from_db()
    assert (finding.assignee, finding.due_on) == (estate.deputy, due)
    assert mail.outbox[-1].to == [estate.deputy.email]
    assert AuditEvent.objects.filter(action="estate.finding_assigned").count() == 1
