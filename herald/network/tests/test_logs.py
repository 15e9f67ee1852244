from __future__ import annotations

import datetime
import gzip
import json
from io import StringIO
from pathlib import Path
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from herald.core.testing import make_member
from herald.network import logparse
from herald.network.ingest import purge_old_rows
from herald.network.models import LogSource, NetworkAlert, ProxyRequest
from herald.network.review import quarterly_review
from herald.network.tests.conftest import Setup

DAY = 1_796_342_400  # a Monday, midnight UTC


def native(  # noqa: PLR0917 - one log line's fields, in the log's order
    ts: float, client: str, user: str, host: str, size: int, denied: bool = False
) -> str:
    code = "TCP_DENIED/403" if denied else "TCP_MISS/200"
    return f"{ts:.3f}    120 {client} {code} {size} GET http://{host}/p {user} HIER_DIRECT/1.2.3.4 text/html\n"


def _lines(count: int, start: float = DAY, step: float = 37.0) -> list[str]:
    hosts = ["www.facebook.com", "news.bbc.co.uk", "www.bet365.com", "example.org"]
    users = ["ann.reader", "sam.okafor", "-"]
    return [
        native(
            start + i * step,
            f"10.0.0.{i % 5}",
            users[i % 3],
            hosts[i % 4],
            100 + i,
            denied=hosts[i % 4] == "www.bet365.com",
        )
        for i in range(count)
    ]


def test_the_fast_path_and_the_careful_path_agree(tmp_path: Path) -> None:
    lines = _lines(5000)  # crosses two midnights
    clean = tmp_path / "clean.log"
    clean.write_text("".join(lines))
    corrupt = tmp_path / "corrupt.log"
    corrupt.write_text("".join(lines[:100]) + "garbage line\n" + "".join(lines[100:]))
    fast = logparse.aggregate_file(str(clean), workers=2)
    careful = logparse.aggregate_file(str(corrupt))
    assert fast.lines == 5000
    assert fast.bad_lines == 0
    assert careful.lines == 5001
    assert careful.bad_lines == 1
    assert fast.hosts == careful.hosts
    assert fast.clients == careful.clients
    assert {day for day, _, _ in fast.hosts} == {20791, 20792, 20793}
    assert fast.hosts[20791, "www.bet365.com", True][0] > 0


def test_common_and_combined_logs_and_gzip_are_read(tmp_path: Path) -> None:
    path = tmp_path / "common.log.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(
            '10.0.0.1 - ann [07/Dec/2026:10:00:00 +0000] "GET http://www.bbc.co.uk/news HTTP/1.1" 200 500 "-" "UA"\n'
            '10.0.0.2 - - [07/Dec/2026:10:00:01 +0000] "CONNECT www.bet365.com:443 HTTP/1.1" 403 0\n'
            "rubbish\n"
        )
    agg = logparse.aggregate_file(str(path))
    assert agg.files[0].format == "common"
    assert (agg.lines, agg.bad_lines) == (3, 1)
    hosts = {host: denied for (_, host, denied) in agg.hosts}
    assert hosts == {"www.bbc.co.uk": False, "www.bet365.com": True}


def test_proxy_report_prints_json_per_file_with_bad_input_counted(
    setup: Setup, tmp_path: Path
) -> None:
    good = tmp_path / "access.log"
    good.write_text("".join(_lines(200)))
    truncated = tmp_path / "old.log.gz"
    truncated.write_bytes(gzip.compress("".join(_lines(3000)).encode())[:-200])
    unknown = tmp_path / "other.txt"
    unknown.write_text("this is not a log\n")
    out = StringIO()
    call_command("proxy_report", str(good), str(truncated), str(unknown), stdout=out)
    report = json.loads(out.getvalue())
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert files["access.log"]["lines"] == 200
    assert "truncated" in files["old.log.gz"]["error"]
    assert files["old.log.gz"]["lines"] > 2000
    assert files["other.txt"]["error"] == "Unknown log format"
    assert report["by_category"]["Gambling"]
    assert report["blocked_by_category"]["Gambling"] > 0
    assert "Libraries" in report["by_service"]  # ann.reader works in Libraries
    assert ProxyRequest.objects.count() == 0  # stores nothing


def test_ingest_resumes_where_it_stopped_and_follows_rotation(setup: Setup, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    lines = _lines(300)
    log.write_text("".join(lines[:100]) + lines[100][:30])  # the last line is half written
    call_command("proxy_ingest", str(log), stdout=StringIO())
    assert ProxyRequest.objects.count() == 100
    with log.open("a") as handle:
        handle.write(lines[100][30:] + "".join(lines[101:200]) + "broken\n")
    out = StringIO()
    call_command("proxy_ingest", str(log), stdout=out)
    result = json.loads(out.getvalue().splitlines()[0])
    assert result["bad_lines"] == 1
    assert result["resumed_from"] > 0
    assert ProxyRequest.objects.count() == 200
    # Rotation: the old file moves (and is compressed); a new one starts.
    log.rename(tmp_path / "access.log.1")
    log.write_text("".join(lines[200:]))
    call_command("proxy_ingest", str(log), str(tmp_path / "access.log.1"), stdout=StringIO())
    assert ProxyRequest.objects.count() == 300
    assert LogSource.objects.count() == 2
    # Privacy by default: allowed categories keep the service but not the person.
    social = ProxyRequest.objects.filter(domain="www.facebook.com")
    assert not social.exclude(username="").exists()
    assert social.filter(service=setup.libraries).exists()
    blocked = ProxyRequest.objects.filter(blocked=True, username="sam.okafor")
    assert blocked.filter(staff_member=setup.officer).exists()


def test_repeated_blocked_attempts_and_spikes_alert_ict_and_old_rows_are_purged(
    setup: Setup, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    ict = make_member(council=setup.council, username="ict", roles=("ict",))
    make_member(council=setup.council, username="boss", roles=("hr",))
    lines = [
        native(DAY + 36000 + i, "10.0.0.7", "sam.okafor", "www.bet365.com", 10, True)
        for i in range(25)
    ]
    lines += [
        native(DAY - d * 86400 + 40000, "10.0.0.8", "-", "example.org", 1_000_000)
        for d in range(1, 6)
    ]
    lines.append(native(DAY + 40000, "10.0.0.8", "-", "example.org", 900_000_000))
    log = tmp_path / "access.log"
    log.write_text("".join(sorted(lines)))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("proxy_ingest", str(log), stdout=StringIO())
    kinds = sorted(NetworkAlert.objects.values_list("kind", "client"))
    assert kinds == [("bandwidth_spike", "10.0.0.8"), ("blocked_repeats", "sam.okafor")]
    # ICT is told by email; the officer's line manager is not.
    assert [message.to for message in mail.outbox] == [[ict.user.email]]
    assert "Repeated blocked attempts" in mail.outbox[0].body
    day = datetime.date(2026, 12, 7)
    review = quarterly_review(council=setup.council, today=day)
    gambling = next(u for u in review.categories if u.category.slug == "gambling")
    assert (gambling.requests, gambling.blocked) == (25, 25)
    later = quarterly_review(council=setup.council, today=day + datetime.timedelta(days=200))
    assert all(use.requests == 0 for use in later.categories)


def test_retention_keeps_recent_rows(setup: Setup, tmp_path: Path) -> None:
    now = timezone.now().timestamp()
    lines = [
        native(now - 100 * 86400, "10.0.0.1", "-", "x.example.org", 1),
        native(now - 10 * 86400, "10.0.0.1", "-", "x.example.org", 1),
    ]
    log = tmp_path / "access.log"
    log.write_text("".join(lines))
    call_command("proxy_ingest", str(log), stdout=StringIO())
    assert purge_old_rows(council=setup.council, today=datetime.date.today()) == 1
    assert ProxyRequest.objects.count() == 1


def test_network_squid_config_writes_the_files(setup: Setup, tmp_path: Path) -> None:
    out = StringIO()
    call_command("network_squid_config", "--out", str(tmp_path), stdout=out)
    conf = (tmp_path / "herald-policy.conf").read_text()
    assert "http_access deny herald_gambling" in conf
    assert "facebook" not in conf  # social is open: no rule at all
    assert (tmp_path / "gambling.txt").read_text() == ".bet365.com\n.williamhill.com\n"
    helper = (tmp_path / "herald-helper.conf").read_text()
    assert "external_acl_type herald_policy" in helper
    assert "concurrency=" in helper
    assert json.loads((tmp_path / "policy.json").read_text())["domains"]["bet365.com"] == "gambling"


def test_the_review_and_snapshot_commands(setup: Setup, tmp_path: Path) -> None:
    out = StringIO()
    call_command("network_review", stdout=out)
    review = json.loads(out.getvalue())
    assert {c["category"] for c in review["categories"]} >= {"Gambling", "Social networking"}
    assert review["expiring"] == []
    snapshot = tmp_path / "policy.json"
    call_command("network_acl_helper", str(snapshot), "--write")
    assert json.loads(snapshot.read_text())["domains"]["facebook.com"] == "social"
