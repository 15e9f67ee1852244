"""Closing an account: the scheduled-posts warning, the checklist, and the record that stays."""

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.services import Actor
from herald.estate import services
from herald.estate.errors import ClosureIncomplete, ScheduledPostsPending
from herald.estate.models import SocialAccount
from herald.estate.scheduled import (
    ScheduledPost,
    register_provider,
    scheduled_posts,
    unregister_provider,
)
from herald.estate.services.lifecycle import CLOSURE_LABELS
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db
S = SocialAccount.Status


@pytest.fixture
def queued_post() -> Iterator[ScheduledPost]:
    post = ScheduledPost(
        summary="Bank holiday collections",
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
    )

    def provider(account: SocialAccount) -> list[ScheduledPost]:
        return [post] if account.handle.startswith("Queued") else []

    register_provider(provider)
    yield post
    unregister_provider(provider)


def test_with_nothing_registered_no_account_has_scheduled_posts(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    assert scheduled_posts(account) == []


def test_closing_an_account_with_scheduled_posts_warns_and_changes_nothing(
    personas: Personas, estate: Estate, queued_post: ScheduledPost
) -> None:
    account = make_account(council=personas.council, service=estate.service, handle="QueuedBins")
    assert scheduled_posts(account) == [queued_post]
    with pytest.raises(ScheduledPostsPending, match="1 post is scheduled"):
        services.start_closure(account=account, reason="Merged", actor=Actor(user=None))
    account.refresh_from_db()
    assert account.status == S.ACTIVE
    services.start_closure(
        account=account, reason="Merged", actor=Actor(user=None), accept_scheduled_posts=True
    )
    assert account.status == S.CLOSING


def test_the_checklist_closes_the_account_only_when_complete_and_the_record_stays(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    actor = Actor(user=personas.digital_lead.user)
    with pytest.raises(ClosureIncomplete):
        services.update_closure(account=account, done=set(), closed_on=None, actor=actor)
    services.start_closure(account=account, reason="Duplicate of the main page", actor=actor)
    services.update_closure(
        account=account, done={"closure_final_post"}, closed_on=None, actor=actor
    )
    assert account.status == S.CLOSING
    closed_on = datetime.date(2026, 12, 1)
    services.update_closure(
        account=account, done=set(CLOSURE_LABELS), closed_on=closed_on, actor=actor
    )
    account.refresh_from_db()
    assert (account.status, account.closed_on) == (S.CLOSED, closed_on)
    assert [c.to_status for c in account.status_changes.all()] == [S.ACTIVE, S.CLOSING, S.CLOSED]
    assert personas.council.social_accounts.filter(pk=account.pk).exists()
