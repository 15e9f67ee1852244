"""The publishing pages: the composer with and without errors, the detail page's actions,
the approvals queue, holds and the review queue, the media library; other councils get 404."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import Personas
from herald.publishing.models import Hold, MediaItem, Post
from herald.publishing.tests.pubflow import Pub, image, png, pub

pytestmark = pytest.mark.django_db
P = Post.Status
__all__ = ["pub"]


def when_fields(hours: int = 48) -> dict[str, str]:
    moment = timezone.localtime(timezone.now() + datetime.timedelta(hours=hours))
    return {
        "day-day": str(moment.day),
        "day-month": str(moment.month),
        "day-year": str(moment.year),
        "time": f"{moment:%H:%M}",
    }


def composer_data(pub: Pub, **extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Bin day changes",
        "accounts": [str(a.public_id) for a in pub.accounts],
        "text": "Bin collections move to Tuesday from next week.",
        "category": "service_disruption",
        "then": "submit",
        **when_fields(),
    }
    data.update(extra)
    return data


def test_the_composer_drafts_and_submits_to_three_accounts(pub: Pub, personas: Personas) -> None:
    client = personas.client_for(personas.editor)
    assert client.get("/publishing/new/").status_code == 200
    response = client.post("/publishing/new/", composer_data(pub))
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == P.AWAITING_APPROVAL
    assert post.variants.count() == 3
    page = client.get(response.headers["Location"])
    assert "Bin day changes" in page.text
    assert "Awaiting approval" in page.text


def test_the_composer_shows_the_error_summary_and_saves_nothing(
    pub: Pub, personas: Personas
) -> None:
    client = personas.client_for(personas.editor)
    response = client.post(
        "/publishing/new/", composer_data(pub, title="", accounts=[], time="25:99")
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Enter a title for the post" in response.text
    assert "Choose at least one account" in response.text
    assert "Enter a time like 9:30 or 14:00" in response.text
    assert not Post.objects.exists()


def test_per_account_text_and_images_with_alt_text(pub: Pub, personas: Personas) -> None:
    photo = image(pub.council, personas.editor.user, alt_text="A bin lorry")
    client = personas.client_for(personas.editor)
    key = str(pub.accounts[0].public_id)
    response = client.post(
        "/publishing/new/",
        composer_data(
            pub,
            **{
                f"text_{key}": "Short version for News",
                "media_items": [str(photo.public_id)],
                f"alt_{photo.public_id}": "A council bin lorry",
                "then": "save",
            },
        ),
    )
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == P.DRAFT
    variants = {v.account_id: v for v in post.variants.all()}
    assert variants[pub.accounts[0].pk].text == "Short version for News"
    assert variants[pub.accounts[1].pk].text.startswith("Bin collections")
    assert [u.alt_text for u in variants[pub.accounts[1].pk].media.all()] == ["A council bin lorry"]
    edit = client.get(f"/publishing/{post.public_id}/edit/")
    assert "Short version for News" in edit.text
    preview = client.get(f"/publishing/{post.public_id}/preview/")
    assert 'alt="A council bin lorry"' in preview.text


def test_the_live_check_returns_findings_per_account(pub: Pub, personas: Personas) -> None:
    client = personas.client_for(personas.editor)
    response = client.post(
        "/publishing/check/",
        {"accounts": [str(pub.accounts[0].public_id)], "text": "Email jane.doe@gmail.com"},
    )
    assert response.status_code == 200
    assert pub.accounts[0].name in response.text
    assert "Must be fixed" in response.text


def test_an_approver_decides_from_the_detail_page(pub: Pub, personas: Personas) -> None:
    post = pub.submitted(when=timezone.now() + datetime.timedelta(days=1))
    queue = personas.client_for(personas.approver).get("/publishing/approvals/")
    assert post.title in queue.text
    client = personas.client_for(personas.approver)
    refused = client.post(
        f"/publishing/{post.public_id}/", {"action": "decide", "decision": "reject"}
    )
    assert "There is a problem" in refused.text
    post.refresh_from_db()
    assert post.status == P.AWAITING_APPROVAL
    client.post(f"/publishing/{post.public_id}/", {"action": "decide", "decision": "approve"})
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    page = client.get(f"/publishing/{post.public_id}/")
    assert "Delivery to each account" in page.text


def test_scheduling_in_the_past_is_an_error_on_the_page(pub: Pub, personas: Personas) -> None:
    post = pub.approved(when=None)
    client = personas.client_for(personas.approver)
    response = client.post(
        f"/publishing/{post.public_id}/", {"action": "schedule", **when_fields(-3)}
    )
    assert "There is a problem" in response.text
    assert "in the past" in response.text
    post.refresh_from_db()
    assert post.status == P.APPROVED


def test_holds_page_starts_lifts_and_releases(pub: Pub, personas: Personas) -> None:
    post = pub.approved()
    lead = personas.client_for(personas.digital_lead)
    bad = lead.post("/publishing/holds/", {"kind": "emergency", "reason": ""})
    assert "Give the reason for the hold" in bad.text
    lead.post("/publishing/holds/", {"kind": "emergency", "reason": "Incident at the depot"})
    hold = Hold.objects.get()
    post.refresh_from_db()
    assert post.status == P.HELD
    page = lead.get("/publishing/")
    assert "Publishing is held" in page.text
    assert "Incident at the depot" in page.text
    lead.post(f"/publishing/holds/{hold.public_id}/lift/", {})
    queue = lead.get("/publishing/holds/")
    assert post.title in queue.text
    prefix = f"r{post.pk}"
    lead.post(f"/publishing/holds/release/{post.public_id}/", {f"{prefix}-action": "publish_now"})
    post.refresh_from_db()
    assert post.status == P.SCHEDULED


def test_only_leads_start_holds(pub: Pub, personas: Personas) -> None:
    response = personas.client_for(personas.editor).post(
        "/publishing/holds/", {"kind": "emergency", "reason": "x"}
    )
    assert response.status_code == 404
    assert not Hold.objects.exists()


def test_media_upload_list_detail_and_withdraw(pub: Pub, personas: Personas) -> None:
    client = personas.client_for(personas.editor)
    bad = client.post("/publishing/media/upload/", {"source": "", "licence": ""})
    assert "There is a problem" in bad.text
    response = client.post(
        "/publishing/media/upload/",
        {
            "file": SimpleUploadedFile("park.png", png()),
            "source": "Parks team",
            "licence": "Council owned",
            "alt_text": "The park in spring",
            "shows_people": "on",
            "consent_reference": "",
        },
    )
    assert "record the reference of their consent" in response.text
    assert not MediaItem.objects.exists()
    response = client.post(
        "/publishing/media/upload/",
        {"file": SimpleUploadedFile("park.png", png()), "source": "Parks", "licence": "Ours"},
    )
    item = MediaItem.objects.get()
    assert response.headers["Location"] == f"/publishing/media/{item.public_id}/"
    assert "park.png" in client.get("/publishing/media/").text
    assert client.get(f"/publishing/media/{item.public_id}/file/").status_code == 200
    client.post(f"/publishing/media/{item.public_id}/", {"reason": "Licence ended"})
    item.refresh_from_db()
    assert item.withdrawn_at is not None


def test_another_councils_objects_are_not_found(pub: Pub, personas: Personas) -> None:
    post = pub.draft()
    item = image(pub.council, personas.editor.user)
    outsider = personas.client_for(personas.outsider)
    for path in (
        f"/publishing/{post.public_id}/",
        f"/publishing/{post.public_id}/preview/",
        f"/publishing/media/{item.public_id}/",
        f"/publishing/media/{item.public_id}/file/",
    ):
        assert outsider.get(path).status_code == 404, path
    assert post.title not in outsider.get("/publishing/").text


def test_mourning_sign_off_and_release_from_the_pages(pub: Pub, personas: Personas) -> None:
    post = pub.approved(category=Post.Category.PUBLIC_SAFETY, title="Flood warning")
    lead = personas.client_for(personas.digital_lead)
    lead.post(
        "/publishing/holds/",
        {
            "kind": "mourning",
            "reason": "National mourning",
            "allowed_categories": ["public_safety"],
        },
    )
    hold = Hold.objects.get()
    post.refresh_from_db()
    assert post.status == P.HELD
    queue = lead.get("/publishing/holds/")
    assert "Flood warning" in queue.text
    assert "must sign this post off" in queue.text
    detail = lead.get(f"/publishing/{post.public_id}/")
    assert "National mourning: National mourning" in detail.text
    lead.post(
        f"/publishing/{post.public_id}/",
        {
            "action": "sign_off",
            "kind": "mourning",
            "subject": str(hold.public_id),
            "note": "Risk to life",
        },
    )
    lead.post(f"/publishing/holds/release/{post.public_id}/", {f"r{post.pk}-action": "publish_now"})
    post.refresh_from_db()
    assert post.status == P.SCHEDULED
    hold.refresh_from_db()
    assert hold.status == Hold.Status.ACTIVE


def test_another_councils_objects_cannot_be_changed(pub: Pub, personas: Personas) -> None:
    post = pub.approved()
    hold = Hold.objects.create(
        council=pub.council,
        kind="emergency",
        reason="x",
        started_by=personas.digital_lead.user,
        starts_at=timezone.now(),
    )
    item = image(pub.council, personas.editor.user)
    outsider = personas.client_for(personas.outsider)
    assert (
        outsider.post(f"/publishing/{post.public_id}/", {"action": "withdraw"}).status_code == 404
    )
    assert outsider.post(f"/publishing/holds/{hold.public_id}/lift/", {}).status_code == 404
    assert (
        outsider.post(
            f"/publishing/holds/release/{post.public_id}/", {"action": "cancel"}
        ).status_code
        == 404
    )
    assert outsider.post(f"/publishing/media/{item.public_id}/", {"reason": "x"}).status_code == 404
    post.refresh_from_db()
    hold.refresh_from_db()
    item.refresh_from_db()
    assert (post.status, hold.status, item.withdrawn_at) == (P.SCHEDULED, "active", None)


def test_a_reader_who_may_not_decide_is_told_and_nothing_changes(
    pub: Pub, personas: Personas
) -> None:
    post = pub.submitted()
    response = personas.client_for(personas.officer).post(
        f"/publishing/{post.public_id}/", {"action": "decide", "decision": "approve"}
    )
    assert "There is a problem" in response.text
    assert "not an approver" in response.text
    post.refresh_from_db()
    assert post.status == P.AWAITING_APPROVAL
