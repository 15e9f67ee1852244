"""Saved responses per service: made, changed and archived (never deleted), offered per service."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.audit.services import Actor
from herald.core.testing import ServiceFactory
from herald.inbox.replies import saved, selectors
from herald.inbox.replies.errors import InvalidReply

pytestmark = pytest.mark.django_db


def test_saved_responses_are_offered_for_their_service_and_council_wide(
    personas: Personas,
) -> None:
    actor = Actor(user=personas.digital_lead.user)
    libraries = personas.council.services.get(slug="libraries")
    waste = ServiceFactory(council=personas.council, name="Waste", slug="waste")
    general = saved.create_saved_response(
        council=personas.council, service=None, title="Thanks", text="Thanks.", actor=actor
    )
    books = saved.create_saved_response(
        council=personas.council, service=libraries, title="Renewals", text="Renew.", actor=actor
    )
    saved.create_saved_response(
        council=personas.council, service=waste, title="Bins", text="Bins.", actor=actor
    )
    offered = selectors.saved_responses(council=personas.council, service_id=libraries.pk)
    assert list(offered) == [books, general]
    saved.archive_saved_response(saved=books, actor=actor)
    assert list(selectors.saved_responses(council=personas.council, service_id=libraries.pk)) == [
        general
    ]
    assert books.pk in {
        s.pk for s in selectors.saved_responses(council=personas.council, archived=True)
    }


def test_a_saved_response_needs_a_title_and_text_and_a_service_of_this_council(
    personas: Personas,
) -> None:
    actor = Actor(user=personas.digital_lead.user)
    with pytest.raises(InvalidReply, match="Enter a title"):
        saved.create_saved_response(
            council=personas.council, service=None, title=" ", text="x", actor=actor
        )
    elsewhere = ServiceFactory(council=personas.other_council, name="Parks", slug="parks")
    with pytest.raises(InvalidReply, match="not in this council"):
        saved.create_saved_response(
            council=personas.council, service=elsewhere, title="t", text="x", actor=actor
        )
