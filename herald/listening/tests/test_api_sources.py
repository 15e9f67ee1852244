"""The sources API: status, polling and the capture gaps still open, the council's own only."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.api.testing import api_client
from herald.councils.roles import Role
from herald.listening.models import CaptureGap
from herald.listening.tests.insight.support import make_source

pytestmark = pytest.mark.django_db
API = "/api/v1/listening/sources/"


def test_sources_show_status_last_poll_and_only_open_gaps(personas: Personas) -> None:
    now = timezone.now()
    failing = make_source(personas.council, "Wessex news", "rss")
    failing.status, failing.last_polled_at = "failing", now - datetime.timedelta(hours=3)
    failing.save()
    CaptureGap.objects.create(
        source=failing,
        started_at=now - datetime.timedelta(days=3),
        ended_at=now - datetime.timedelta(days=2),
        reason="Over",
    )
    CaptureGap.objects.create(
        source=failing, started_at=now - datetime.timedelta(hours=3), reason="The feed gave 503"
    )
    make_source(personas.council, "Mastodon search")
    make_source(personas.other_council, "Their feed")
    body = api_client(personas.officer, Role.ACCOUNT_OWNER).get(API).json()
    assert body["count"] == 2
    listed = {s["name"]: s for s in body["results"]}
    assert set(listed) == {"Wessex news", "Mastodon search"}
    news = listed["Wessex news"]
    assert news["id"] == str(failing.public_id)
    assert (news["kind"], news["status"]) == ("rss", "failing")
    assert datetime.datetime.fromisoformat(news["last_polled_at"]) == failing.last_polled_at
    assert [gap["reason"] for gap in news["open_gaps"]] == ["The feed gave 503"]
    assert listed["Mastodon search"]["open_gaps"] == []
    assert listed["Mastodon search"]["last_polled_at"] is None


def test_other_councils_and_roles_see_none_of_them(personas: Personas) -> None:
    make_source(personas.council)
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN).get(API)
    assert outsider.json()["count"] == 0
    refused = api_client(personas.editor, Role.EDITOR).get(API)
    assert refused.status_code == 403
    assert refused.json()["code"] == "role_not_allowed"
