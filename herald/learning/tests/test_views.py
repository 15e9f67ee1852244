"""Learning's pages over HTTP: permissions, errors in GOV.UK form, the cross-council 404."""

from __future__ import annotations

import datetime
import html

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.core.testing import StaffMemberFactory, UserFactory
from herald.councils.models import Membership, RoleAssignment
from herald.councils.roles import Role
from herald.learning.compliance import forget_compliance
from herald.learning.models import Acknowledgement, Completion, Module, QuizAttempt
from herald.learning.services.policies import approve_version, draft_version
from herald.learning.testing import answers_for, make_module, make_policy, make_trained


def test_staff_read_the_policy_and_acknowledge_it(personas: Personas) -> None:
    version = make_policy(council=personas.council, body="# Policy\n\nBe kind.")
    client = personas.client_for(personas.staff)

    page = client.get(f"/learning/versions/{version.public_id}/")
    missing = client.post(f"/learning/versions/{version.public_id}/", {})
    done = client.post(
        f"/learning/versions/{version.public_id}/",
        {"confirm": "on"},
        HTTP_USER_AGENT="Test browser",
    )

    assert "Be kind." in page.content.decode()
    assert "Confirm that you have read and understood it" in missing.content.decode()
    assert done.status_code == 302
    ack = Acknowledgement.objects.get(version=version)
    assert (ack.user, ack.user_agent, ack.ip_address) == (
        personas.staff.user,
        "Test browser",
        "127.0.0.1",
    )


def test_a_superseded_version_sends_the_reader_to_the_current_one(personas: Personas) -> None:
    first = make_policy(council=personas.council)
    second = draft_version(document=first.document, body="v2", change_summary="", actor=SYSTEM)
    approve_version(
        version=second, approved_on=datetime.date.today(), committee="Cabinet", actor=SYSTEM
    )
    client = personas.client_for(personas.staff)

    response = client.post(f"/learning/versions/{first.public_id}/", {"confirm": "on"}, follow=True)

    assert response.redirect_chain[-1][0] == f"/learning/versions/{second.public_id}/"
    assert "Read version 2 instead" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_policy_text_cannot_carry_html(personas: Personas) -> None:
    version = make_policy(
        council=personas.council, body="<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )

    body = (
        personas.client_for(personas.staff)
        .get(f"/learning/versions/{version.public_id}/")
        .content.decode()
    )

    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;" in body
    assert 'href="javascript:' not in body


def test_hr_drafts_and_records_approval(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    client = personas.client_for(personas.hr)
    document = version.document

    client.post(
        f"/learning/policies/{document.public_id}/draft/",
        {"body": "New text", "change_summary": "Rewrite"},
    )
    draft = document.versions.get(status="draft")
    refused = client.post(f"/learning/versions/{draft.public_id}/approve/", {"committee": ""})
    approved = client.post(
        f"/learning/versions/{draft.public_id}/approve/",
        {
            "committee": "Policy Committee",
            "approved_on-day": "1",
            "approved_on-month": "12",
            "approved_on-year": "2026",
        },
    )

    assert "Enter the committee that approved it" in refused.content.decode()
    assert approved.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.approved_on) == ("approved", datetime.date(2026, 12, 1))


def test_staff_cannot_draft_or_see_drafts(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    draft = draft_version(document=version.document, body="secret", change_summary="", actor=SYSTEM)
    client = personas.client_for(personas.staff)

    assert client.get(f"/learning/policies/{version.document.public_id}/draft/").status_code == 403
    assert client.get(f"/learning/versions/{draft.public_id}/").status_code == 404
    assert client.get(f"/learning/versions/{draft.public_id}/approve/").status_code == 403


def test_the_comparison_labels_each_change(personas: Personas) -> None:
    first = make_policy(council=personas.council, body="Keep\nOld line")
    second = draft_version(
        document=first.document, body="Keep\nNew line", change_summary="", actor=SYSTEM
    )
    approve_version(
        version=second, approved_on=datetime.date.today(), committee="Cabinet", actor=SYSTEM
    )

    body = (
        personas.client_for(personas.staff)
        .get(f"/learning/versions/{second.public_id}/compare/?with={first.public_id}")
        .content.decode()
    )

    assert "<del>Old line</del>" in body
    assert "<ins>New line</ins>" in body
    assert ">Removed<" in body
    assert ">Added<" in body


def test_another_councils_objects_are_404(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    module = make_module(council=personas.council)
    client = personas.client_for(personas.outsider)

    for url in (
        f"/learning/versions/{version.public_id}/",
        f"/learning/policies/{version.document.public_id}/",
        f"/learning/versions/{version.public_id}/outstanding/",
        f"/learning/modules/{module.public_id}/edit/",
    ):
        assert client.get(url).status_code == 404, url


def test_taking_the_quiz_failing_then_passing(personas: Personas) -> None:
    module = make_module(council=personas.council, questions=4)
    client = personas.client_for(personas.staff)

    client.get(f"/learning/modules/{module.public_id}/quiz/")
    attempt = QuizAttempt.objects.get()
    failed = client.post(
        f"/learning/modules/{module.public_id}/quiz/", answers_for(attempt, right=1)
    )
    result = client.get(failed["Location"]).content.decode()
    client.get(f"/learning/modules/{module.public_id}/quiz/")
    retake = QuizAttempt.objects.get(submitted_at__isnull=True)
    passed = client.post(
        f"/learning/modules/{module.public_id}/quiz/", answers_for(retake, right=4)
    )

    assert "You did not pass" in result
    assert passed.status_code == 302
    completion = Completion.objects.get()
    assert client.get(f"/learning/certificates/{completion.public_id}/").status_code == 200


def test_unanswered_questions_are_named_and_tampering_refused(personas: Personas) -> None:
    module = make_module(council=personas.council, questions=3)
    client = personas.client_for(personas.staff)
    client.get(f"/learning/modules/{module.public_id}/quiz/")
    attempt = QuizAttempt.objects.get()
    partial = dict(list(answers_for(attempt, right=3).items())[:2])

    incomplete = client.post(f"/learning/modules/{module.public_id}/quiz/", partial)
    tampered = client.post(f"/learning/modules/{module.public_id}/quiz/", {"passed": "1"})

    assert "Answer question 3" in incomplete.content.decode()
    assert tampered.status_code == 400
    assert not Completion.objects.exists()


def test_certificates_are_for_their_owner_and_hr(personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.editor))
    completion = Completion.objects.get()
    url = f"/learning/certificates/{completion.public_id}/"

    assert personas.client_for(personas.editor).get(url).status_code == 200
    assert personas.client_for(personas.hr).get(url).status_code == 200
    assert personas.client_for(personas.staff).get(url).status_code == 404


def test_the_manager_sees_the_teams_training(personas: Personas) -> None:
    make_trained(staff_member=personas.record_of(personas.editor))

    body = personas.client_for(personas.line_manager).get("/learning/team/").content.decode()

    assert personas.record_of(personas.editor).full_name in html.unescape(body)  # "O'Neill"
    assert "Not acknowledged" in body
    assert 'href="/estate/access/team/"' in body  # who holds which rights on which accounts


def test_the_compliance_overview_costs_a_fixed_number_of_queries(personas: Personas) -> None:
    make_module(council=personas.council, kind=Module.Kind.AWARENESS)
    make_trained(staff_member=personas.record_of(personas.editor))
    client = personas.client_for(personas.hr)
    client.get("/learning/compliance/")
    forget_compliance(council=personas.council, on=timezone.localdate())
    with CaptureQueriesContext(connection) as small:
        client.get("/learning/compliance/")
    for membership in (personas.approver, personas.officer, personas.staff):
        make_trained(staff_member=personas.record_of(membership))
    StaffMemberFactory.create_batch(
        5, council=personas.council, service=personas.record_of(personas.staff).service
    )

    forget_compliance(council=personas.council, on=timezone.localdate())
    with CaptureQueriesContext(connection) as large:
        response = client.get("/learning/compliance/")

    assert "Libraries" in response.content.decode()
    assert len(large) == len(small)
    assert len(large) <= 24


def test_hr_edits_lessons_and_questions(personas: Personas) -> None:
    module = make_module(council=personas.council)
    lesson = module.lessons.first()
    assert lesson is not None
    client = personas.client_for(personas.hr)

    blank = client.post(
        f"/learning/lessons/{lesson.public_id}/edit/", {"title": "", "position": "1", "body": "x"}
    )
    saved = client.post(
        f"/learning/modules/{module.public_id}/questions/new/",
        {"text": "New?", "correct": "Yes", "wrong": "No\nMaybe"},
    )

    assert "Enter a title" in blank.content.decode()
    assert saved.status_code == 302
    assert module.questions.get(text="New?").choices.count() == 3
    assert (
        personas.client_for(personas.staff)
        .get(f"/learning/modules/{module.public_id}/edit/")
        .status_code
        == 403
    )


def test_hr_sees_who_has_and_has_not_acknowledged_with_the_evidence(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    personas.client_for(personas.staff).post(
        f"/learning/versions/{version.public_id}/", {"confirm": "on"}, HTTP_USER_AGENT="Edge 130"
    )

    body = (
        personas.client_for(personas.hr)
        .get(f"/learning/versions/{version.public_id}/outstanding/")
        .content.decode()
    )

    not_yet, done = body.split("Who has acknowledged it")
    assert personas.record_of(personas.editor).full_name in not_yet
    assert personas.record_of(personas.staff).full_name in done
    assert "Edge 130" in done
    assert version.content_sha256[:16] in done


def test_hr_changes_the_review_date_and_it_is_audited(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    url = f"/learning/policies/{version.document.public_id}/edit/"
    client = personas.client_for(personas.hr)
    fields = {"title": "Social Media Policy", "acknowledgement_scope": "everyone"}

    bad = client.post(
        url,
        {
            **fields,
            "next_review_on-day": "31",
            "next_review_on-month": "2",
            "next_review_on-year": "2027",
        },
    )
    good = client.post(
        url,
        {
            **fields,
            "next_review_on-day": "1",
            "next_review_on-month": "4",
            "next_review_on-year": "2027",
        },
    )

    assert "Next review date must be a real date" in bad.content.decode()
    assert good.status_code == 302
    version.document.refresh_from_db()
    assert version.document.next_review_on == datetime.date(2027, 4, 1)
    assert AuditEvent.objects.filter(action="policy.updated").count() == 1
    assert personas.client_for(personas.staff).get(url).status_code == 403


def test_a_councillor_without_a_staff_record_sees_nothing_to_do(personas: Personas) -> None:
    councillor = Membership.objects.create(
        council=personas.council, user=UserFactory(username="councillor"), staff_member=None
    )
    RoleAssignment.objects.create(
        council=personas.council, membership=councillor, role=Role.COMMITTEE_MEMBER
    )
    response = personas.client_for(councillor).get("/learning/")
    assert response.status_code == 200
    assert "you do not have one in Herald" in response.content.decode()
