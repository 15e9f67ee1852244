"""Adding and changing accounts: the address rules, duplicates, history, access, recertifying."""

import datetime

import pytest
import time_machine

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.core.testing import ServiceFactory, StaffMemberFactory
from herald.estate import services
from herald.estate.errors import DuplicateAccount, InvalidAddress, WrongCouncil
from herald.estate.models import AdminAccess, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db


def details(estate: Estate, **extra: object) -> services.AccountDetails:
    base: dict[str, object] = {
        "network": "instagram",
        "handle": "@Aldermoor.Libraries",
        "url": "https://www.instagram.com/Aldermoor.Libraries/",
        "name": "Aldermoor Libraries",
        "service": estate.service,
        "owner": estate.owner,
        "deputy": estate.deputy,
    }
    return base | extra  # type: ignore[return-value]


def test_an_account_enters_the_register_with_history_and_an_audit_event(
    personas: Personas, estate: Estate
) -> None:
    actor = Actor(user=personas.digital_lead.user)
    account = services.create_account(
        council=personas.council, details=details(estate), actor=actor
    )
    assert account.handle == "Aldermoor.Libraries"
    assert account.status == SocialAccount.Status.ACTIVE
    assert account.review_due_on == datetime.date.today() + datetime.timedelta(days=365)
    assert [c.to_status for c in account.status_changes.all()] == ["active"]
    event = AuditEvent.objects.get(action="estate.account_added")
    assert event.target_id == str(account.public_id)
    assert event.changes["handle"] == [None, "Aldermoor.Libraries"]


@pytest.mark.parametrize(
    "handle", ["aldermoor.libraries", "@ALDERMOOR.LIBRARIES", " Aldermoor.Libraries "]
)
def test_the_same_handle_on_the_same_network_is_refused_whatever_the_case(
    personas: Personas, estate: Estate, handle: str
) -> None:
    services.create_account(
        council=personas.council, details=details(estate), actor=Actor(user=None)
    )
    with pytest.raises(DuplicateAccount, match="already in the register"):
        services.create_account(
            council=personas.council,
            details=details(estate, handle=handle, url=""),
            actor=Actor(user=None),
        )
    assert personas.council.social_accounts.count() == 1


def test_the_same_handle_on_another_network_or_council_is_not_a_duplicate(
    personas: Personas, estate: Estate
) -> None:
    services.create_account(
        council=personas.council, details=details(estate), actor=Actor(user=None)
    )
    services.create_account(
        council=personas.council,
        details=details(estate, network="x", handle="Aldermoor_Libs", url=""),
        actor=Actor(user=None),
    )
    other_service = ServiceFactory(council=personas.other_council)
    services.create_account(
        council=personas.other_council,
        details=details(estate, service=other_service, owner=None, deputy=None),
        actor=Actor(user=None),
    )
    assert SocialAccount.objects.count() == 3


def test_a_handle_that_does_not_fit_the_network_is_refused(
    personas: Personas, estate: Estate
) -> None:
    with pytest.raises(InvalidAddress) as refused:
        services.create_account(
            council=personas.council,
            details=details(estate, url="https://x.com/Aldermoor.Libraries"),
            actor=Actor(user=None),
        )
    assert refused.value.field == "url"
    assert not SocialAccount.objects.exists()


def test_people_and_services_of_another_council_are_refused(
    personas: Personas, estate: Estate
) -> None:
    stranger = StaffMemberFactory(council=personas.other_council)
    with pytest.raises(WrongCouncil):
        services.create_account(
            council=personas.council,
            details=details(estate, owner=stranger),
            actor=Actor(user=None),
        )


def test_a_change_is_audited_with_each_field_old_and_new(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service, owner=estate.owner)
    services.update_account(
        account=account,
        changes={"two_factor": "off", "followers": 250, "deputy": estate.deputy},
        actor=Actor(user=personas.digital_lead.user),
    )
    event = AuditEvent.objects.get(action="estate.account_changed")
    assert event.changes == {
        "deputy": [None, estate.deputy.full_name],
        "followers": [None, 250],
        "two_factor": ["on", "off"],
    }


def test_changing_a_handle_onto_another_accounts_is_refused(
    personas: Personas, estate: Estate
) -> None:
    first = make_account(council=personas.council, service=estate.service)
    second = make_account(council=personas.council, service=estate.service)
    with pytest.raises(DuplicateAccount):
        services.update_account(
            account=second, changes={"handle": first.handle.upper()}, actor=Actor(user=None)
        )
    second.refresh_from_db()
    assert second.handle != first.handle


def test_saving_without_a_change_records_nothing(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service)
    services.update_account(account=account, changes={"name": account.name}, actor=Actor(user=None))
    assert not AuditEvent.objects.filter(action="estate.account_changed").exists()


def test_removed_access_keeps_its_row(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service, healthy=False)
    access = services.grant_access(
        account=account,
        actor=Actor(user=None),
        level=AdminAccess.Level.ADMIN,
        staff_member=estate.owner,
    )
    services.remove_access(access=access, actor=Actor(user=None))
    access.refresh_from_db()
    assert access.removed_at is not None
    assert AdminAccess.objects.filter(pk=access.pk).exists()
    assert AuditEvent.objects.filter(action="estate.access_removed").count() == 1


def test_access_for_someone_in_another_council_is_refused(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    with pytest.raises(WrongCouncil):
        services.grant_access(
            account=account,
            actor=Actor(user=None),
            level=AdminAccess.Level.ADMIN,
            staff_member=StaffMemberFactory(council=personas.other_council),
        )


def test_recertifying_moves_the_review_a_year_on(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service, owner=estate.owner)
    with time_machine.travel(datetime.date(2027, 3, 1)):
        services.recertify_account(account=account, actor=Actor(user=personas.officer.user))
    assert account.last_recertified_on == datetime.date(2027, 3, 1)
    assert account.review_due_on == datetime.date(2028, 2, 29)
    assert AuditEvent.objects.filter(action="estate.account_recertified").count() == 1
