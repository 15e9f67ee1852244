"""The media library: type from content, rights recorded, withdrawn never deleted."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.publishing import services
from herald.publishing.models import MediaItem
from herald.publishing.services.errors import InvalidMedia, InvalidPost
from herald.publishing.tests.pubflow import Pub, actor, image, png, pub

pytestmark = pytest.mark.django_db
__all__ = ["pub"]


def upload(personas: Personas, name: str, content: bytes, **details: object) -> MediaItem:
    fields: dict[str, object] = {"source": "Comms", "licence": "Council owned"} | details
    return services.upload_media(
        council=personas.council,
        file=SimpleUploadedFile(name, content),
        details=services.MediaDetails(**fields),  # type: ignore[arg-type]
        uploaded_by=personas.editor.user,
        actor=actor(personas.editor),
    )


def test_an_image_is_recorded_with_its_size_and_hash(personas: Personas) -> None:
    item = upload(personas, "park.png", png(3, 5), alt_text="The park")
    assert (item.kind, item.content_type, item.width, item.height) == ("image", "image/png", 3, 5)
    assert len(item.sha256) == 64
    assert item.size_bytes == len(png(3, 5))
    assert AuditEvent.objects.filter(action="publishing.media_uploaded").count() == 1


def test_the_type_comes_from_the_content_not_the_name(personas: Personas) -> None:
    with pytest.raises(InvalidMedia) as refused:
        upload(personas, "photo.jpg", b"MZ\x90\x00 not an image at all")
    assert refused.value.field == "file"
    assert not MediaItem.objects.exists()


def test_people_need_a_consent_reference(personas: Personas) -> None:
    with pytest.raises(InvalidMedia) as refused:
        upload(personas, "crowd.png", png(), shows_people=True)
    assert refused.value.field == "consent_reference"
    assert upload(personas, "crowd.png", png(), shows_people=True, consent_reference="CF-22")


def test_source_and_licence_are_required(personas: Personas) -> None:
    with pytest.raises(InvalidMedia):
        upload(personas, "x.png", png(), source=" ")
    with pytest.raises(InvalidMedia):
        upload(personas, "x.png", png(), licence="")


def test_withdrawn_media_stays_but_cannot_be_chosen(pub: Pub) -> None:
    item = image(pub.council, pub.personas.editor.user)
    services.withdraw_media(item=item, reason="Licence ended", actor=actor(pub.personas.editor))
    item.refresh_from_db()
    assert item.withdrawn_at is not None
    assert MediaItem.objects.filter(pk=item.pk).exists()
    with pytest.raises(InvalidMedia):
        services.withdraw_media(item=item, reason="Again", actor=actor(pub.personas.editor))
    with pytest.raises(InvalidPost) as refused:
        pub.draft(media=(services.MediaUse(item=item, alt_text="x"),))
    assert refused.value.code == "media_withdrawn"
