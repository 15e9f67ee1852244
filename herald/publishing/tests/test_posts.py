"""Drafting, revisions, submitting, scheduling, taking back and withdrawing a post."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.publishing import services
from herald.publishing.models import Delivery, Post
from herald.publishing.services.errors import InvalidPost, NotAllowed, NotReady
from herald.publishing.tests.pubflow import Pub, actor, image, later, post_input, pub, rule

pytestmark = pytest.mark.django_db
P = Post.Status
__all__ = ["pub"]


def test_a_draft_has_a_variant_per_account_a_revision_and_findings(pub: Pub) -> None:
    post = pub.draft(text="Call 07700 900123 to book, Cllr Smith says.")
    assert post.status == P.DRAFT
    assert [v.account.name for v in post.variants.all()] == [a.name for a in pub.accounts]
    revision = post.revisions.get()
    assert revision.number == 1
    assert len(revision.content["variants"]) == 3
    variant = post.variants.first()
    assert variant is not None
    assert variant.checked_at is not None
    assert any(f["rule"].startswith("personal_data") for f in variant.findings)
    assert post.status_changes.get().to_status == P.DRAFT
    assert AuditEvent.objects.filter(action="publishing.post_created").count() == 1


def test_every_save_is_a_new_revision_on_the_record(pub: Pub) -> None:
    post = pub.draft()
    services.update_post(
        post=post,
        data=post_input(pub.accounts[:2], text="Changed wording", title="Late opening (v2)"),
        actor=actor(pub.personas.editor),
    )
    post.refresh_from_db()
    assert post.revision == 2
    assert [r.number for r in post.revisions.all()] == [1, 2]
    assert post.revisions.get(number=1).content["variants"][0]["text"].startswith("Libraries")
    assert post.revisions.get(number=2).content["variants"][0]["text"] == "Changed wording"
    assert post.variants.count() == 2
    edit = AuditEvent.objects.get(action="publishing.post_edited")
    assert edit.changes["title"] == ["Late opening", "Late opening (v2)"]


def test_bad_input_is_refused_and_changes_nothing(pub: Pub, personas: Personas) -> None:
    with pytest.raises(InvalidPost) as no_title:
        pub.draft(title=" ")
    assert no_title.value.field == "title"
    other = personas.other_council
    assert Post.objects.count() == 0
    with pytest.raises(InvalidPost):
        services.create_post(
            council=other,
            author=personas.editor.user,
            data=post_input(pub.accounts),
            actor=actor(personas.editor),
        )
    assert Post.objects.count() == 0


def test_an_account_owner_drafts_only_for_their_own_accounts(pub: Pub, personas: Personas) -> None:
    with pytest.raises(InvalidPost) as refused:
        pub.draft(by=personas.officer)
    assert refused.value.code == "account_not_allowed"
    owner = personas.record_of(personas.officer)
    mine = pub.accounts[0]
    mine.owner = owner
    mine.save()
    assert pub.draft(by=personas.officer, accounts=[mine]).variants.count() == 1


def test_only_the_author_or_the_digital_team_edits(pub: Pub, personas: Personas) -> None:
    post = pub.draft()
    with pytest.raises(NotAllowed):
        services.update_post(
            post=post, data=post_input(pub.accounts), actor=actor(personas.approver)
        )
    services.update_post(
        post=post, data=post_input(pub.accounts), actor=actor(personas.digital_lead)
    )


def test_submitting_sends_it_for_approval_with_the_strictest_accounts_steps(pub: Pub) -> None:
    rule(pub.accounts[1], steps=2)
    post = pub.submitted()
    assert (post.status, post.approval_steps_required) == (P.AWAITING_APPROVAL, 2)
    assert post.submitted_at is not None


def test_a_post_with_a_blocking_finding_cannot_be_submitted(pub: Pub) -> None:
    post = pub.draft(text="Email jane.doe@gmail.com with NI number QQ123456C for details")
    with pytest.raises(NotReady) as refused:
        services.submit_post(post=post, actor=actor(pub.personas.editor))
    assert refused.value.problems
    post.refresh_from_db()
    assert post.status == P.DRAFT


def test_someone_who_may_publish_without_approval_goes_straight_to_scheduled(pub: Pub) -> None:
    for account in pub.accounts:
        rule(account, steps=1, publish_without_approval=[pub.personas.editor.user])
    post = pub.draft(when=later(2))
    services.submit_post(post=post, actor=actor(pub.personas.editor))
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    deliveries = Delivery.objects.filter(variant__post=post)
    assert deliveries.count() == 3
    assert {d.status for d in deliveries} == {Delivery.Status.PENDING}
    assert [c.to_status for c in post.status_changes.all()] == [P.DRAFT, P.APPROVED, P.SCHEDULED]


def test_one_account_without_a_rule_means_approval_is_needed(pub: Pub) -> None:
    rule(pub.accounts[0], steps=0)
    post = pub.submitted()
    assert post.status == P.AWAITING_APPROVAL


def test_scheduling_refuses_a_time_in_the_past_and_a_disconnected_account(pub: Pub) -> None:
    post = pub.approved(when=None)
    assert post.status == P.APPROVED
    approver = actor(pub.personas.approver)
    with pytest.raises(NotReady) as past:
        services.schedule_post(post=post, when=later(-2), actor=approver)
    assert "in the past" in past.value.message
    connection = pub.accounts[2].connection
    connection.status = "disconnected"
    connection.save()
    with pytest.raises(NotReady) as disconnected:
        services.schedule_post(post=post, when=later(3), actor=approver)
    assert "Wessex Roads is not connected to Herald" in disconnected.value.message
    post.refresh_from_db()
    assert (post.status, post.scheduled_for) == (P.APPROVED, None)
    assert not Delivery.objects.exists()


def test_rescheduling_moves_the_deliveries(pub: Pub) -> None:
    post = pub.approved()
    assert post.status == P.SCHEDULED
    new_time = later(48)
    services.schedule_post(post=post, when=new_time, actor=actor(pub.personas.approver))
    assert {d.due_at for d in Delivery.objects.filter(variant__post=post)} == {new_time}
    assert AuditEvent.objects.filter(action="publishing.post_rescheduled").exists()


def test_editing_a_scheduled_post_holds_its_deliveries_and_approval_starts_again(
    pub: Pub,
) -> None:
    post = pub.approved()
    services.update_post(
        post=post,
        data=post_input(pub.accounts, text="New text", when=later()),
        actor=actor(pub.personas.editor),
    )
    post.refresh_from_db()
    assert (post.status, post.revision) == (P.DRAFT, 2)
    assert {d.status for d in Delivery.objects.filter(variant__post=post)} == {"held"}
    services.submit_post(post=post, actor=actor(pub.personas.editor))
    services.approve_post(post=post, actor=actor(pub.personas.approver))
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    assert {d.status for d in Delivery.objects.filter(variant__post=post)} == {"pending"}


def test_withdrawing_cancels_whatever_was_queued_and_keeps_the_record(pub: Pub) -> None:
    post = pub.approved()
    services.withdraw_post(post=post, actor=actor(pub.personas.editor), note="Event cancelled")
    post.refresh_from_db()
    assert post.status == P.WITHDRAWN
    assert {d.status for d in Delivery.objects.filter(variant__post=post)} == {"cancelled"}
    assert post.variants.count() == 3
    with pytest.raises(InvalidPost):
        services.withdraw_post(post=post, actor=actor(pub.personas.editor))


def test_taking_back_a_submitted_post(pub: Pub) -> None:
    post = pub.submitted()
    services.take_back(post=post, actor=actor(pub.personas.editor))
    assert post.status == P.DRAFT
    with pytest.raises(NotAllowed):
        services.take_back(post=post, actor=actor(pub.personas.approver))


def test_images_need_alt_text_before_submission(pub: Pub) -> None:
    photo = image(pub.council, pub.personas.editor.user)
    post = pub.draft(media=(services.MediaUse(item=photo, alt_text=""),))
    with pytest.raises(NotReady) as refused:
        services.submit_post(post=post, actor=actor(pub.personas.editor))
    assert "alt text is required" in refused.value.message


def test_an_approved_post_whose_time_passed_needs_rescheduling(pub: Pub) -> None:
    post = pub.submitted(when=later(1))
    Post.objects.filter(pk=post.pk).update(scheduled_for=timezone.now() - later(0).resolution)
    post.refresh_from_db()
    services.approve_post(post=post, actor=actor(pub.personas.approver))
    assert post.status == P.NEEDS_RESCHEDULING
    assert not Delivery.objects.exists()
    services.schedule_post(post=post, when=later(5), actor=actor(pub.personas.approver))
    assert post.status == P.SCHEDULED


def test_approved_posts_whose_time_passed_are_flagged_not_sent(pub: Pub) -> None:
    waiting = pub.approved(when=None)
    services.schedule_post(post=waiting, when=later(1), actor=actor(pub.personas.approver))
    unscheduled = pub.approved(when=None, title="No time yet")
    Post.objects.filter(pk=unscheduled.pk).update(scheduled_for=later(-2))
    assert services.flag_overdue() == 1
    unscheduled.refresh_from_db()
    waiting.refresh_from_db()
    assert unscheduled.status == P.NEEDS_RESCHEDULING
    assert waiting.status == P.SCHEDULED
    assert services.flag_overdue() == 0
