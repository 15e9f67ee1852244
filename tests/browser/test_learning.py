"""Learning in real Chromium, axe-checked on every page: acknowledging the policy, taking a
module (failing the quiz, then passing), HR's overview and editing, the manager's team view."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.models import Completion, ConductRecord, Module, PolicyVersion
from herald.learning.services.policies import draft_version
from herald.learning.testing import make_module, make_policy, make_trained
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer_quiz(journey: Journey, *, right: bool) -> None:
    groups = journey.page.locator("form fieldset")
    for index in range(groups.count()):
        groups.nth(index).get_by_label("Right" if right else "Wrong", exact=True).check()
    journey.page.get_by_role("button", name="Submit answers").click()
    journey.page.wait_for_load_state()


def test_staff_acknowledge_the_policy_and_pass_the_module(
    journey: Journey, personas: Personas
) -> None:
    version = make_policy(council=personas.council, body="# Our policy\n\nBe careful online.")
    module = make_module(council=personas.council, kind=Module.Kind.AWARENESS, questions=3)
    journey.sign_in(personas.staff.user.username)
    journey.visit("/learning/")

    journey.page.get_by_role("link", name=str(version)).click()
    journey.page.wait_for_load_state()
    journey.page.get_by_role("button", name="Acknowledge").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("acknowledging without confirming")
    journey.page.get_by_label("I have read and understood this version").check()
    journey.page.get_by_role("button", name="Acknowledge").click()
    journey.page.wait_for_load_state()
    journey.check("my learning after acknowledging")
    assert version.acknowledgements.count() == 1

    journey.visit(f"/learning/modules/{module.public_id}/")
    journey.page.get_by_role("link", name="Lesson 1").click()
    journey.page.wait_for_load_state()
    journey.check("lesson 1")
    journey.page.get_by_role("button", name="Mark as done and continue").click()
    journey.page.wait_for_load_state()
    journey.check("lesson 2")
    journey.visit(f"/learning/modules/{module.public_id}/quiz/")
    journey.page.get_by_role("button", name="Submit answers").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("quiz with no answers")
    answer_quiz(journey, right=False)
    assert "You did not pass" in journey.page.content()
    journey.check("quiz failed")
    journey.page.get_by_role("button", name="Retake the quiz").click()
    journey.page.wait_for_load_state()
    answer_quiz(journey, right=True)
    journey.check("quiz passed")
    journey.page.get_by_role("link", name="View your certificate").click()
    journey.page.wait_for_load_state()
    journey.check("certificate")
    assert Completion.objects.filter(module=module).count() == 1
    journey.visit(f"/learning/modules/{module.public_id}/", label="module after passing")
    journey.assert_clean()


def test_hr_sees_the_overview_and_edits_policies_and_content(
    journey: Journey, personas: Personas
) -> None:
    make_trained(staff_member=personas.record_of(personas.editor))
    version = PolicyVersion.objects.get(council=personas.council)
    draft = draft_version(
        document=version.document,
        body="# Policy\n\nChanged text.",
        change_summary="Tidy",
        actor=SYSTEM,
    )
    module = make_module(council=personas.council)
    lesson, question = module.lessons.first(), module.questions.first()
    assert lesson is not None
    assert question is not None
    journey.sign_in(personas.hr.user.username)

    for path in (
        "/learning/compliance/",
        "/learning/policies/",
        f"/learning/policies/{version.document.public_id}/",
        f"/learning/policies/{version.document.public_id}/draft/",
        f"/learning/policies/{version.document.public_id}/edit/",
        f"/learning/versions/{draft.public_id}/",
        f"/learning/versions/{draft.public_id}/compare/?with={version.public_id}",
        f"/learning/versions/{version.public_id}/outstanding/",
        f"/learning/modules/{module.public_id}/edit/",
        f"/learning/lessons/{lesson.public_id}/edit/",
        f"/learning/questions/{question.public_id}/edit/",
        f"/learning/modules/{module.public_id}/lessons/new/",
        f"/learning/modules/{module.public_id}/settings/",
    ):
        journey.visit(path)
    for path, button in (
        ("/learning/policies/new/", "Continue"),
        (f"/learning/versions/{draft.public_id}/approve/", "Record approval"),
        (f"/learning/modules/{module.public_id}/questions/new/", "Save"),
    ):
        journey.visit(path)
        journey.page.get_by_role("button", name=button).click()
        journey.page.wait_for_load_state()
        assert journey.page.title().startswith("Error: "), path
        journey.check(f"{path} with errors")
    journey.visit(f"/learning/modules/{module.public_id}/settings/")
    journey.page.get_by_label("Pass mark (per cent)").fill("150")
    journey.page.get_by_role("button", name="Save").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("module settings with errors")
    journey.assert_clean()


def test_the_manager_sees_the_teams_training(journey: Journey, personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.editor))
    journey.sign_in(personas.line_manager.user.username)

    journey.visit("/learning/team/")
    assert personas.record_of(personas.editor).full_name in journey.page.content()
    journey.assert_clean()


def test_sessions_and_ambassadors(journey: Journey, personas: Personas) -> None:
    journey.sign_in(personas.hr.user.username)
    journey.visit("/learning/sessions/new/")
    journey.page.get_by_role("button", name="Schedule").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("schedule a session with errors")
    journey.page.get_by_label("Title").fill("Writing for social media")
    journey.page.get_by_label("Day").fill("3")
    journey.page.get_by_label("Month").fill("3")
    journey.page.get_by_label("Year").fill("2031")
    journey.page.get_by_label("Start time").fill("10:00")
    journey.page.get_by_label("Where").fill("Room 4")
    journey.page.get_by_label("Places").fill("12")
    journey.page.get_by_role("button", name="Schedule").click()
    journey.page.wait_for_load_state()
    journey.check("a session as its organiser")
    journey.visit("/learning/sessions/")
    journey.page.get_by_role("button", name="Book a place on Writing for social media").click()
    journey.page.wait_for_load_state()
    journey.check("sessions after booking")
    journey.visit("/learning/ambassadors/nominate/")
    journey.page.get_by_role("button", name="Send nomination").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("nomination with errors")
    journey.page.get_by_label("Why would you make a good social media ambassador?").fill(
        "I run the library's account"
    )
    journey.page.get_by_role("button", name="Send nomination").click()
    journey.page.wait_for_load_state()
    journey.check("ambassadors register")
    journey.sign_out()

    journey.sign_in(personas.line_manager.user.username)
    journey.visit("/learning/team/", label="team with a nomination")
    journey.page.get_by_role(
        "button", name=f"Approve {personas.record_of(personas.hr).full_name}"
    ).click()
    journey.page.wait_for_load_state()
    journey.check("team after approving")
    journey.visit("/learning/ambassadors/", label="register with an ambassador")
    assert personas.record_of(personas.hr).full_name in journey.page.content()
    journey.assert_clean()


def test_a_conduct_matter_is_recorded_advised_on_and_closed(
    journey: Journey, personas: Personas
) -> None:
    staff = personas.record_of(personas.staff)
    journey.sign_in(personas.line_manager.user.username)
    journey.visit("/learning/team/")
    journey.page.get_by_role("link", name=f"Record a matter about {staff.full_name}").click()
    journey.page.wait_for_load_state()
    journey.check("record a matter")
    journey.page.get_by_role("button", name="Save record").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("record a matter with errors")
    journey.page.get_by_label("Conduct", exact=True).check()
    journey.page.get_by_label("Day").fill("2")
    journey.page.get_by_label("Month").fill("11")
    journey.page.get_by_label("Year").fill("2026")
    journey.page.get_by_label("What happened?").fill("Posted a resident's complaint on Facebook")
    journey.page.get_by_role("button", name="Save record").click()
    journey.page.wait_for_load_state()
    journey.check("the new record")
    matter = ConductRecord.objects.get()
    journey.visit("/learning/team/", label="team with a record")
    journey.sign_out()

    journey.sign_in(personas.hr.user.username)
    journey.visit("/learning/compliance/", label="compliance for HR")
    journey.page.get_by_role("link", name="Open conduct and performance records").click()
    journey.page.wait_for_load_state()
    journey.check("open records")
    journey.page.get_by_role("link", name=staff.full_name).click()
    journey.page.wait_for_load_state()
    journey.page.get_by_role("button", name="Add advice").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("advice with errors")
    journey.page.get_by_label("HR advice").fill("Start at the informal stage")
    journey.page.get_by_role("button", name="Add advice").click()
    journey.page.wait_for_load_state()
    journey.check("record with advice")
    journey.sign_out()

    journey.sign_in(personas.line_manager.user.username)
    journey.visit(f"/learning/conduct/{matter.public_id}/")
    journey.page.get_by_role("button", name="Record outcome and close").click()
    journey.page.wait_for_load_state()
    assert journey.page.title().startswith("Error: ")
    journey.check("outcome with errors")
    journey.page.get_by_label("Outcome").fill("Informal warning given")
    journey.page.get_by_role("button", name="Record outcome and close").click()
    journey.page.wait_for_load_state()
    journey.check("closed record")
    matter.refresh_from_db()
    assert matter.status == ConductRecord.Status.CLOSED
    journey.assert_clean()
