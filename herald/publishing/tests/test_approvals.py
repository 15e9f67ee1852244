"""Approvals: one or two steps, never the author, the accounts' named approvers, sign-offs for
findings, and two approvers at once: exactly one wins."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.core.testing import make_member
from herald.councils.models import RoleAssignment
from herald.councils.roles import Role
from herald.publishing import services
from herald.publishing.models import Approval, Post, SignOff
from herald.publishing.services.errors import (
    InvalidPost,
    NotAllowed,
    NotReady,
    StatusChangedMeanwhile,
)
from herald.publishing.tests.pubflow import Pub, actor, later, pub, rule

pytestmark = pytest.mark.django_db
P = Post.Status
__all__ = ["pub"]


def test_one_step_approval_schedules_the_post(pub: Pub, personas: Personas) -> None:
    post = pub.submitted(when=later())
    services.approve_post(post=post, actor=actor(personas.approver), note="Fine")
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    approval = Approval.objects.get(post=post)
    assert (approval.step, approval.revision, approval.decision) == (1, 1, "approved")
    assert AuditEvent.objects.filter(action="publishing.post_approved").exists()


def test_without_a_time_an_approved_post_waits_to_be_scheduled(
    pub: Pub, personas: Personas
) -> None:
    post = pub.submitted()
    services.approve_post(post=post, actor=actor(personas.approver))
    assert post.status == P.APPROVED


def test_authors_never_approve_their_own(pub: Pub, personas: Personas) -> None:
    post = pub.draft(by=personas.digital_lead)
    services.submit_post(post=post, actor=actor(personas.digital_lead))
    with pytest.raises(NotAllowed) as refused:
        services.approve_post(post=post, actor=actor(personas.digital_lead))
    assert refused.value.code == "own_post"
    assert post.status == P.AWAITING_APPROVAL


def test_two_steps_need_two_different_approvers(pub: Pub, personas: Personas) -> None:
    rule(pub.accounts[0], steps=2)
    post = pub.submitted(when=later())
    services.approve_post(post=post, actor=actor(personas.approver))
    assert post.status == P.AWAITING_APPROVAL
    with pytest.raises(NotAllowed) as again:
        services.approve_post(post=post, actor=actor(personas.approver))
    assert again.value.code == "already_approved"
    services.approve_post(post=post, actor=actor(personas.digital_lead))
    assert post.status == P.SCHEDULED
    assert [a.step for a in post.approvals.all()] == [1, 2]


def test_an_account_naming_its_approvers_refuses_everyone_else(
    pub: Pub, personas: Personas
) -> None:
    named = make_member(council=personas.council, username="named", roles=())
    rule(pub.accounts[0], steps=1, approvers=[named.user])
    post = pub.submitted()
    with pytest.raises(NotAllowed):
        services.approve_post(post=post, actor=actor(personas.approver))
    plain = make_member(council=personas.council, username="plain", roles=(Role.EDITOR,))
    with pytest.raises(NotAllowed):
        services.approve_post(post=post, actor=actor(plain))
    # Named for the first account, and an approver by role for the other two.
    RoleAssignment.objects.create(council=personas.council, membership=named, role=Role.APPROVER)
    services.approve_post(post=post, actor=actor(named))
    assert post.status == P.APPROVED


def test_returning_and_resubmitting_is_a_new_revision(pub: Pub, personas: Personas) -> None:
    post = pub.submitted()
    with pytest.raises(InvalidPost):
        services.return_post(post=post, actor=actor(personas.approver), note=" ")
    services.return_post(post=post, actor=actor(personas.approver), note="Add the times")
    assert post.status == P.RETURNED
    services.submit_post(post=post, actor=actor(personas.editor))
    post.refresh_from_db()
    assert (post.status, post.revision) == (P.AWAITING_APPROVAL, 2)
    services.approve_post(post=post, actor=actor(personas.approver))
    assert [(a.revision, a.step, a.decision) for a in post.approvals.all()] == [
        (1, 1, "returned"),
        (2, 1, "approved"),
    ]


def test_rejecting_is_final_and_needs_a_reason(pub: Pub, personas: Personas) -> None:
    post = pub.submitted()
    services.reject_post(post=post, actor=actor(personas.approver), note="Not for us")
    assert post.status == P.REJECTED
    with pytest.raises(InvalidPost):
        services.submit_post(post=post, actor=actor(personas.editor))


def test_a_finding_that_needs_sign_off_needs_a_signer_before_approval(
    pub: Pub, personas: Personas
) -> None:
    post = pub.submitted(text="The car AB12 CDE was parked on the verge by the library.")
    needed = [n for n in services.needed_sign_offs(post) if n.kind == SignOff.Kind.FINDING]
    assert [n.subject for n in needed] == ["personal_data.vehicle_registration"]
    with pytest.raises(NotReady) as refused:
        services.approve_post(post=post, actor=actor(personas.approver))
    assert refused.value.code == "sign_off_needed"
    with pytest.raises(NotAllowed):
        services.sign_off(
            post=post,
            actor=actor(personas.approver),
            kind="finding",
            subject=needed[0].subject,
            note="ok",
        )
    for item in needed:
        services.sign_off(
            post=post,
            actor=actor(personas.digital_lead),
            kind="finding",
            subject=item.subject,
            note="Checked",
        )
    services.approve_post(post=post, actor=actor(personas.approver))
    assert post.status == P.APPROVED


def test_two_approvers_at_once_exactly_one_wins(pub: Pub, personas: Personas) -> None:
    post = pub.submitted(when=later())
    stale = Post.objects.get(pk=post.pk)  # the second approver loaded the page at the same time
    services.approve_post(post=post, actor=actor(personas.approver))
    with pytest.raises(StatusChangedMeanwhile):
        services.approve_post(post=stale, actor=actor(personas.digital_lead))
    assert Approval.objects.filter(post=post).count() == 1
    post.refresh_from_db()
    assert post.status == P.SCHEDULED


def test_the_same_step_taken_twice_is_refused_by_the_database(pub: Pub, personas: Personas) -> None:
    """Both approvers counted no decisions yet: the unique (post, revision, step) stops the second."""
    rule(pub.accounts[0], steps=2)
    post = pub.submitted()
    Approval.objects.create(
        post=post, revision=1, step=1, approver=personas.approver.user, decision="approved"
    )
    from unittest import mock  # noqa: PLC0415

    from django.db.models import QuerySet  # noqa: PLC0415

    with (
        mock.patch.object(QuerySet, "count", return_value=0),
        pytest.raises(StatusChangedMeanwhile),
    ):
        services.approve_post(post=post, actor=actor(personas.digital_lead))
    assert Approval.objects.filter(post=post).count() == 1
