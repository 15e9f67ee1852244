import pytest

from conftest import Personas
from herald.core.testing import StaffMemberFactory
from herald.people.selectors import forget_staff_counts, staff_counts

pytestmark = pytest.mark.django_db


def test_staff_counts_are_cached_until_forgotten(personas: Personas) -> None:
    first = staff_counts(council=personas.council)
    StaffMemberFactory(council=personas.council)
    assert staff_counts(council=personas.council) == first
    forget_staff_counts(council=personas.council)
    again = staff_counts(council=personas.council)
    assert again["current"] == first["current"] + 1
    assert again["without_line_manager"] == first["without_line_manager"] + 1
    assert again["without_sign_in"] == first["without_sign_in"] + 1


def test_staff_counts_never_mix_councils(personas: Personas) -> None:
    wessex = staff_counts(council=personas.council)
    mercia = staff_counts(council=personas.other_council)
    assert wessex["current"] == 11  # the line manager and the ten role personas
    assert mercia["current"] == 1


def test_the_staff_list_total_matches_the_current_staff_with_and_without_a_search(
    personas: Personas,
) -> None:
    client = personas.client_for(personas.hr)
    assert "11 people in post" in client.get("/staff/").content.decode()
    record = personas.record_of(personas.staff)
    searched = client.get("/staff/", {"q": record.employee_number}).content.decode()
    assert "1 person in post" in searched
