"""The estate's pages over HTTP: who reaches what, errors on the form, the journeys end to end."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.core.testing import ServiceFactory
from herald.estate import services
from herald.estate.models import AccountRequest, Finding, SocialAccount
from herald.estate.testing import make_account
from herald.estate.tests.conftest import Estate

pytestmark = pytest.mark.django_db


def test_the_digital_team_adds_an_account_and_a_bad_handle_is_an_error_on_the_field(
    personas: Personas, estate: Estate
) -> None:
    client = personas.client_for(personas.digital_lead)
    form = {
        "network": "x",
        "handle": "Wessex Libraries",
        "url": "",
        "name": "Wessex Libraries",
        "service": estate.service.pk,
        "kind": "service",
        "two_factor": "on",
    }
    refused = client.post("/estate/add/", form)
    assert refused.status_code == 200
    assert "There is a problem" in refused.text
    assert "Enter the handle as it is on X (Twitter)" in refused.text
    assert not SocialAccount.objects.exists()
    added = client.post("/estate/add/", form | {"handle": "WessexLibs"})
    account = SocialAccount.objects.get()
    assert added.headers["Location"] == f"/estate/{account.public_id}/"
    duplicate = client.post("/estate/add/", form | {"handle": "wessexlibs"})
    assert "already in the register" in duplicate.text
    assert SocialAccount.objects.count() == 1


def test_an_owner_sees_only_their_own_accounts(personas: Personas, estate: Estate) -> None:
    mine = make_account(
        council=personas.council, service=estate.service, owner=estate.owner, name="Mine"
    )
    theirs = make_account(council=personas.council, service=estate.service, name="Theirs")
    client = personas.client_for(personas.officer)
    listed = client.get("/estate/")
    assert "Mine" in listed.text
    assert "Theirs" not in listed.text
    assert client.get(f"/estate/{mine.public_id}/").status_code == 200
    assert client.get(f"/estate/{theirs.public_id}/").status_code == 404
    assert client.get(f"/estate/{mine.public_id}/status/").status_code == 403


def test_an_owner_edits_only_what_they_keep_up_to_date(personas: Personas, estate: Estate) -> None:
    account = make_account(
        council=personas.council, service=estate.service, owner=estate.owner, two_factor="off"
    )
    client = personas.client_for(personas.officer)
    page = client.get(f"/estate/{account.public_id}/edit/")
    assert 'name="two_factor"' in page.text
    assert 'name="handle"' not in page.text
    client.post(
        f"/estate/{account.public_id}/edit/",
        {"two_factor": "on", "followers": "99", "branding": ["brand_name_and_logo"]},
    )
    account.refresh_from_db()
    assert (account.two_factor, account.followers) == ("on", 99)


def test_another_councils_account_is_a_404_even_for_its_administrator(
    personas: Personas, estate: Estate
) -> None:
    account = make_account(council=personas.council, service=estate.service)
    client = personas.client_for(personas.outsider)
    for path in ("", "edit/", "status/", "access/", "close/", "closure/"):
        assert client.get(f"/estate/{account.public_id}/{path}").status_code in (403, 404)
    assert client.get(f"/estate/{account.public_id}/").status_code == 404


def test_the_filters_narrow_the_register(personas: Personas, estate: Estate) -> None:
    parks = ServiceFactory(council=personas.council, name="Parks", slug="parks")
    make_account(council=personas.council, service=estate.service, name="Libraries on X")
    make_account(council=personas.council, service=parks, name="Parks on X")
    make_account(
        council=personas.council,
        service=parks,
        name="Parks on Instagram",
        network="instagram",
        handle="wessexparks",
    )
    client = personas.client_for(personas.admin)
    page = client.get("/estate/?service=parks&network=x")
    assert "Parks on X" in page.text
    assert "Libraries on X" not in page.text
    assert "Parks on Instagram" not in page.text


def test_the_register_and_dashboard_take_the_same_queries_whatever_the_size(
    personas: Personas, estate: Estate
) -> None:
    client = personas.client_for(personas.digital_lead)
    make_account(council=personas.council, service=estate.service, owner=estate.owner)
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    counts = []
    for extra in (0, 12):
        for _ in range(extra):
            make_account(
                council=personas.council, service=estate.service, owner=estate.owner, healthy=False
            )
        services.run_housekeeping(council=personas.council, actor=SYSTEM)
        client.get("/estate/")  # the first page of a session also loads the council context
        with CaptureQueriesContext(connection) as register:
            assert client.get("/estate/").status_code == 200
        with CaptureQueriesContext(connection) as dashboard:
            assert client.get("/estate/dashboard/").status_code == 200
        counts.append((len(register), len(dashboard)))
    assert counts[0] == counts[1]


def test_request_approve_and_set_up_over_http(
    personas: Personas, estate: Estate, django_capture_on_commit_callbacks: object
) -> None:
    staff = personas.client_for(personas.staff)
    form = {
        "network": "instagram",
        "handle": "wessex.libraries",
        "url": "",
        "name": "Wessex Libraries",
        "service": estate.service.pk,
        "business_case": "Reach families",
        "audience": "Families",
        "why_not_corporate": "Too general",
        "content_plan": "Weekly events",
        "hours_per_week": "2",
        "owner": estate.owner.pk,
        "deputy": estate.owner.pk,
    }
    same = staff.post("/estate/requests/new/", form)
    assert "The deputy must be someone other than the owner" in same.text
    untrained = staff.post(
        "/estate/requests/new/", form | {"deputy": personas.record_of(personas.editor).pk}
    )
    assert "has not completed the social media training" in untrained.text
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        staff.post("/estate/requests/new/", form | {"deputy": estate.deputy.pk})
    made = AccountRequest.objects.get()
    assert "Waiting for review" in staff.get("/estate/requests/").text
    digital = personas.client_for(personas.digital_lead)
    assert "Wessex Libraries" in digital.get("/estate/requests/review/").text
    missing_reason = digital.post(f"/estate/requests/{made.public_id}/", {"decision": "reject"})
    assert "Enter the reason" in missing_reason.text
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        digital.post(f"/estate/requests/{made.public_id}/", {"decision": "approve", "note": ""})
    made.refresh_from_db()
    assert made.status == "approved"
    assert len(mail.outbox) == 2
    assert made.account is not None
    assert "Set-up checklist" in digital.get(f"/estate/{made.account.public_id}/").text
    # Nobody else's request is visible to a plain member of staff.
    assert (
        personas.client_for(personas.editor).get(f"/estate/requests/{made.public_id}/").status_code
        == 404
    )


def test_a_plain_member_of_staff_cannot_decide_a_request(
    personas: Personas, estate: Estate
) -> None:
    made = services.submit_request(
        council=personas.council,
        requested_by=personas.staff.user,
        details={
            "network": "x",
            "handle": "WessexLibs",
            "url": "",
            "name": "Wessex Libraries",
            "service": estate.service,
            "business_case": "b",
            "audience": "a",
            "why_not_corporate": "w",
            "content_plan": "c",
            "hours_per_week": 1,
            "owner": estate.owner,
            "deputy": estate.deputy,
        },
        actor=SYSTEM,
    )
    response = personas.client_for(personas.staff).post(
        f"/estate/requests/{made.public_id}/", {"decision": "approve"}
    )
    assert response.status_code == 404
    made.refresh_from_db()
    assert made.status == "submitted"


def test_find_assign_fix_and_the_rerun_resolves(personas: Personas, estate: Estate) -> None:
    account = make_account(
        council=personas.council,
        service=estate.service,
        owner=estate.owner,
        deputy=estate.deputy,
        two_factor="off",
    )
    digital = personas.client_for(personas.digital_lead)
    digital.post("/estate/findings/run/")
    finding = Finding.objects.get()
    assert "Two-factor authentication off" in digital.get("/estate/findings/").text
    due = datetime.date.today() + datetime.timedelta(days=5)
    digital.post(
        f"/estate/findings/{finding.public_id}/",
        {
            "assignee": estate.deputy.pk,
            "due_on-day": due.day,
            "due_on-month": due.month,
            "due_on-year": due.year,
        },
    )
    finding.refresh_from_db()
    assert finding.assignee == estate.deputy
    owner = personas.client_for(personas.officer)
    assert owner.get(f"/estate/findings/{finding.public_id}/").status_code == 200
    assert owner.post("/estate/findings/run/").status_code == 403
    owner.post(
        f"/estate/{account.public_id}/edit/",
        {
            "two_factor": "on",
            "branding": [
                "brand_name_and_logo",
                "brand_profile_text",
                "brand_website_link",
                "brand_house_rules",
            ],
            "last_post_on-day": "",
            "last_post_on-month": "",
            "last_post_on-year": "",
        },
    )
    digital.post("/estate/findings/run/")
    finding.refresh_from_db()
    assert finding.resolved_at is not None


def test_closing_over_http_keeps_the_record(personas: Personas, estate: Estate) -> None:
    account = make_account(council=personas.council, service=estate.service, owner=estate.owner)
    owner = personas.client_for(personas.officer)
    empty = owner.post(f"/estate/{account.public_id}/close/", {"reason": ""})
    assert "Enter why the account is closing" in empty.text
    owner.post(f"/estate/{account.public_id}/close/", {"reason": "Merged into the main page"})
    account.refresh_from_db()
    assert account.status == "closing"
    assert owner.get(f"/estate/{account.public_id}/closure/").status_code == 403
    digital = personas.client_for(personas.digital_lead)
    today = datetime.date.today()
    digital.post(
        f"/estate/{account.public_id}/closure/",
        {
            "done": [
                "closure_final_post",
                "closure_content_archived",
                "closure_access_removed",
                "closure_deactivated",
            ],
            "closed_on-day": today.day,
            "closed_on-month": today.month,
            "closed_on-year": today.year,
        },
    )
    account.refresh_from_db()
    assert account.status == "closed"
    assert "Closed" in digital.get("/estate/?status=closed").text


def test_import_preview_then_confirm_and_a_bad_file_reported_by_row(
    personas: Personas, estate: Estate
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    digital = personas.client_for(personas.digital_lead)
    bad = b"network,handle,name,service\nx,not ok!,Bad,Libraries\nx,Fine,Fine,Nowhere\n"
    refused = digital.post("/estate/import/", {"file": SimpleUploadedFile("estate.csv", bad)})
    assert "The file has 2 problems" in refused.text
    assert "There is no service called" in refused.text
    wrong_type = digital.post(
        "/estate/import/", {"file": SimpleUploadedFile("estate.pdf", b"%PDF")}
    )
    assert "must be a CSV or XLSX" in wrong_type.text
    good = b"network,handle,name,service\nx,WessexLibs,Wessex Libraries,Libraries\n"
    preview = digital.post("/estate/import/", {"file": SimpleUploadedFile("estate.csv", good)})
    assert preview.status_code == 302
    page = digital.get(preview.headers["Location"])
    assert "adds 1 account" in page.text
    assert not SocialAccount.objects.exists()
    digital.post(preview.headers["Location"])
    assert SocialAccount.objects.get().handle == "WessexLibs"


def test_the_dashboard_counts_by_service_and_exports_csv(
    personas: Personas, estate: Estate
) -> None:
    make_account(council=personas.council, service=estate.service, two_factor="off")
    services.run_housekeeping(council=personas.council, actor=SYSTEM)
    admin = personas.client_for(personas.admin)
    page = admin.get("/estate/dashboard/")
    assert "Two-factor authentication off" in page.text
    exported = admin.get("/estate/dashboard.csv")
    assert exported.headers["Content-Type"].startswith("text/csv")
    lines = exported.content.decode().splitlines()
    assert lines[0].startswith("service,accounts requested,accounts active")
    assert lines[1].startswith("Libraries,0,1,")


def test_the_digital_team_sets_the_dormancy_threshold(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    low = client.post(
        "/estate/findings/settings/",
        {"dormant_after_days": "3", "review_every_days": "365", "connection_expiry_days": "14"},
    )
    assert "Dormant after must be at least 7 days" in low.text
    client.post(
        "/estate/findings/settings/",
        {"dormant_after_days": "60", "review_every_days": "365", "connection_expiry_days": "21"},
    )
    saved = services.estate_settings(council=personas.council)
    assert (saved.dormant_after_days, saved.connection_expiry_days) == (60, 21)
