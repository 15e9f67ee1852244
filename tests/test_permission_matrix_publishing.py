"""Role × page matrix for publishing (posts, approvals, holds, the media library), written out by
hand, with the other council's outsider. A 404 is "not yours to know about": another council's
post or media item, or a post someone may read but not change."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.publishing.tests.pubflow import Pub, image, pub

pytestmark = pytest.mark.django_db
__all__ = ["pub"]

OK, NO, GONE = 200, 403, 404


@dataclass
class Objects:
    post: str
    media: str


@pytest.fixture
def objects(pub: Pub, personas: Personas) -> Objects:
    post = pub.draft(by=personas.editor)
    item = image(pub.council, personas.editor.user)
    return Objects(str(post.public_id), str(item.public_id))


PAGES = [
    "/publishing/",
    "/publishing/new/",
    "/publishing/approvals/",
    "/publishing/holds/",
    "/publishing/media/",
    "/publishing/media/upload/",
    "/publishing/media/{media}/",
    "/publishing/{post}/",
    "/publishing/{post}/preview/",
    "/publishing/{post}/edit/",
]

# Readers who cannot draft or approve: see posts, holds and media; no composer, no queue.
_NONE = [NO] * 10
MATRIX = {
    # The editor wrote the post.
    "editor": [OK, OK, NO, OK, OK, OK, OK, OK, OK, OK],
    # Account owners draft for their own accounts; they may read but not change others' posts.
    "officer": [OK, OK, NO, OK, OK, OK, OK, OK, OK, GONE],
    "approver": [OK, NO, OK, OK, OK, OK, OK, OK, OK, NO],
    "digital_lead": [OK] * 10,
    "admin": [OK, NO, NO, OK, OK, OK, OK, OK, OK, NO],
    "staff": _NONE,
    "ict": _NONE,
    "hr": _NONE,
    "line_manager": _NONE,
    "ambassador": _NONE,
    "committee": _NONE,
    # An administrator of the other council: their own (empty) lists, none of ours.
    "outsider": [OK, NO, NO, OK, OK, OK, GONE, GONE, GONE, NO],
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_publishing_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    pages = [page.format(**vars(objects)) for page in PAGES]
    got = [client.get(page).status_code for page in pages]
    assert dict(zip(PAGES, got, strict=True)) == dict(zip(PAGES, MATRIX[persona], strict=True))


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    from django.test import Client  # noqa: PLC0415

    client = Client()
    for page in PAGES:
        response = client.get(page.format(**vars(objects)))
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in/")


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_navigation_offers_only_publishing_pages_the_role_can_open(
    personas: Personas, persona: str
) -> None:
    html = personas.client_for(getattr(personas, persona)).get("/").text
    for page, expected in zip(PAGES[:5], MATRIX[persona][:5], strict=True):
        if page == "/publishing/new/":
            continue
        linked = f'href="{page}"' in html
        assert linked == (expected == OK), f"{persona}: link to {page} is {linked}"
