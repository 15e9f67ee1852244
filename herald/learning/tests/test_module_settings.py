"""HR and the digital team change a module's pass mark, size of paper, validity and publication."""

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.learning.models import Module
from herald.learning.testing import make_module

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Publishing for Wessex",
    "summary": "For everyone who posts for the council",
    "pass_mark_percent": "90",
    "questions_per_attempt": "5",
    "valid_for_months": "6",
    "is_published": "on",
}


def _url(module: Module) -> str:
    return f"/learning/modules/{module.public_id}/settings/"


def test_digital_team_changes_the_settings_and_it_is_audited(personas: Personas) -> None:
    module = make_module(council=personas.council, kind=Module.Kind.PUBLISHER)

    response = personas.client_for(personas.digital_lead).post(_url(module), VALID)

    assert response.status_code == 302
    module.refresh_from_db()
    assert (module.pass_mark_percent, module.questions_per_attempt, module.valid_for_months) == (
        90,
        5,
        6,
    )
    event = AuditEvent.objects.get(action="module.settings_changed")
    assert event.changes["pass_mark_percent"] == [80, 90]
    assert event.actor == personas.digital_lead.user


def test_unpublishing_hides_the_module_from_staff(personas: Personas) -> None:
    module = make_module(council=personas.council)
    personas.client_for(personas.hr).post(_url(module), {**VALID, "is_published": ""})

    assert (
        personas.client_for(personas.staff)
        .get(f"/learning/modules/{module.public_id}/")
        .status_code
        == 404
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pass_mark_percent", "0", "The pass mark must be between 1% and 100%"),
        ("pass_mark_percent", "150", "The pass mark must be between 1% and 100%"),
        ("pass_mark_percent", "lots", "The pass mark must be a number"),
        ("questions_per_attempt", "0", "Each attempt must ask between 1 and 50 questions"),
        ("valid_for_months", "48", "A pass must stay valid for between 1 and 36 months"),
        ("title", "", "Enter a title"),
    ],
)
def test_bad_settings_are_refused_with_an_error_summary_and_change_nothing(
    personas: Personas, field: str, value: str, message: str
) -> None:
    module = make_module(council=personas.council)

    response = personas.client_for(personas.hr).post(_url(module), {**VALID, field: value})

    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert message in body
    module.refresh_from_db()
    assert module.pass_mark_percent == 80
    assert not AuditEvent.objects.filter(action="module.settings_changed").exists()


def test_only_hr_and_the_digital_team_reach_the_settings(personas: Personas) -> None:
    module = make_module(council=personas.council)
    for persona in (personas.staff, personas.editor, personas.admin, personas.line_manager):
        assert personas.client_for(persona).get(_url(module)).status_code == 403
    assert personas.client_for(personas.hr).get(_url(module)).status_code == 200


def test_another_councils_module_is_not_found(personas: Personas) -> None:
    module = make_module(council=personas.other_council)
    assert personas.client_for(personas.hr).get(_url(module)).status_code == 404
