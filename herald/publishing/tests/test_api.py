"""Drafting, approving and scheduling over the API: roles, one council, JSON errors with codes."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.publishing.models import Post
from herald.publishing.tests.pubflow import Pub, later, pub

pytestmark = pytest.mark.django_db
POSTS = "/api/v1/publishing/posts/"
__all__ = ["pub"]


def body(pub: Pub, **extra: object) -> dict[str, object]:
    return {
        "title": "Road closure",
        "category": "service_disruption",
        "variants": [
            {"account": str(a.public_id), "text": "The high street is closed on Sunday."}
            for a in pub.accounts
        ],
        **extra,
    }


def test_draft_submit_approve_and_schedule(pub: Pub, personas: Personas) -> None:
    editor = api_client(personas.editor, Role.EDITOR)
    made = editor.post(POSTS, body(pub), content_type="application/json")
    assert made.status_code == 201, made.json()
    post_id = made.json()["id"]
    assert made.json()["status"] == "draft"
    assert len(made.json()["variants"]) == 3
    submitted = editor.post(f"{POSTS}{post_id}/submit/", {}, content_type="application/json")
    assert submitted.json()["status"] == "awaiting_approval"
    own = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    approver = api_client(personas.approver, Role.APPROVER)
    approved = approver.post(
        f"{POSTS}{post_id}/decision/", {"decision": "approve"}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved"
    when = later(30).isoformat()
    scheduled = own.post(
        f"{POSTS}{post_id}/schedule/", {"scheduled_for": when}, content_type="application/json"
    )
    assert scheduled.json()["status"] == "scheduled"
    history = editor.get(f"{POSTS}{post_id}/").json()["status_history"]
    assert [h["to_status"] for h in history] == [
        "draft",
        "awaiting_approval",
        "approved",
        "scheduled",
    ]
    listed = editor.get(POSTS, {"status": "scheduled"}).json()
    assert [p["id"] for p in listed["results"]] == [post_id]


def test_business_rule_errors_have_codes_and_change_nothing(pub: Pub, personas: Personas) -> None:
    editor = api_client(personas.editor, Role.EDITOR)
    post_id = editor.post(POSTS, body(pub), content_type="application/json").json()["id"]
    editor.post(f"{POSTS}{post_id}/submit/", {}, content_type="application/json")
    digital = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    bad = digital.post(
        f"{POSTS}{post_id}/decision/", {"decision": "reject"}, content_type="application/json"
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "note_required")
    past = digital.post(
        f"{POSTS}{post_id}/schedule/",
        {"scheduled_for": later(-5).isoformat()},
        content_type="application/json",
    )
    assert past.status_code == 400
    assert past.json()["code"] == "transition_not_allowed"
    assert Post.objects.get().status == "awaiting_approval"
    invalid = editor.post(POSTS, body(pub, category="gossip"), content_type="application/json")
    assert (invalid.status_code, invalid.json()["code"]) == (400, "invalid")
    assert editor.get(POSTS, {"status": "lost"}).status_code == 400


def test_approvers_tokens_cannot_draft_and_other_roles_are_refused(
    pub: Pub, personas: Personas
) -> None:
    approver = api_client(personas.approver, Role.APPROVER)
    refused = approver.post(POSTS, body(pub), content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (403, "role_not_allowed")
    hr = api_client(personas.hr, Role.HR).get(POSTS)
    assert (hr.status_code, hr.json()["code"]) == (403, "role_not_allowed")


def test_another_councils_post_is_not_found(pub: Pub, personas: Personas) -> None:
    post = pub.draft()
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN)
    response = outsider.get(f"{POSTS}{post.public_id}/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert outsider.get(POSTS).json()["count"] == 0
    theirs = api_client(personas.editor, Role.EDITOR)
    foreign = theirs.post(
        POSTS,
        {
            "title": "x",
            "variants": [{"account": "00000000-0000-0000-0000-000000000001", "text": "x"}],
        },
        content_type="application/json",
    )
    assert (foreign.status_code, foreign.json()["code"]) == (404, "not_found")


def test_a_finding_is_signed_off_over_the_api_before_approval(pub: Pub, personas: Personas) -> None:
    editor = api_client(personas.editor, Role.EDITOR)
    made = editor.post(
        POSTS,
        body(
            pub,
            variants=[
                {
                    "account": str(pub.accounts[0].public_id),
                    "text": "The car AB12 CDE was parked on the verge.",
                }
            ],
        ),
        content_type="application/json",
    ).json()
    editor.post(f"{POSTS}{made['id']}/submit/", {}, content_type="application/json")
    approver = api_client(personas.approver, Role.APPROVER)
    refused = approver.post(
        f"{POSTS}{made['id']}/decision/", {"decision": "approve"}, content_type="application/json"
    )
    assert (refused.status_code, refused.json()["code"]) == (400, "sign_off_needed")
    digital = api_client(personas.digital_lead, Role.DIGITAL_TEAM)
    signed = digital.post(
        f"{POSTS}{made['id']}/sign-off/",
        {"kind": "finding", "subject": "personal_data.vehicle_registration", "note": "Our own van"},
        content_type="application/json",
    )
    assert signed.status_code == 200, signed.json()
    approved = approver.post(
        f"{POSTS}{made['id']}/decision/", {"decision": "approve"}, content_type="application/json"
    )
    assert approved.json()["status"] == "approved"
