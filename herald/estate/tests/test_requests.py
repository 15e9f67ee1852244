"""Requests for new accounts: checked, reviewed, the requester told at every step."""

import pytest
from django.core import mail

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.estate import services
from herald.estate.errors import (
    DuplicateAccount,
    HoldersNotTrained,
    NotTheRequester,
    SetupIncomplete,
    TransitionNotAllowed,
)
from herald.estate.models import AccountRequest, AdminAccess, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate
from herald.learning.testing import make_trained

pytestmark = pytest.mark.django_db
R = AccountRequest.Status


def request_details(estate: Estate, **extra: object) -> services.RequestDetails:
    base: dict[str, object] = {
        "network": "tiktok",
        "handle": "aldermoorlibraries",
        "url": "",
        "name": "Aldermoor Libraries on TikTok",
        "service": estate.service,
        "business_case": "Reach teenagers who do not use our other accounts",
        "audience": "Young people aged 13 to 18",
        "why_not_corporate": "The corporate accounts do not speak to this age group",
        "content_plan": "Two short videos a week about events and reading",
        "hours_per_week": 3,
        "owner": estate.owner,
        "deputy": estate.deputy,
    }
    return base | extra  # type: ignore[return-value]


def submit(personas: Personas, estate: Estate, **extra: object) -> AccountRequest:
    return services.submit_request(
        council=personas.council,
        requested_by=personas.staff.user,
        details=request_details(estate, **extra),
        actor=Actor(user=personas.staff.user),
    )


def test_submitting_records_history_audits_and_tells_the_requester(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        made = submit(personas, estate)
    assert made.status == R.SUBMITTED
    assert [c.to_status for c in made.status_changes.all()] == [R.SUBMITTED]
    assert AuditEvent.objects.filter(action="estate.request_submitted").count() == 1
    assert [m.to for m in mail.outbox] == [[personas.staff.user.email]]
    assert "waiting for review" in mail.outbox[0].body


def test_an_untrained_owner_or_deputy_is_refused(personas: Personas, estate: Estate) -> None:
    untrained = personas.record_of(personas.editor)
    with pytest.raises(HoldersNotTrained, match=untrained.full_name):
        submit(personas, estate, deputy=untrained)
    make_trained(staff_member=untrained)
    assert submit(personas, estate, deputy=untrained).deputy == untrained


def test_a_request_for_an_account_already_in_the_register_is_refused(
    personas: Personas, estate: Estate
) -> None:
    make_account(
        council=personas.council,
        service=estate.service,
        network="tiktok",
        handle="AldermoorLibraries",
    )
    with pytest.raises(DuplicateAccount):
        submit(personas, estate)
    assert not AccountRequest.objects.exists()


def test_approval_puts_the_account_in_the_register_to_be_set_up(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    made = submit(personas, estate)
    digital = Actor(user=personas.digital_lead.user)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.approve_request(request=made, actor=digital, note="Go ahead")
    account = made.account
    assert account is not None
    assert account.status == SocialAccount.Status.REQUESTED
    assert (account.owner, account.deputy) == (estate.owner, estate.deputy)
    assert made.reviewer == personas.digital_lead.user
    assert "approved" in mail.outbox[-1].body
    with pytest.raises(SetupIncomplete, match="digital team holds admin access"):
        services.complete_setup(account=account, actor=digital)
    services.update_account(
        account=account,
        changes={"two_factor": "on", **dict.fromkeys(SocialAccount.BRANDING_FIELDS, True)},  # type: ignore[typeddict-item]
        actor=digital,
    )
    services.grant_access(
        account=account, actor=digital, level=AdminAccess.Level.ADMIN, is_digital_team=True
    )
    services.complete_setup(account=account, actor=digital)
    assert account.status == SocialAccount.Status.ACTIVE


def test_asking_for_changes_then_resubmitting(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    made = submit(personas, estate)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.ask_for_changes(
            request=made,
            note="Say how often you will post",
            actor=Actor(user=personas.digital_lead.user),
        )
    assert made.status == R.CHANGES_REQUESTED
    assert "Say how often you will post" in mail.outbox[-1].body
    with pytest.raises(NotTheRequester):
        services.resubmit_request(
            request=made, details=request_details(estate), actor=Actor(user=personas.editor.user)
        )
    services.resubmit_request(
        request=made,
        details=request_details(estate, content_plan="Three videos a week"),
        actor=Actor(user=personas.staff.user),
    )
    made.refresh_from_db()
    assert (made.status, made.content_plan) == (R.SUBMITTED, "Three videos a week")
    steps = [c.to_status for c in made.status_changes.all()]
    assert steps == [R.SUBMITTED, R.CHANGES_REQUESTED, R.SUBMITTED]


def test_rejecting_needs_a_reason_which_the_requester_sees(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    made = submit(personas, estate)
    digital = Actor(user=personas.digital_lead.user)
    with pytest.raises(TransitionNotAllowed):
        services.reject_request(request=made, reason="  ", actor=digital)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.reject_request(request=made, reason="Use the corporate account", actor=digital)
    assert made.status == R.REJECTED
    assert "Use the corporate account" in mail.outbox[-1].body
    with pytest.raises(TransitionNotAllowed):
        services.approve_request(request=made, actor=digital)
    assert not SocialAccount.objects.exists()
