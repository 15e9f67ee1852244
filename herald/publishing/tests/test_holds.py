"""Holds: the emergency stop, national mourning with its allowed categories, and the
pre-election period; the review queue after a hold lifts; who may start and lift them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import Actor
from herald.publishing import selectors, services
from herald.publishing.models import Delivery, Hold, Post, SignOff
from herald.publishing.services.errors import HoldInForce, NotAllowed, NotReady
from herald.publishing.tests.pubflow import Pub, actor, later, pub
from herald.standards.services.elections import create_election_period

pytestmark = pytest.mark.django_db
P = Post.Status
__all__ = ["pub"]


def emergency(pub: Pub, **kwargs: object) -> Hold:
    details = services.HoldDetails(kind="emergency", reason="Major incident", **kwargs)  # type: ignore[arg-type]
    return services.start_hold(
        council=pub.council, details=details, actor=actor(pub.personas.digital_lead)
    )


def test_active_holds_covers_whole_council_and_chosen_accounts(pub: Pub) -> None:
    whole = emergency(pub)
    some = emergency(pub, accounts=[pub.accounts[0]])
    a, b = pub.accounts[0].pk, pub.accounts[1].pk
    assert selectors.active_holds(pub.council, [a]) == [whole, some]
    assert selectors.active_holds(pub.council, [b]) == [whole]
    assert selectors.active_holds(pub.personas.other_council, [a]) == []
    assert (
        selectors.active_holds(pub.council, [a], timezone.now() - datetime.timedelta(hours=1)) == []
    )
    services.lift_hold(hold=whole, actor=actor(pub.personas.digital_lead))
    assert selectors.active_holds(pub.council.pk, [b]) == []


def test_an_emergency_stop_holds_scheduled_posts_and_their_deliveries(pub: Pub) -> None:
    post = pub.approved()
    draft = pub.draft()
    hold = emergency(pub)
    post.refresh_from_db()
    draft.refresh_from_db()
    assert (post.status, post.held_by) == (P.HELD, hold)
    assert draft.status == P.DRAFT
    assert {d.status for d in Delivery.objects.filter(variant__post=post)} == {"held"}
    event = AuditEvent.objects.get(action="publishing.hold_started_emergency")
    assert event.changes["held_posts"] == 1


def test_posts_approved_during_a_stop_are_held_not_scheduled(pub: Pub) -> None:
    emergency(pub, accounts=[pub.accounts[1]])
    post = pub.approved()
    assert post.status == P.HELD


def test_lifting_sends_held_posts_to_the_review_queue_not_out(pub: Pub) -> None:
    post = pub.approved()
    hold = emergency(pub)
    post.refresh_from_db()
    lead = actor(pub.personas.digital_lead)
    with pytest.raises(HoldInForce):
        services.release_post(post=post, actor=lead, action="publish_now")
    services.lift_hold(hold=hold, actor=lead, note="All clear")
    post.refresh_from_db()
    assert post.status == P.HELD
    assert list(selectors.review_queue(pub.council)) == [post]
    services.release_post(post=post, actor=lead, action="publish_now")
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    assert post.held_by is None
    deliveries = Delivery.objects.filter(variant__post=post)
    assert {d.status for d in deliveries} == {"pending"}
    assert all(d.due_at <= timezone.now() for d in deliveries)
    assert list(selectors.review_queue(pub.council)) == []


def test_the_review_queue_reschedules_or_cancels(pub: Pub) -> None:
    first, second = pub.approved(), pub.approved(title="Second")
    hold = emergency(pub)
    lead = actor(pub.personas.digital_lead)
    services.lift_hold(hold=hold, actor=lead)
    first.refresh_from_db()
    second.refresh_from_db()
    with pytest.raises(NotReady):
        services.release_post(post=first, actor=lead, action="reschedule", when=later(-1))
    when = later(72)
    services.release_post(post=first, actor=lead, action="reschedule", when=when)
    assert (first.status, first.scheduled_for) == (P.SCHEDULED, when)
    services.release_post(post=second, actor=lead, action="cancel", note="Out of date")
    assert second.status == P.WITHDRAWN
    assert {d.status for d in Delivery.objects.filter(variant__post=second)} == {"cancelled"}


def test_only_communications_leads_start_and_lift_holds(pub: Pub, personas: Personas) -> None:
    details = services.HoldDetails(kind="emergency", reason="x")
    for who in (personas.approver, personas.editor, personas.officer):
        with pytest.raises(NotAllowed):
            services.start_hold(council=pub.council, details=details, actor=actor(who))
    hold = services.start_hold(council=pub.council, details=details, actor=actor(personas.admin))
    with pytest.raises(NotAllowed):
        services.lift_hold(hold=hold, actor=actor(personas.approver))
    with pytest.raises(NotAllowed):
        services.lift_hold(hold=hold, actor=Actor(user=personas.outsider.user))


def test_mourning_lets_allowed_categories_out_with_a_named_sign_off(pub: Pub) -> None:
    safety = pub.approved(title="Flood warning", category=Post.Category.PUBLIC_SAFETY)
    general = pub.approved(title="Fun day")
    lead = actor(pub.personas.digital_lead)
    hold = services.start_hold(
        council=pub.council,
        details=services.HoldDetails(
            kind="mourning", reason="National mourning", allowed_categories=["public_safety"]
        ),
        actor=lead,
    )
    safety.refresh_from_db()
    general.refresh_from_db()
    assert safety.status == general.status == P.HELD
    with pytest.raises(HoldInForce) as unsigned:
        services.release_post(post=safety, actor=lead, action="publish_now")
    assert "sign this post off" in unsigned.value.message
    with pytest.raises(NotAllowed):
        services.sign_off(
            post=general, actor=lead, kind="mourning", subject=str(hold.public_id), note="x"
        )
    with pytest.raises(NotAllowed):
        services.sign_off(
            post=safety,
            actor=actor(pub.personas.approver),
            kind="mourning",
            subject=str(hold.public_id),
            note="x",
        )
    services.sign_off(
        post=safety,
        actor=lead,
        kind="mourning",
        subject=str(hold.public_id),
        note="Flood risk to life",
    )
    services.release_post(post=safety, actor=lead, action="publish_now")
    assert safety.status == P.SCHEDULED
    with pytest.raises(HoldInForce):
        services.release_post(post=general, actor=lead, action="publish_now")


def _period(pub: Pub) -> Hold:
    today = timezone.localdate()
    period = create_election_period(
        council=pub.council,
        actor=actor(pub.personas.digital_lead),
        name="County elections",
        notice_on=today - datetime.timedelta(days=3),
        polling_on=today + datetime.timedelta(days=20),
        areas=[],
    )
    return services.start_hold(
        council=pub.council,
        details=services.HoldDetails(
            kind="pre_election",
            reason="County council elections",
            accounts=[pub.accounts[0]],
            election_period=period,
            named_officer=pub.personas.approver.user,
        ),
        actor=actor(pub.personas.digital_lead),
    )


def test_pre_election_makes_political_findings_blocking_on_covered_accounts(pub: Pub) -> None:
    hold = _period(pub)
    assert hold.ends_at is not None
    assert hold.ends_at > later(24 * 20)
    post = pub.draft(text="Councillor Jane Smith opened the new library today.", when=later())
    variants = {v.account_id: v for v in post.variants.all()}
    covered = variants[pub.accounts[0].pk].findings
    other = variants[pub.accounts[1].pk].findings
    assert any(f["rule"] == "political.councillor" and f["severity"] == "block" for f in covered)
    assert any(
        f["rule"] == "political.councillor" and f["severity"] == "needs_sign_off" for f in other
    )
    with pytest.raises(NotReady):
        services.submit_post(post=post, actor=actor(pub.personas.editor))


def test_pre_election_posts_need_the_named_officers_sign_off(pub: Pub) -> None:
    hold = _period(pub)
    post = pub.submitted(when=later())
    needed = services.needed_sign_offs(post)
    assert [(n.kind, n.done) for n in needed] == [(SignOff.Kind.PRE_ELECTION, False)]
    with pytest.raises(NotReady) as refused:
        services.approve_post(post=post, actor=actor(pub.personas.digital_lead))
    assert refused.value.code == "sign_off_needed"
    with pytest.raises(NotAllowed):
        services.sign_off(
            post=post,
            actor=actor(pub.personas.digital_lead),
            kind="pre_election",
            subject=str(hold.public_id),
            note="ok",
        )
    services.sign_off(
        post=post,
        actor=actor(pub.personas.approver),
        kind="pre_election",
        subject=str(hold.public_id),
        note="Impartial",
    )
    services.approve_post(post=post, actor=actor(pub.personas.digital_lead))
    assert post.status == P.SCHEDULED


def test_a_pre_election_period_holds_posts_scheduled_within_it(pub: Pub) -> None:
    post = pub.approved()
    hold = _period(pub)
    post.refresh_from_db()
    assert (post.status, post.held_by) == (P.HELD, hold)
    lead = actor(pub.personas.digital_lead)
    with pytest.raises(HoldInForce):
        services.release_post(post=post, actor=lead, action="publish_now")
    services.sign_off(
        post=post,
        actor=actor(pub.personas.approver),
        kind="pre_election",
        subject=str(hold.public_id),
        note="Fine",
    )
    services.release_post(post=post, actor=lead, action="reschedule", when=later(30))
    assert post.status == P.SCHEDULED
