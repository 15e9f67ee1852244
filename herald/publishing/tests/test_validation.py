"""Checks before scheduling: each network's limits, alt text, captions, rights and consent."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from herald.publishing import services
from herald.publishing.models import MediaItem
from herald.publishing.services.validation import post_problems
from herald.publishing.tests.pubflow import Pub, actor, connected_account, image, later, pub

pytestmark = pytest.mark.django_db
__all__ = ["pub"]


def codes(pub: Pub, **kwargs: Any) -> set[str]:
    post = pub.draft(**kwargs)
    return {p.code for p in post_problems(post, scheduling=True)}


def test_a_good_post_has_no_problems(pub: Pub) -> None:
    assert codes(pub, when=later()) == set()


def test_text_longer_than_the_network_allows(pub: Pub) -> None:
    assert "text_too_long" in codes(pub, text="a" * 1001, when=later())


def test_a_time_in_the_past_and_no_time(pub: Pub) -> None:
    assert "time_in_past" in codes(pub, when=timezone.now() - datetime.timedelta(hours=1))
    assert "no_time" in codes(pub)


def test_an_expired_or_disconnected_account(pub: Pub) -> None:
    service = pub.accounts[0].service
    expired = connected_account(council=pub.council, service=service, status="expired")
    post = pub.draft(accounts=[expired], when=later())
    messages = [p.message for p in post_problems(post, scheduling=True)]
    assert any("credentials have expired" in m for m in messages)
    assert not post_problems(post, scheduling=False)


def test_images_need_alt_text_consent_and_a_current_licence(pub: Pub) -> None:
    user = pub.personas.editor.user
    photo = image(pub.council, user)
    people = image(pub.council, user, shows_people=True, consent_reference="CF-1")
    MediaItem.objects.filter(pk=people.pk).update(consent_reference="")
    expiring = image(
        pub.council, user, expires_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    uses = (
        services.MediaUse(item=photo, alt_text=""),
        services.MediaUse(item=people, alt_text="Two people"),
        services.MediaUse(item=expiring, alt_text="A view"),
    )
    found = codes(pub, media=uses, when=later(24 * 5))
    assert {"missing_alt_text", "no_consent", "media_expired"} <= found


def test_too_many_images_for_the_sandbox_and_a_withdrawn_item(pub: Pub) -> None:
    user = pub.personas.editor.user
    photos = [image(pub.council, user) for _ in range(4)]
    post = pub.draft(
        media=tuple(services.MediaUse(item=p, alt_text="A photo") for p in photos), when=later()
    )
    services.withdraw_media(
        item=photos[0], reason="Consent withdrawn", actor=actor(pub.personas.editor)
    )
    found = {p.code for p in post_problems(post, scheduling=True)}
    assert "media_withdrawn" in found


def test_a_video_needs_captions(pub: Pub) -> None:
    user = pub.personas.editor.user
    video = services.upload_media(
        council=pub.council,
        file=SimpleUploadedFile("clip.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 100),
        details=services.MediaDetails(source="Comms team", licence="Council owned"),
        uploaded_by=user,
        actor=actor(pub.personas.editor),
    )
    assert (video.kind, video.content_type) == ("video", "video/mp4")
    found = codes(pub, media=(services.MediaUse(item=video),), when=later())
    assert "missing_captions" in found
    captions = services.upload_media(
        council=pub.council,
        file=SimpleUploadedFile("clip.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"),
        details=services.MediaDetails(source="Comms team", licence="Council owned"),
        uploaded_by=user,
        actor=actor(pub.personas.editor),
    )
    services.attach_captions(item=video, captions=captions, actor=actor(pub.personas.editor))
    assert "missing_captions" not in codes(
        pub, media=(services.MediaUse(item=video),), when=later()
    )
