"""Imports of other tools' exports (a report per row, bad rows skipped, the rest go on) and
Meta's webhooks (signed deliveries stored, bad signatures and bodies refused and logged)."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import Personas
from herald.channels.models import ChannelConnection
from herald.core.testing import ServiceFactory
from herald.estate.testing import make_account
from herald.listening.models import Mention, Source
from herald.listening.tests.ingest.conftest import make_source

pytestmark = pytest.mark.django_db

CSV = """id,text,created_at,author,likes
t1,Bins missed on Elm Road again,2026-11-30T08:00:00Z,@jo,4
t2,<b>Great</b> library event,2026-11-30T09:00:00+00:00,@sam,1
t3,no date here,,@kim,0
t1,Bins missed on Elm Road again,2026-11-30T08:00:00Z,@jo,4
"""


def run_import(
    tmp_path: Path, name: str, content: str, personas: Personas
) -> list[dict[str, object]]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "listening_import",
        str(path),
        council=personas.council.slug,
        source="Brandwatch export",
        stdout=out,
    )
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_csv_import_reports_each_row(tmp_path: Path, personas: Personas) -> None:
    lines = run_import(tmp_path, "export.csv", CSV, personas)
    assert [line.get("status") for line in lines[:4]] == [
        "imported",
        "imported",
        "skipped",
        "already_known",
    ]
    assert lines[2]["reason"] == "The row needs an id, a text and a date"
    assert lines[-1] == {
        "summary": True,
        "source": "Brandwatch export",
        "imported": 2,
        "skipped": 1,
        "already_known": 1,
    }
    assert Mention.objects.get(remote_id="t2").text == "Great library event"
    assert Source.objects.get(name="Brandwatch export").kind == "import"
    again = run_import(tmp_path, "export.csv", CSV, personas)
    assert again[-1]["already_known"] == 3  # idempotent: the same file twice adds nothing


def test_json_lines_with_an_invalid_line_go_on(tmp_path: Path, personas: Personas) -> None:
    content = "\n".join(
        [
            json.dumps({"id": "j1", "text": "Potholes everywhere", "date": "2026-11-29T10:00:00Z"}),
            "{not json",
            json.dumps({"id": "j2", "text": "Thanks for the gritting", "date": 1764400000}),
        ]
    )
    lines = run_import(tmp_path, "export.jsonl", content, personas)
    assert [line.get("status") for line in lines[:3]] == ["imported", "skipped", "imported"]
    assert lines[1]["reason"] == "The row is not an object with named fields"


def test_an_unknown_council_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(CSV)
    with pytest.raises(CommandError, match="No council with the slug 'nowhere'"):
        call_command("listening_import", str(path), council="nowhere", source="X")


# -- Meta webhooks -------------------------------------------------------------------------------
SECRET = "webhook-app-secret"


@pytest.fixture
def page_source(personas: Personas, settings: object) -> Source:
    settings.HERALD_META_APP_SECRET = SECRET  # type: ignore[attr-defined]
    settings.HERALD_META_WEBHOOK_VERIFY_TOKEN = "verify-me"  # type: ignore[attr-defined]
    account = make_account(
        council=personas.council,
        network="facebook_page",
        service=ServiceFactory(council=personas.council),
        handle="aldermoorcc",
    )
    connection = ChannelConnection.objects.create(
        council=personas.council,
        account=account,
        network="facebook_page",
        external_id="104729853012345",
        base_url="https://graph.facebook.com",
        credentials={"page_access_token": "t"},  # type: ignore[misc]
    )
    return make_source(
        personas, "own_comments", name="Facebook comments", config={}, connection=connection
    )


def _delivery(comment_id: str = "122100_900") -> bytes:
    value = {
        "from": {"id": "2591", "name": "Jo Resident"},
        "item": "comment",
        "comment_id": comment_id,
        "post_id": "104729853012345_122100",
        "parent_id": "104729853012345_122100",
        "verb": "add",
        "created_time": 1764496800,
        "message": "When will the bins be collected?",
    }
    entry = {
        "id": "104729853012345",
        "time": 1764496801,
        "changes": [{"field": "feed", "value": value}],
    }
    return json.dumps({"object": "page", "entry": [entry]}).encode()


def _signed(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_signed_comment_is_stored_once(page_source: Source) -> None:
    client, body = Client(), _delivery()
    for _ in range(2):  # Meta retries deliveries: stored once all the same
        response = client.post(
            "/listening/webhooks/meta/",
            body,
            content_type="application/json",
            headers={"X-Hub-Signature-256": _signed(body)},
        )
        assert response.status_code == 200
    mention = Mention.objects.get()
    assert (mention.network, mention.kind, mention.source_id) == (
        "facebook_page",
        "comment",
        page_source.pk,
    )
    assert mention.author_name == "Jo Resident"


@pytest.mark.parametrize(
    "case",
    [
        (_delivery(), "", 403, "The X-Hub-Signature-256 header is missing"),
        (_delivery(), _signed(_delivery(), "wrong"), 403, "The signature does not match"),
        (b"{not json", _signed(b"{not json"), 400, "The body is not JSON"),
        (b'{"object": "user"}', _signed(b'{"object": "user"}'), 400, "not a Page or Instagram"),
    ],
)
def test_bad_deliveries_are_refused_with_a_logged_reason(
    page_source: Source, caplog: pytest.LogCaptureFixture, case: tuple[bytes, str, int, str]
) -> None:
    body, signature, status, reason = case
    headers = {"X-Hub-Signature-256": signature} if signature else {}
    with caplog.at_level(logging.WARNING, logger="herald.listening.ingest.webhooks"):
        response = Client().post(
            "/listening/webhooks/meta/", body, content_type="application/json", headers=headers
        )
    assert response.status_code == status
    assert reason in response.json()["error"]
    assert reason in caplog.text
    assert not Mention.objects.exists()


def test_the_subscription_handshake(page_source: Source) -> None:
    ok = Client().get(
        "/listening/webhooks/meta/",
        {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "42"},
    )
    assert ok.content == b"42"
    refused = Client().get(
        "/listening/webhooks/meta/",
        {"hub.mode": "subscribe", "hub.verify_token": "no", "hub.challenge": "42"},
    )
    assert refused.status_code == 403
