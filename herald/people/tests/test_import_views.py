"""The staff import pages: upload, preview, confirm; who may use them; nothing leaks across councils."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.councils.models import Membership
from herald.people.importing import COLUMNS
from herald.people.models import PendingStaffImport, StaffMember
from herald.people.tests.staff_files import person, staff_csv

pytestmark = pytest.mark.django_db

IMPORT_URL = "/staff/import/"


def upload(
    *people: dict[str, str], columns: tuple[str, ...] = COLUMNS, name: str = "staff.csv"
) -> SimpleUploadedFile:
    content = staff_csv(*people, columns=columns)
    return SimpleUploadedFile(name, content, content_type="text/csv")


def upload_file(client: Client, file: SimpleUploadedFile, **extra: str) -> str:
    """Upload a good file and return the preview page's address."""
    response = client.post(IMPORT_URL, {"file": file, **extra})
    assert response.status_code == 302, response.content.decode()
    location: str = response["Location"]
    return location


def digest_on(client: Client, preview_url: str) -> str:
    """The plan fingerprint the preview's confirm button sends back."""
    match = re.search(
        r'name="digest" value="([0-9a-f]{64})"', client.get(preview_url).content.decode()
    )
    assert match is not None
    return match.group(1)


def test_the_import_link_is_in_the_navigation_for_hr(personas: Personas) -> None:
    page = personas.client_for(personas.hr).get("/").content.decode()

    assert f'href="{IMPORT_URL}"' in page
    assert reverse("people:import") == IMPORT_URL


@pytest.mark.parametrize("who", ["hr", "admin"])
def test_hr_and_administrators_can_open_the_import_page(personas: Personas, who: str) -> None:
    membership: Membership = getattr(personas, who)

    response = personas.client_for(membership).get(IMPORT_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-file-upload" in page
    assert 'enctype="multipart/form-data"' in page


@pytest.mark.parametrize("who", ["officer", "staff", "line_manager", "digital_lead", "ict"])
def test_other_roles_are_forbidden_from_importing(personas: Personas, who: str) -> None:
    client = personas.client_for(getattr(personas, who))

    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"file": upload(person("H001"))}).status_code == 403
    assert not StaffMember.objects.filter(employee_number="H001").exists()


def test_a_signed_out_visitor_is_sent_to_sign_in(personas: Personas) -> None:
    response = Client().get(IMPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_uploading_a_good_file_shows_what_will_change_without_changing_it(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.hr)
    staff_before, audit_before = StaffMember.objects.count(), AuditEvent.objects.count()
    existing = personas.staff.staff_member
    assert existing is not None
    changed = person(
        existing.employee_number,
        first_name=existing.first_name,
        last_name=existing.last_name,
        email=existing.email,
        job_title="Senior officer",
        line_manager_employee_number=personas.line_manager.staff_member.employee_number,  # type: ignore[union-attr]
        started_on="",
    )

    preview_url = upload_file(client, upload(person("H001", first_name="Grace"), changed))
    page = client.get(preview_url).content.decode()

    assert "Check the staff changes" in page
    assert "Grace Person H001" in page
    assert "Job title: Officer to Senior officer" in page
    assert 'name="digest"' in page
    assert StaffMember.objects.count() == staff_before
    assert AuditEvent.objects.count() == audit_before


def test_confirming_the_preview_applies_it_and_says_what_happened(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    preview_url = upload_file(client, upload(person("H001"), person("H002")))
    digest = digest_on(client, preview_url)

    response = client.post(preview_url, {"digest": digest}, follow=True)

    assert response.redirect_chain == [(reverse("people:list"), 302)]
    assert "Staff imported: 2 added, 0 updated, 0 marked as leaving" in response.content.decode()
    assert personas.council.staff_members.filter(employee_number__in=["H001", "H002"]).count() == 2
    event = AuditEvent.objects.get(action="staff.imported")
    assert event.actor == personas.hr.user
    assert not PendingStaffImport.objects.exists()


def test_a_confirmation_is_checked_against_the_records_as_they_are_now(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    preview_url = upload_file(client, upload(person("H001")))
    digest = digest_on(client, preview_url)
    StaffMember.objects.create(
        council=personas.council, employee_number="H001", first_name="Meanwhile", last_name="X"
    )

    response = client.post(preview_url, {"digest": digest})

    assert response.status_code == 200
    assert "Staff records changed since you checked this file" in response.content.decode()
    assert personas.council.staff_members.get(employee_number="H001").first_name == "Meanwhile"
    assert not AuditEvent.objects.filter(action="staff.imported").exists()


def test_a_file_with_row_problems_gets_an_error_summary_and_a_table(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    staff_before, audit_before = StaffMember.objects.count(), AuditEvent.objects.count()

    response = client.post(
        IMPORT_URL,
        {
            "file": upload(
                person("H001"), person("H002", email="nope"), person("H003", service="Parks")
            )
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Error: Import staff" in page
    assert "The selected file has 2 problems. Fix them and upload the file again" in page
    assert "Row 3: enter a valid email address" in page
    assert "Row 4: there is no service called &#34;Parks&#34;" in page
    assert "Nothing has been changed" in page
    assert StaffMember.objects.count() == staff_before
    assert AuditEvent.objects.count() == audit_before
    assert not PendingStaffImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select a CSV file"),
        (
            {"file": SimpleUploadedFile("staff.xlsx", b"PK\x03\x04")},
            "The selected file must be a CSV",
        ),
        ({"file": SimpleUploadedFile("staff.csv", b"")}, "The selected file is empty"),
        (
            {"file": upload(person("H001"), columns=COLUMNS[:-1])},
            "The first row is missing the &#34;left_on&#34; column",
        ),
    ],
)
def test_a_file_that_cannot_be_used_is_reported_on_the_upload_field(
    personas: Personas, data: dict[str, SimpleUploadedFile], message: str
) -> None:
    response = personas.client_for(personas.admin).post(IMPORT_URL, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "govuk-file-upload--error" in page
    assert message in page


def test_a_file_that_changes_nothing_offers_nothing_to_confirm(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    first = upload_file(client, upload(person("H001")))
    client.post(first, {"digest": digest_on(client, first)})

    page = client.get(upload_file(client, upload(person("H001")))).content.decode()

    assert "there is nothing to import" in page
    assert 'name="digest"' not in page


def test_marking_missing_people_as_leavers_is_asked_for_and_warned_about(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.hr)
    current = personas.council.staff_members.current().count()

    preview_url = upload_file(client, upload(person("H001")), mark_missing_as_leavers="on")
    page = client.get(preview_url).content.decode()

    leaving = re.search(r"Leaving\s*</dt>\s*<dd[^>]*>\s*([0-9,]+)", page)
    assert leaving is not None
    assert int(leaving.group(1)) == current
    assert "Anyone who is not in the file will be marked as having left today" in page


def test_only_the_person_who_uploaded_a_file_can_see_its_preview(personas: Personas) -> None:
    preview_url = upload_file(personas.client_for(personas.hr), upload(person("H001")))

    admin = personas.client_for(personas.admin)

    assert admin.get(preview_url).status_code == 404
    assert admin.post(preview_url, {"digest": "x"}).status_code == 404


def test_an_outsider_cannot_see_or_confirm_another_councils_import(personas: Personas) -> None:
    preview_url = upload_file(
        personas.client_for(personas.hr), upload(person("H001", first_name="Secret"))
    )
    outsider = personas.client_for(personas.outsider)

    response = outsider.get(preview_url)

    assert response.status_code == 404
    assert "Secret" not in response.content.decode()
    assert outsider.post(preview_url, {"digest": "x"}).status_code == 404
    assert not StaffMember.objects.filter(employee_number="H001").exists()


def test_an_outsiders_import_changes_only_their_own_council(personas: Personas) -> None:
    wessex_staff = personas.staff.staff_member
    assert wessex_staff is not None
    outsider = personas.client_for(personas.outsider)
    file = upload(person(wessex_staff.employee_number, first_name="Hijacked", service=""))

    preview_url = upload_file(outsider, file)
    outsider.post(preview_url, {"digest": digest_on(outsider, preview_url)})

    wessex_staff.refresh_from_db()
    assert wessex_staff.first_name != "Hijacked"
    theirs = personas.other_council.staff_members.get(employee_number=wessex_staff.employee_number)
    assert theirs.first_name == "Hijacked"


def test_an_uploaded_file_is_forgotten_after_two_hours(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)):
        preview_url = upload_file(client, upload(person("H001")))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 11, 1, tzinfo=datetime.UTC)):
        response = client.get(preview_url)

    assert response.status_code == 404


def test_a_new_upload_replaces_the_persons_earlier_one(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    first = upload_file(client, upload(person("H001")))

    upload_file(client, upload(person("H002")))

    assert client.get(first).status_code == 404
    assert PendingStaffImport.objects.count() == 1
