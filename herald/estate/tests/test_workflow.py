"""The transition tables, over every pair of statuses, and the one helper that applies them."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.estate import services, workflow
from herald.estate.errors import StatusChangedMeanwhile, TransitionNotAllowed
from herald.estate.models import AccountRequest, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

S, R = SocialAccount.Status, AccountRequest.Status

ALLOWED_ACCOUNT = {
    (S.REQUESTED, S.ACTIVE),
    (S.REQUESTED, S.CLOSING),
    (S.ACTIVE, S.UNDER_REVIEW),
    (S.ACTIVE, S.DORMANT),
    (S.ACTIVE, S.CLOSING),
    (S.UNDER_REVIEW, S.ACTIVE),
    (S.UNDER_REVIEW, S.DORMANT),
    (S.UNDER_REVIEW, S.CLOSING),
    (S.DORMANT, S.ACTIVE),
    (S.DORMANT, S.UNDER_REVIEW),
    (S.DORMANT, S.CLOSING),
    (S.CLOSING, S.ACTIVE),
    (S.CLOSING, S.CLOSED),
}
ALLOWED_REQUEST = {
    (R.SUBMITTED, R.APPROVED),
    (R.SUBMITTED, R.REJECTED),
    (R.SUBMITTED, R.CHANGES_REQUESTED),
    (R.CHANGES_REQUESTED, R.SUBMITTED),
}


@pytest.mark.parametrize(("before", "after"), list(itertools.product(S.values, S.values)))
def test_account_transition_table(before: str, after: str) -> None:
    assert workflow.can_move_account(before, after) == ((before, after) in ALLOWED_ACCOUNT)


@pytest.mark.parametrize(("before", "after"), list(itertools.product(R.values, R.values)))
def test_request_transition_table(before: str, after: str) -> None:
    assert workflow.can_move_request(before, after) == ((before, after) in ALLOWED_REQUEST)


def test_closed_is_final() -> None:
    assert workflow.next_account_statuses(S.CLOSED) == []


@pytest.mark.django_db
def test_a_status_change_updates_the_row_appends_history_and_audits(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    actor = Actor(user=personas.digital_lead.user)
    services.change_status(account=account, to_status=S.DORMANT, actor=actor, note="No posts")
    account.refresh_from_db()
    assert account.status == S.DORMANT
    last = account.status_changes.last()
    assert last is not None
    assert (last.from_status, last.to_status, last.note) == (S.ACTIVE, S.DORMANT, "No posts")
    assert last.actor == personas.digital_lead.user
    event = AuditEvent.objects.get(action="estate.status_changed")
    assert event.changes["status"] == [S.ACTIVE, S.DORMANT]


@pytest.mark.django_db
def test_a_forbidden_change_is_refused_and_changes_nothing(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    with pytest.raises(TransitionNotAllowed):
        services.change_status(account=account, to_status=S.CLOSED, actor=Actor(user=None))
    account.refresh_from_db()
    assert account.status == S.ACTIVE
    assert account.status_changes.count() == 1  # only its creation
    assert not AuditEvent.objects.filter(action="estate.status_changed").exists()


@pytest.mark.django_db
def test_of_two_people_changing_the_status_at_once_only_one_wins(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    stale = SocialAccount.objects.get(pk=account.pk)
    services.change_status(account=account, to_status=S.DORMANT, actor=Actor(user=None))
    with pytest.raises(StatusChangedMeanwhile):
        services.change_status(account=stale, to_status=S.UNDER_REVIEW, actor=Actor(user=None))
    account.refresh_from_db()
    assert account.status == S.DORMANT


@pytest.mark.django_db
def test_the_status_change_is_one_conditional_update(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service)
    with CaptureQueriesContext(connection) as queries:
        services.change_status(account=account, to_status=S.DORMANT, actor=Actor(user=None))
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert '"status" = ' in updates[0].split("WHERE")[1]
