"""The estate in real Chromium with axe: request → approve, and find → fix, on every estate page.

Each journey signs in through the real form and checks every page it reaches (including forms
showing their errors) for WCAG 2.2 A and AA failures, blocked scripts and broken styles.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import FilePayload

from conftest import Personas
from herald.estate.models import AccountRequest, Finding, SocialAccount
from herald.estate.testing import make_account
from herald.learning.testing import make_trained
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _train(personas: Personas) -> None:
    for persona in (personas.officer, personas.staff):
        make_trained(staff_member=personas.record_of(persona))


def test_a_service_officer_requests_an_account_and_the_digital_team_approves_it(
    journey: Journey, personas: Personas
) -> None:
    _train(personas)
    owner, deputy = personas.record_of(personas.officer), personas.record_of(personas.staff)
    page = journey.page
    journey.sign_in(personas.staff.user.username)
    journey.visit("/estate/requests/")
    page.get_by_role("button", name="Request a new account").click()
    page.wait_for_load_state()
    journey.check("request form")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    journey.check("request form with errors")
    page.get_by_label("Network").select_option("instagram")
    page.get_by_label("Handle").fill("wessex.libraries")
    page.get_by_label("Account name").fill("Wessex Libraries")
    page.get_by_label("Owning service").select_option(label="Libraries")
    page.get_by_label("Business case").fill("Reach families with young children")
    page.get_by_label("Audience").fill("Families")
    page.get_by_label("Why an existing corporate account cannot do this").fill("Too general")
    page.get_by_label("Content plan").fill("Two posts a week about events")
    page.get_by_label("Hours a week available to run it").fill("3")
    page.get_by_label("Owner", exact=True).select_option(str(owner.pk))
    page.get_by_label("Deputy", exact=True).select_option(str(deputy.pk))
    page.get_by_role("button", name="Send request").click()
    page.wait_for_load_state()
    journey.check("request sent")
    made = AccountRequest.objects.get()
    assert made.status == AccountRequest.Status.SUBMITTED
    journey.visit("/estate/requests/")
    journey.sign_out()

    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/estate/requests/review/")
    page.get_by_role("link", name="Wessex Libraries").click()
    page.wait_for_load_state()
    journey.check("request to review")
    page.get_by_label("Reject").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    journey.check("review without a reason")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    journey.check("request approved")
    made.refresh_from_db()
    assert made.status == AccountRequest.Status.APPROVED
    assert made.account is not None
    journey.visit(
        f"/estate/{made.account.public_id}/", label="new account with its set-up checklist"
    )
    assert page.get_by_role("heading", name="Set-up checklist").is_visible()
    journey.assert_clean()


def test_the_digital_team_finds_assigns_and_a_fix_resolves_the_finding(
    journey: Journey, personas: Personas
) -> None:
    _train(personas)
    owner = personas.record_of(personas.officer)
    assert owner.service is not None
    account = make_account(
        council=personas.council,
        service=owner.service,
        owner=owner,
        deputy=personas.record_of(personas.staff),
        two_factor="off",
        name="Wessex Bins",
    )
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/estate/findings/")
    page.get_by_role("button", name="Run the check now").click()
    page.wait_for_load_state()
    journey.check("findings after a run")
    page.get_by_role("link", name="Two-factor authentication off").click()
    page.wait_for_load_state()
    journey.check("finding")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    journey.check("assigning with a date that does not exist")
    due = datetime.date.today() + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    journey.check("finding assigned")
    journey.sign_out()

    journey.sign_in(personas.officer.user.username)
    journey.visit("/estate/")
    journey.visit("/estate/findings/")
    journey.visit(f"/estate/{account.public_id}/")
    journey.visit(f"/estate/{account.public_id}/edit/")
    page.get_by_label("On", exact=True).check()
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    journey.check("account fixed")
    journey.sign_out()

    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/estate/findings/")
    page.get_by_role("button", name="Run the check now").click()
    page.wait_for_load_state()
    journey.check("findings after the fix")
    finding = Finding.objects.get(kind=Finding.Kind.TWO_FACTOR_OFF)
    assert finding.resolved_at is not None
    journey.visit("/estate/dashboard/")
    journey.assert_clean()


def test_every_other_estate_page_for_the_digital_team(journey: Journey, personas: Personas) -> None:
    owner = personas.record_of(personas.officer)
    assert owner.service is not None
    account = make_account(council=personas.council, service=owner.service, owner=owner)
    closing = make_account(
        council=personas.council,
        service=owner.service,
        status=SocialAccount.Status.CLOSING,
        name="Old page",
    )
    page = journey.page
    journey.sign_in(personas.digital_lead.user.username)
    journey.visit("/estate/")
    journey.visit("/estate/?service=libraries&network=x&status=active", label="filtered register")
    journey.visit("/estate/add/")
    page.get_by_label("Handle").fill("not a handle!")
    page.get_by_role("button", name="Add account").click()
    page.wait_for_load_state()
    journey.check("add with errors")
    journey.visit(f"/estate/{account.public_id}/edit/")
    journey.visit(f"/estate/{account.public_id}/status/")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    journey.check("status without a choice")
    journey.visit(f"/estate/{account.public_id}/access/")
    journey.visit(f"/estate/{account.public_id}/close/")
    page.get_by_role("button", name="Start closing the account").click()
    page.wait_for_load_state()
    journey.check("closure without a reason")
    journey.visit(f"/estate/{closing.public_id}/closure/")
    journey.visit(f"/estate/{closing.public_id}/")
    journey.visit("/estate/import/")
    bad: FilePayload = {
        "name": "estate.csv",
        "mimeType": "text/csv",
        "buffer": b"network,handle,name,service\nx,bad handle!,Bad,Libraries\nx,Ok,Ok,Nowhere\n",
    }
    page.get_by_label("Upload the spreadsheet").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    journey.check("import with row errors")
    good: FilePayload = {
        "name": "estate.csv",
        "mimeType": "text/csv",
        "buffer": b"network,handle,name,service\nx,WessexParks,Wessex Parks,Libraries\n",
    }
    page.get_by_label("Upload the spreadsheet").set_input_files(good)
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state()
    journey.check("import preview")
    journey.visit("/estate/requests/review/")
    journey.visit("/estate/dashboard/")
    journey.visit("/estate/findings/settings/")
    page.get_by_label("Days without a post before an account counts as dormant").fill("3")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_load_state()
    journey.check("settings with an error")
    journey.assert_clean()


def test_hr_reviews_access_and_a_line_manager_sees_their_team(
    journey: Journey, personas: Personas
) -> None:
    _train(personas)
    owner = personas.record_of(personas.officer)
    assert owner.service is not None
    make_account(council=personas.council, service=owner.service, owner=owner, name="Wessex Reads")
    page = journey.page
    journey.sign_in(personas.hr.user.username)
    journey.visit("/estate/access/")
    page.get_by_label("Flag").select_option("role_no_account")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    journey.check("access review filtered by flag")
    assert page.get_by_text(personas.record_of(personas.editor).full_name).count() == 1
    journey.sign_out()
    journey.sign_in(personas.line_manager.user.username)
    journey.visit("/estate/access/team/")
    assert page.get_by_text("Wessex Reads: Owner").count() == 1
    journey.assert_clean()
