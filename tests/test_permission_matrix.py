"""Role × page matrix: each role reaches what it should and nothing more.

The expected table is written out by hand (not derived from the navigation) so that a change to a
gate or to the navigation shows up here as a deliberate edit.
"""

import pytest
from django.test import Client

from conftest import Personas

pytestmark = pytest.mark.django_db

OK, NO = 200, 403

PAGES = [
    "/",
    "/staff/",
    "/staff/my-team/",
    "/staff/import/",
    "/councils/organisation/",
    "/councils/members/",
    "/audit/",
]

# persona: expected status for each page in PAGES, in order.
MATRIX = {
    "officer": [OK, NO, NO, NO, NO, NO, NO],
    "editor": [OK, NO, NO, NO, NO, NO, NO],
    "approver": [OK, NO, NO, NO, NO, NO, NO],
    "digital_lead": [OK, OK, NO, NO, NO, NO, NO],
    "ict": [OK, NO, NO, NO, NO, NO, NO],
    "hr": [OK, OK, NO, OK, OK, NO, NO],
    "line_manager": [OK, NO, OK, NO, NO, NO, NO],
    "staff": [OK, NO, NO, NO, NO, NO, NO],
    "ambassador": [OK, NO, NO, NO, NO, NO, NO],
    "committee": [OK, NO, NO, NO, NO, NO, NO],
    "admin": [OK, OK, NO, OK, OK, OK, OK],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_pages(personas: Personas, persona: str) -> None:
    client = personas.client_for(getattr(personas, persona))
    got = [client.get(page).status_code for page in PAGES]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_navigation_offers_only_pages_the_role_can_open(personas: Personas, persona: str) -> None:
    client = personas.client_for(getattr(personas, persona))
    html = client.get("/").content.decode()
    for page, expected in zip(PAGES, MATRIX[persona], strict=True):
        linked = f'href="{page}"' in html
        if page != "/":
            assert linked == (expected == OK), f"{persona}: link to {page} is {linked}"


def test_signed_out_visitors_are_sent_to_sign_in_from_every_page() -> None:
    client = Client()
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/sign-in/?next="), page


def test_line_manager_sees_their_report_but_not_other_staff(personas: Personas) -> None:
    client = personas.client_for(personas.line_manager)
    report = personas.record_of(personas.staff)
    assert client.get(f"/staff/{report.public_id}/").status_code == 200
    stranger = personas.record_of(personas.outsider)
    assert client.get(f"/staff/{stranger.public_id}/").status_code == 404
    # The manager's own record is not a direct report of theirs.
    own = personas.record_of(personas.line_manager)
    assert client.get(f"/staff/{own.public_id}/").status_code == 404


def test_another_councils_staff_member_is_a_404_even_for_its_administrators(
    personas: Personas,
) -> None:
    wessex_member = personas.record_of(personas.staff)
    outsider = personas.client_for(personas.outsider)
    assert outsider.get(f"/staff/{wessex_member.public_id}/").status_code == 404
    admin = personas.client_for(personas.admin)
    assert (
        admin.get(f"/staff/{personas.record_of(personas.outsider).public_id}/").status_code == 404
    )
    assert admin.get(f"/staff/{wessex_member.public_id}/").status_code == 200


def test_the_outsider_sees_nothing_of_the_other_council(personas: Personas) -> None:
    member = personas.record_of(personas.staff)
    member.last_name = "Quintrell-Wessex"
    member.save()
    outsider = personas.client_for(personas.outsider)
    assert "Quintrell-Wessex" not in outsider.get("/staff/").content.decode()
    assert "Quintrell-Wessex" not in outsider.get("/staff/", {"q": "Quintrell"}).content.decode()
    assert "Wessex County Council" not in outsider.get("/").content.decode()
