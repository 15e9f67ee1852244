"""The compiled (polars) path for plain native logs counts exactly what the Python path counts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from herald.network import logparse

DAY = 1_796_342_400  # a Monday, midnight UTC

URLS = [
    "http://www.bbc.co.uk/news/uk-1234",
    "http://WWW.Facebook.COM/photo.php?id=9",
    "https://secure.example.org:443/login",
    "www.bet365.com:443",  # CONNECT
    "Mail.Google.com:443",
    "ftp://anonymous@ftp.example.net/pub/file.tar.gz",
    "http://ann:secret@intranet.council.gov.uk:8080/hr/",
    "http://[::1]:3128/squid-internal-mgr/info",
    "[2001:db8::7]:443",
    "http://[2001:DB8::1]/",
    "http://host.example.com?q=1&r=http://other.example.com/",
    "http://bücher.example/katalog",  # not ASCII
    "HTTPS://UPPER.EXAMPLE.COM/INDEX.HTML",
    "http:///no-host",
    "cache_object://localhost/info",
    "git+ssh://git@code.example.com:22/repo.git",
    "HTTP://double.example//slashes/",
    "plain.example/a://b.example/c",  # "://" after the first "/"
    "ab:///c",
    "x:/y/z",
    "https://münchen.example:8443/pfad/ä",
]
USERS = ["-", "ann.reader", "Sam.Okafor", "%41nn%20Reader", "DOMAIN%5cbob", "zoë", "-"]
CODES = ["TCP_MISS/200", "TCP_TUNNEL/200", "TCP_DENIED/403", "TCP_DENIED_REPLY/403", "NONE/000"]
CLIENTS = ["10.0.0.1", "10.0.0.2", "192.168.7.20", "2001:db8::20", "fe80::1%eth0"]

# Lines NATIVE_RE refuses: each must be counted as a bad line, never as a request.
CORRUPT = [
    "garbage line",
    "1796342400.123",
    "12345.000    12 10.0.0.1 TCP_MISS/200 100 GET http://short.example/ - HIER_NONE/- -",
    "1796342400.123    12 10.0.0.1 tcp_miss/200 100 GET http://lower.example/ - HIER_NONE/- -",
    "1796342400.123    12 10.0.0.1  TCP_MISS/200 100 GET http://two-spaces.example/ - H/- -",
    "1796342400.123\t12 10.0.0.1 TCP_MISS/200 100 GET http://tab.example/ - HIER_NONE/- -",
    "1796342400.123    12 10.0.0.1 TCP_MISS/2000 100 GET http://status.example/ - H/- -",
    "1796342400.123    12 10.0.0.1 TCP_MISS/200 -5 GET http://size.example/ - HIER_NONE/- -",
    "1796342400.123    12 10.0.0.1 TCP_MISS/200 100 GET http://no-user.example/",
    "1796342400.123    12 10.0.0.1 TCP_MISS/200 100 GET :443 - HIER_NONE/- -",
    "1796342400.123    12 10.0.0.1 TCP_MISS/200 100 GET /relative/path - HIER_NONE/- -",
    " 1796342400.123    12 10.0.0.1 TCP_MISS/200 100 GET http://indent.example/ - H/- -",
    "1796342400.123    12 10.0.0.1 TCP_MISS/200 100 GET http://url\twith-tab/ - H/- -",
    "\u00a0",  # Unicode's white space, not ASCII's: a line (bad), not a blank one
    " \x1c ",  # a control character Python's str (not bytes) calls white space
]
# Lines NATIVE_RE accepts although they look odd; and blank lines, which are not counted at all.
ODD_BUT_GOOD = [
    "1796342400.5 -1 10.0.0.9 TCP_MISS/200 7 GET http://negative-elapsed.example/ odd H/- -",
    "1796342400.123 5 10.0.0.9 TCP_MISS/200 7 GET http://ends-at-user.example/ Last.User",
    "1796342400.123 5 10.0.0.9 TCP_MISS/200 7 GET http://crlf.example/ crlf.user\r",
    "1796342400.123 5 10.0.0.9 TCP_MISS/200 7 GET http://tab-after-user.example/ tab.user\tH/- -",
    "1796342400.123 5 10.0.0.9 TCP_MISS/200 7 GET http://spaces-after.example/ user   H/- -",
]
BLANK = ["", "   ", "\t", "\r", " \x0b\x0c "]


def _line(rng: random.Random, at: float) -> str:
    return (
        f"{at:.3f} {rng.randrange(0, 99999):>6} {rng.choice(CLIENTS)} {rng.choice(CODES)} "
        f"{rng.randrange(0, 2_000_000)} {rng.choice(['GET', 'POST', 'CONNECT'])} "
        f"{rng.choice(URLS)} {rng.choice(USERS)} HIER_DIRECT/192.0.2.1 text/html"
    )


def _log(seed: int, count: int, *, damaged: bool) -> str:
    """``count`` requests over four days (midnights inside), in order, with odd input mixed in."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    lines = [_line(rng, DAY - 3600 + i * (4 * 86400 / count)) for i in range(count)]
    if damaged:
        for odd in CORRUPT + ODD_BUT_GOOD + BLANK:
            lines.insert(rng.randrange(1, len(lines)), odd)
    return "\n".join(lines) + ("\n" if seed % 2 else "")  # with and without a last line end


def _same(compiled: logparse.Aggregate, python: logparse.Aggregate) -> None:
    assert compiled.hosts == python.hosts
    assert compiled.clients == python.clients
    assert (compiled.lines, compiled.bad_lines) == (python.lines, python.bad_lines)
    assert compiled.files[0].format == python.files[0].format == logparse.NATIVE


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_compiled_path_counts_what_the_python_path_counts(tmp_path: Path, seed: int) -> None:
    clean = tmp_path / "clean.log"
    clean.write_text(_log(seed, 3000, damaged=False), encoding="utf-8")
    damaged = tmp_path / "damaged.log"
    damaged.write_text(_log(seed, 3000, damaged=True), encoding="utf-8", newline="")
    for path, bad in ((clean, 0), (damaged, len(CORRUPT))):
        compiled = logparse.aggregate_native_compiled(str(path), workers=2)
        assert compiled is not None  # polars is installed: the compiled path must have run
        assert compiled.bad_lines == bad
        _same(compiled, logparse.aggregate_file(str(path), workers=1, compiled=False))
        _same(compiled, logparse.aggregate_file(str(path), workers=2, compiled=False))
    python = logparse.aggregate_file(str(damaged), compiled=False)
    assert python.lines == 3000 + len(CORRUPT) + len(ODD_BUT_GOOD)
    assert {day for day, _, _ in python.hosts} == {20790, 20791, 20792, 20793, 20794}
    hosts = {host for _, host, _ in python.hosts}
    assert {"www.facebook.com", "secure.example.org", "ftp.example.net", "bücher.example"} <= (
        hosts
    )
    users = {user for _, user, _, _ in python.clients}
    assert {"", "sam.okafor", "%41nn%20reader", "zoë", "crlf.user", "tab.user"} <= users


def test_aggregate_file_takes_the_compiled_path_for_plain_native_logs(tmp_path: Path) -> None:
    path = tmp_path / "access.log"
    path.write_text(_log(4, 500, damaged=True), encoding="utf-8")
    compiled = logparse.aggregate_native_compiled(str(path))
    assert compiled is not None
    _same(logparse.aggregate_file(str(path), workers=2), compiled)


def test_a_log_that_is_not_utf8_falls_back_to_the_python_path(tmp_path: Path) -> None:
    path = tmp_path / "latin1.log"
    text = _log(5, 400, damaged=True) + "\n"
    path.write_bytes(
        text.encode()
        + "1796342400.123 5 10.0.0.9 TCP_MISS/200 7 GET http://x/ Zo\xeb H/- -\n".encode("latin-1")
    )
    assert logparse.aggregate_native_compiled(str(path)) is None  # polars reads UTF-8 only
    agg = logparse.aggregate_file(str(path), workers=2)
    assert agg.lines == 400 + len(CORRUPT) + len(ODD_BUT_GOOD) + 1
    assert agg.bad_lines == len(CORRUPT)
    assert any(user == "zo\ufffd" for _, user, _, _ in agg.clients)


def test_blank_lines_alone_are_not_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.log"
    text = _log(6, 300, damaged=False)
    path.write_text("\n" + text.replace("\n", "\n  \n", 5) + "\n\n", encoding="utf-8")
    for compiled in (True, False):
        agg = logparse.aggregate_file(str(path), compiled=compiled)
        assert (agg.lines, agg.bad_lines) == (300, 0)
