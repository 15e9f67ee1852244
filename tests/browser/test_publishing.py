"""Publishing in real Chromium with axe: an officer drafts a post to three accounts, sees the
standards findings as they type and submits it; an approver approves it; the digital team
starts an emergency stop (the post is held), lifts it and releases the post from the review
queue. Every page on the way (the composer with its errors, the preview, the media library,
the holds page with the banner) is checked for WCAG 2.2 A and AA failures."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import FilePayload, expect

from conftest import Personas
from herald.channels.models import ChannelConnection
from herald.estate.testing import make_account
from herald.learning.testing import make_trained
from herald.publishing.models import Delivery, Hold, MediaItem, Post
from herald.publishing.tests.pubflow import png
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _three_accounts(personas: Personas) -> list[str]:
    owner = personas.record_of(personas.officer)
    make_trained(staff_member=owner)
    assert owner.service is not None
    names = []
    for n, (network, name) in enumerate(
        (("x", "Wessex News"), ("facebook_page", "Wessex Libraries"), ("bluesky", "Wessex Roads"))
    ):
        handle = {"x": "WessexNews", "facebook_page": "WessexLibraries"}.get(
            network, "wessexroads.bsky.social"
        )
        account = make_account(
            council=personas.council,
            service=owner.service,
            owner=owner,
            network=network,
            handle=handle,
            name=name,
            url="",
        )
        ChannelConnection.objects.create(
            council=personas.council, account=account, network="sandbox", external_id=str(n)
        )
        names.append(name)
    return names


def test_draft_approve_hold_and_release_a_post(journey: Journey, personas: Personas) -> None:
    names = _three_accounts(personas)
    journey.sign_in(personas.officer.user.username)
    _upload_an_image(journey)
    post = _draft_and_submit(journey, names)
    journey.sign_out()
    journey.sign_in(personas.approver.user.username)
    _approve(journey, post)
    journey.sign_out()
    journey.sign_in(personas.digital_lead.user.username)
    _stop_lift_and_release(journey, post)
    journey.assert_clean()


def _upload_an_image(journey: Journey) -> None:
    """The officer adds an image to the library (the form shows its errors first)."""
    page = journey.page
    journey.visit("/publishing/media/", label="media library")
    page.get_by_role("button", name="Upload a file").click()
    page.wait_for_load_state()
    journey.check("upload form")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    journey.check("upload form with errors")
    page.get_by_label("File", exact=True).set_input_files(
        FilePayload(name="bins.png", mimeType="image/png", buffer=png(4, 4))
    )
    page.get_by_label("Alt text (images)").fill("A green recycling bin at the kerb")
    page.get_by_label("Source").fill("Waste team")
    page.get_by_label("Licence or permission").fill("Council owned")
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    journey.check("media item")
    assert MediaItem.objects.get().original_name == "bins.png"


def _draft_and_submit(journey: Journey, names: list[str]) -> Post:
    """A post to three accounts, findings shown as the officer types, then submitted."""
    page = journey.page
    tomorrow = timezone.localtime(timezone.now() + datetime.timedelta(days=1))
    journey.visit("/publishing/", label="posts list")
    page.get_by_role("button", name="Write a post").click()
    page.wait_for_load_state()
    journey.check("composer")
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_load_state()
    journey.check("composer with errors")
    assert page.get_by_role("link", name="Enter a title for the post").is_visible()

    page.get_by_label("Title", exact=True).fill("New bin days")
    for name in names:
        page.get_by_label(name, exact=False).first.check()
    page.get_by_label("Text", exact=True).fill(
        "CLICK HERE to see your new bin day from Monday #binday"
    )
    results = page.locator("#check-results")
    expect(results).to_contain_text("Wessex Roads")
    expect(results).to_contain_text("Advice")
    journey.check("composer with live findings")
    page.get_by_label("bins.png (image)").check()
    page.get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_label("Month").fill(str(tomorrow.month))
    page.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_label("Time to post").fill("10:30")
    page.get_by_label("Service disruption").check()
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_load_state()
    journey.check("post awaiting approval")
    post = Post.objects.get()
    assert post.status == Post.Status.AWAITING_APPROVAL
    assert post.variants.count() == 3
    page.get_by_role("link", name="Preview on each network").click()
    page.wait_for_load_state()
    journey.check("preview")
    return post


def _approve(journey: Journey, post: Post) -> None:
    """An approver approves it: it is scheduled, a delivery per account."""
    page = journey.page
    journey.visit("/publishing/approvals/", label="approvals queue")
    page.get_by_role("link", name="New bin days").click()
    page.wait_for_load_state()
    journey.check("post to decide")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_load_state()
    journey.check("post scheduled")
    post.refresh_from_db()
    assert post.status == Post.Status.SCHEDULED
    assert Delivery.objects.filter(variant__post=post, status="pending").count() == 3


def _stop_lift_and_release(journey: Journey, post: Post) -> None:
    """The digital team stops everything, lifts the stop and releases the post from the queue."""
    page = journey.page
    journey.visit("/publishing/holds/", label="holds")
    page.get_by_role("button", name="Start the hold").click()
    page.wait_for_load_state()
    journey.check("hold form with errors")
    page.get_by_label("Emergency stop").check()
    page.get_by_label("Reason").fill("Major incident: all publishing stopped")
    page.get_by_role("button", name="Start the hold").click()
    page.wait_for_load_state()
    journey.check("holds with an emergency stop")
    expect(page.get_by_role("heading", name="Publishing is held")).to_be_visible()
    post.refresh_from_db()
    assert post.status == Post.Status.HELD
    journey.visit(f"/publishing/{post.public_id}/", label="held post")
    journey.visit("/publishing/holds/", label="holds again")
    page.get_by_role("button", name="Lift the emergency stop").click()
    page.wait_for_load_state()
    journey.check("review queue")
    assert Hold.objects.get().status == Hold.Status.LIFTED
    page.get_by_role("button", name="Confirm for New bin days").click()
    page.wait_for_load_state()
    journey.check("review queue with errors")
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Confirm for New bin days").click()
    page.wait_for_load_state()
    journey.check("post released")
    post.refresh_from_db()
    assert post.status == Post.Status.SCHEDULED
    assert Delivery.objects.filter(variant__post=post, status="pending").count() == 3
    journey.visit(f"/publishing/{post.public_id}/", label="released post with its deliveries")
    journey.visit(f"/publishing/{post.public_id}/edit/", label="composer for a change")
