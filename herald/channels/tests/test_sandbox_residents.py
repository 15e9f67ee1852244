"""Residents on the Sandbox over its HTTP API: a resident comments on the council's post and
writes to it directly; the council's account reads both from ``incoming`` after a cursor, and
messages stay off every timeline."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from herald.channels.sandbox import service

pytestmark = pytest.mark.django_db
API = "/api/v1/channels/sandbox/"


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_residents_comments_and_messages_are_served_as_incoming() -> None:
    council = service.ensure_account(handle="aldermoor-news", display_name="Aldermoor News")
    council_token = service.issue_tokens(council).access_token
    resident = service.ensure_account(handle="jo", display_name="Jo")
    resident_token = service.issue_tokens(resident).access_token
    post, _ = service.create_post(council, text="Bins resume Monday", idempotency_key="k")
    client = Client()
    comment = client.post(
        API + "jo/comments",
        json.dumps({"in_reply_to_id": str(post.public_id), "text": "Which streets first?"}),
        content_type="application/json",
        headers=_auth(resident_token),
    )
    message = client.post(
        API + "jo/messages",
        json.dumps({"to": "aldermoor-news", "text": "My bin was stolen"}),
        content_type="application/json",
        headers=_auth(resident_token),
    )
    assert (comment.status_code, message.status_code) == (200, 200)
    incoming = client.get(API + "aldermoor-news/incoming", headers=_auth(council_token)).json()
    assert [(i["kind"], i["text"]) for i in incoming["items"]] == [
        ("comment", "Which streets first?"),
        ("message", "My bin was stolen"),
    ]
    assert incoming["items"][0]["thread_id"] == str(post.public_id)
    after = client.get(
        API + "aldermoor-news/incoming",
        {"since": incoming["next_since"]},
        headers=_auth(council_token),
    ).json()
    assert after["items"] == []
    # The comment is shown under the council's post on its timeline; the message on no timeline.
    council_timeline = client.get("/channels/sandbox/aldermoor-news/").content.decode()
    assert "Which streets first?" in council_timeline
    assert "My bin was stolen" not in council_timeline
    assert "My bin was stolen" not in client.get("/channels/sandbox/jo/").content.decode()


def test_a_comment_on_no_post_and_an_empty_message_are_refused() -> None:
    resident = service.ensure_account(handle="jo", display_name="Jo")
    service.ensure_account(handle="aldermoor-news", display_name="Aldermoor News")
    token = service.issue_tokens(resident).access_token
    client = Client()
    missing = client.post(
        API + "jo/comments",
        json.dumps({"in_reply_to_id": "nope", "text": "x"}),
        content_type="application/json",
        headers=_auth(token),
    )
    empty = client.post(
        API + "jo/messages",
        json.dumps({"to": "aldermoor-news", "text": " "}),
        content_type="application/json",
        headers=_auth(token),
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
    assert (empty.status_code, empty.json()["code"]) == (422, "empty")
