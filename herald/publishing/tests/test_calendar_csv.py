"""The calendar as CSV: export (filters, one row per account, UK time, formula-safe) and import
(per-row problems with nothing created, posts grouped by date, time and title), and the two
management commands."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.publishing.calendar import csvio, services
from herald.publishing.calendar.selectors import Filters
from herald.publishing.calendar.testing import make_post
from herald.publishing.models import Post, PostVariant

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
NOW = datetime.datetime(2027, 3, 10, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def accounts(personas: Personas) -> list[SocialAccount]:
    service = personas.record_of(personas.officer).service
    assert service is not None
    return [
        make_account(council=personas.council, service=service, handle="WessexNews"),
        make_account(council=personas.council, service=service, handle="WessexReads"),
        make_account(
            council=personas.council, service=service, handle="WessexNews", network="facebook_page"
        ),
    ]


def _campaign(personas: Personas, name: str = "Spring clean"):  # type: ignore[no-untyped-def]
    return services.create_campaign(
        council=personas.council,
        details={
            "name": name,
            "description": "",
            "service": None,
            "starts_on": None,
            "ends_on": None,
            "is_consultation": False,
        },
        actor=SYSTEM,
    )


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_has_a_row_per_account_in_uk_time_and_is_formula_safe(
    personas: Personas, accounts: list[SocialAccount]
) -> None:
    campaign = _campaign(personas)
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=accounts[:2],
        at=datetime.datetime(2027, 4, 2, 8, 30, tzinfo=UTC),  # 09:30 British Summer Time
        title="=HYPERLINK(evil)",
        campaign=campaign,
    )
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=accounts[2:],
        at=datetime.datetime(2027, 5, 2, 8, 30, tzinfo=UTC),
        title="Later",
    )
    text = csvio.export_csv(
        council=personas.council, first=datetime.date(2027, 4, 1), last=datetime.date(2027, 4, 30)
    )
    rows = _rows(text)
    assert [r["account"] for r in rows] == ["WessexNews", "WessexReads"]
    assert rows[0]["date"] == "2027-04-02"
    assert rows[0]["time"] == "09:30"
    assert rows[0]["title"] == "'=HYPERLINK(evil)"
    assert rows[0]["campaign"] == "Spring clean"
    assert rows[0]["status"] == "scheduled"
    assert list(rows[0]) == csvio.EXPORT_COLUMNS
    filtered = csvio.export_csv(
        council=personas.council,
        first=datetime.date(2027, 4, 1),
        last=datetime.date(2027, 5, 31),
        filters=Filters(account=str(accounts[2].public_id)),
    )
    assert [r["title"] for r in _rows(filtered)] == ["Later"]


def test_import_reports_every_bad_row_and_creates_nothing(
    personas: Personas, accounts: list[SocialAccount]
) -> None:
    _campaign(personas)
    content = (
        b"Date,Time,Account,Title,Text,Link,Campaign,Network\n"
        b"2027-04-01,09:00,WessexReads,Good,Fine,,Spring clean,\n"
        b"2027-04-31,09:00,WessexReads,Bad date,Text,,,\n"
        b"2027-03-01,09:00,WessexReads,In the past,Text,,,\n"
        b"2027-04-01,25:00,Nobody,,,,Autumn,\n"
        b"2027-04-01,10:00,WessexNews,Ambiguous,Text,not a link,,\n"
    )
    result = csvio.import_calendar(
        council=personas.council,
        content=content,
        author=personas.digital_lead.user,
        actor=Actor(user=personas.digital_lead.user),
    )
    problems = {(e.row, e.column) for e in result.errors}
    assert problems == {
        (3, "date"),
        (4, "time"),
        (5, "time"),
        (5, "account"),
        (5, "title"),
        (5, "text"),
        (5, "campaign"),
        (6, "account"),
        (6, "link"),
    }
    assert not Post.objects.exists()
    assert not AuditEvent.objects.filter(action="publishing.calendar_imported").exists()


def test_import_groups_rows_into_posts_and_a_dry_run_creates_nothing(
    personas: Personas, accounts: list[SocialAccount]
) -> None:
    campaign = _campaign(personas)
    content = (
        b"date,time,account,network,title,text,link,campaign\n"
        b"2027-04-01,09:00,WessexReads,,Library week,For readers,https://example.org,Spring clean\n"
        b"01/04/2027,09:00,@WessexNews,facebook_page,Library week,For everyone,,Spring clean\n"
        b"2027-04-02,09:00,WessexNews,x,Other,Text,,\n"
    )
    lead = personas.digital_lead.user
    dry = csvio.import_calendar(
        council=personas.council, content=content, author=lead, actor=Actor(user=lead), dry_run=True
    )
    assert dry.errors == []
    assert len(dry.planned) == 2
    assert not Post.objects.exists()
    done = csvio.import_calendar(
        council=personas.council, content=content, author=lead, actor=Actor(user=lead)
    )
    assert done.summary() == {"rows": 3, "posts": 2, "created": 2, "errors": 0, "dry_run": False}
    library = Post.objects.get(title="Library week")
    assert library.status == Post.Status.DRAFT
    assert library.campaign == campaign
    assert sorted(library.variants.values_list("account__network", flat=True)) == [
        "facebook_page",
        "x",
    ]
    assert PostVariant.objects.get(post=library, account=accounts[1]).link == "https://example.org"
    assert library.status_changes.get().to_status == Post.Status.DRAFT
    assert AuditEvent.objects.filter(action="publishing.calendar_imported").count() == 1


def test_an_exported_calendar_reads_back_and_is_not_planned_twice(
    personas: Personas, accounts: list[SocialAccount]
) -> None:
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=accounts[1:],
        at=datetime.datetime(2027, 4, 2, 8, 30, tzinfo=UTC),
        title="Round trip",
    )
    text = csvio.export_csv(
        council=personas.council, first=datetime.date(2027, 4, 1), last=datetime.date(2027, 4, 30)
    )
    result = csvio.check_import(council=personas.council, content=text.encode())
    (planned,) = result.planned
    assert planned.title == "Round trip"
    assert len(planned.variants) == 2
    # Both rows are the same post to the same accounts: already planned, so nothing to create.
    assert [(e.row, e.column) for e in result.errors] == [(2, "title"), (3, "title")]
    Post.objects.filter(title="Round trip").update(status=Post.Status.WITHDRAWN)
    assert csvio.check_import(council=personas.council, content=text.encode()).errors == []


def test_the_commands_export_and_import(
    personas: Personas, accounts: list[SocialAccount], tmp_path: Path
) -> None:
    make_post(
        council=personas.council,
        author=personas.digital_lead.user,
        accounts=accounts[1:2],
        at=datetime.datetime(2027, 3, 20, 9, tzinfo=UTC),
        title="Exported",
    )
    out = io.StringIO()
    call_command("calendar_export", "--council", "wessex", "--from", "2027-03-01", stdout=out)
    assert [r["title"] for r in _rows(out.getvalue())] == ["Exported"]
    with pytest.raises(CommandError):
        call_command("calendar_export", "--council", "nowhere", stdout=io.StringIO())

    plan = tmp_path / "plan.csv"
    plan.write_text("date,time,account,title,text\n2027-03-21,10:00,WessexReads,New,Text\n")
    out = io.StringIO()
    call_command("calendar_import", str(plan), "--council", "wessex", "--dry-run", stdout=out)
    assert json.loads(out.getvalue().splitlines()[-1])["dry_run"] is True
    assert not Post.objects.filter(title="New").exists()
    out = io.StringIO()
    call_command("calendar_import", str(plan), "--council", "wessex", stdout=out)
    assert json.loads(out.getvalue().splitlines()[-1])["created"] == 1
    assert Post.objects.get(title="New").author == personas.digital_lead.user

    plan.write_text("date,time,account,title,text\nsoon,10:00,WessexReads,Bad,Text\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("calendar_import", str(plan), "--council", "wessex", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0] == {
        "error": {"row": 2, "column": "date", "message": lines[0]["error"]["message"]}
    }
    assert lines[-1]["created"] == 0
    assert not Post.objects.filter(title="Bad").exists()
