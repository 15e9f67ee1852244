"""Reading Squid access logs: native format (fast path), common and combined; plain or gzip.

Pure Python, no database: used by ``proxy_ingest`` (which stores rows), ``proxy_report`` (which
stores nothing) and ``bench/network.py``. Aggregation works on whole chunks of bytes with one
regular expression, keeping per-(day, host, result code) and per-(day, user, client, code)
counts and bytes, so memory depends on how many hosts and clients there are, not on lines.
"""

from __future__ import annotations

import bisect
import datetime
import gc
import gzip
import importlib
import io
import multiprocessing
import os
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from polars import LazyFrame

NATIVE = "squid"
COMMON = "common"
# time.ms elapsed client code/status bytes method URL user hierarchy/peer type
NATIVE_RE = re.compile(
    rb"^(\d{9,11})\.\d+ +-?\d+ (\S+) ([A-Z_]+)/(\d{3}) (\d+) \S+ "
    rb"(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:[^@/\s]*@)?\[?([^/:\s\]]+)\S* (\S+)",
    re.MULTILINE,
)
# client ident user [10/Oct/2026:13:55:36 +0000] "GET http://host/ HTTP/1.1" status bytes ...
COMMON_RE = re.compile(
    rb"^(\S+) \S+ (\S+) \[(\d\d)/(\w{3})/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-]\d{4})\] "
    rb'"\S+ (?:[a-zA-Z][a-zA-Z0-9+.-]*://)?\[?([^/:\s\]"]+)[^"]* [^"]*" (\d{3}) (\d+|-)',
    re.MULTILINE,
)
_MONTHS = {
    m.encode(): i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
CHUNK = 8 * 1024 * 1024


class Entry(NamedTuple):
    at: float  # seconds since the epoch, UTC
    client: str
    user: str  # "" when the proxy knew no user name
    host: str
    status: int
    size: int
    denied: bool


def is_denied(code: bytes | str, status: int) -> bool:
    text = code if isinstance(code, str) else code.decode("ascii", "replace")
    return "DENIED" in text or (not text and status == 403)


def detect_format(line: bytes) -> str:
    if NATIVE_RE.match(line):
        return NATIVE
    if COMMON_RE.match(line):
        return COMMON
    return ""


def parse_line(line: bytes, fmt: str) -> Entry | None:
    if fmt == NATIVE:
        m = NATIVE_RE.match(line)
        if m is None:
            return None
        _ts, client, code, status, size, host, user = m.groups()
        status_int = int(status)
        return Entry(
            at=float(line[: line.index(b" ")]),
            client=client.decode("utf-8", "replace"),
            user=_user(user),
            host=host.decode("utf-8", "replace").lower(),
            status=status_int,
            size=int(size),
            denied=is_denied(code, status_int),
        )
    m = COMMON_RE.match(line)
    if m is None:
        return None
    client, user, day, month, year, hh, mm, ss, zone, host, status, size = m.groups()
    if month not in _MONTHS:
        return None
    offset = int(zone[1:3]) * 3600 + int(zone[3:5]) * 60
    moment = datetime.datetime(
        int(year), _MONTHS[month], int(day), int(hh), int(mm), int(ss), tzinfo=datetime.UTC
    ).timestamp() - (offset if zone[:1] == b"+" else -offset)
    status_int = int(status)
    return Entry(
        at=moment,
        client=client.decode("utf-8", "replace"),
        user=_user(user),
        host=host.decode("utf-8", "replace").lower(),
        status=status_int,
        size=0 if size == b"-" else int(size),
        denied=status_int == 403,
    )


def _user(raw: bytes) -> str:
    return "" if raw == b"-" else raw.decode("utf-8", "replace").lower()


# -- Opening files -------------------------------------------------------------------------


def is_gzip(path: str) -> bool:
    with Path(path).open("rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


TRUNCATED = "The gzip file ends early (truncated); the lines before the damage were read"


class TolerantGzip(io.RawIOBase):
    """Gzip (one or more members) that reads up to where a truncated file stops.

    Python's ``gzip`` raises at the end of a truncated file and loses the block it was reading;
    this returns everything that can be decompressed, then an ordinary end of file, and sets
    ``truncated`` so the caller can report it.
    """

    def __init__(self, path: str) -> None:
        self._file = Path(path).open("rb")  # noqa: SIM115 - closed in close()
        self._inflate = zlib.decompressobj(wbits=47)
        self._pending = b""
        self._done = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending and not self._done:
            block = self._file.read(1 << 20)
            if not block:
                self._done = True
                if not self._inflate.eof:
                    self.truncated = True
                break
            data = self._inflate.decompress(block)
            while self._inflate.eof and self._inflate.unused_data:
                rest = self._inflate.unused_data
                self._inflate = zlib.decompressobj(wbits=47)
                data += self._inflate.decompress(rest)
            self._pending = data
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        self._file.close()
        super().close()


class _Log(io.BufferedReader):
    @property
    def truncated(self) -> bool:
        return bool(getattr(self.raw, "truncated", False))


def open_log(path: str) -> IO[bytes]:
    if is_gzip(path):
        return _Log(TolerantGzip(path), buffer_size=1 << 20)
    return Path(path).open("rb")


# -- Aggregation ---------------------------------------------------------------------------


@dataclass
class FileStats:
    path: str
    format: str = ""
    lines: int = 0
    bad_lines: int = 0
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format or "unknown",
            "lines": self.lines,
            "bad_lines": self.bad_lines,
            "error": self.error,
        }


@dataclass
class Aggregate:
    """Counts and bytes by (day, host, denied) and by (day, user, client, denied)."""

    hosts: dict[tuple[int, str, bool], list[int]] = field(default_factory=dict)
    clients: dict[tuple[int, str, str, bool], list[int]] = field(default_factory=dict)
    files: list[FileStats] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        day = int(entry.at // 86400)
        _bump(self.hosts, (day, entry.host, entry.denied), entry.size)
        _bump(self.clients, (day, entry.user, entry.client, entry.denied), entry.size)

    def merge(self, other: Aggregate) -> None:
        for key, value in other.hosts.items():
            _merge_value(self.hosts, key, value)
        for key2, value in other.clients.items():
            _merge_value(self.clients, key2, value)
        self.files += other.files

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def bad_lines(self) -> int:
        return sum(f.bad_lines for f in self.files)


def _bump(table: dict, key: object, size: int) -> None:  # type: ignore[type-arg]
    found = table.get(key)
    if found is None:
        table[key] = [1, size]
    else:
        found[0] += 1
        found[1] += size


_HOST_PART = re.compile(rb"^[^/:\n]*", re.MULTILINE)


def _hosts_column(urls: list[bytes]) -> list[bytes]:
    """The host of each URL as NATIVE_RE finds it (``http://host:port/path``, ``host:443``), in
    one pass; fewer hosts than URLs when one has none (the caller then reads line by line).

    The quick way (strip a leading ``http://`` or ``https://``, keep what comes before ``/`` or
    ``:``) is taken only when it must agree with NATIVE_RE: no other ``://``, no user@, no
    brackets and no empty host (NATIVE_RE backtracks there, and finds something else).
    """
    joined = b"\n".join(urls)
    if b"@" not in joined and b"[" not in joined and b"]" not in joined:
        lined = b"\n" + joined
        schemes = lined.count(b"\nhttps://") + lined.count(b"\nhttp://")
        if lined.count(b"://") == schemes:
            plain = lined.replace(b"\nhttps://", b"\n").replace(b"\nhttp://", b"\n")
            hosts = _HOST_PART.findall(plain, 1)
            if all(hosts):
                return hosts
    return _HOSTS.findall(joined)  # other schemes, user@host, [IPv6]: the full expression


_HOSTS = re.compile(
    rb"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:[^@/\n]*@)?\[?([^/:\n\]]+)[^\n]*", re.MULTILINE
)


def _code_class(code: bytes) -> bytes:
    """Squid's result code is enough to tell denied from not; the status is not needed here."""
    return b"DENIED" if b"DENIED" in code else b"-"


class _RawAggregate:
    """The fast path's tables, keyed by raw bytes; turned into an Aggregate once at the end."""

    def __init__(self) -> None:
        self.hosts: dict[tuple[int, bytes, bytes], list[int]] = {}
        self.clients: dict[tuple[int, bytes, bytes, bytes], list[int]] = {}
        self.lines = 0
        self.bad = 0

    def feed_native(self, chunk: bytes) -> None:
        """Every line in ``chunk`` (which ends at a line end).

        The fast path: a chunk whose lines all have Squid's ten fields, all from one day, is
        split once and counted with C-level tools (``Counter`` over zipped columns); only the
        byte sums loop in Python. Anything else (a corrupt line, midnight) takes the careful
        path, line by line with the regular expression.
        """
        if not self._feed_fast(chunk):
            self._feed_careful(chunk)

    def _feed_fast(self, chunk: bytes) -> bool:  # noqa: PLR0911 - each check can refuse
        """False (having changed nothing) unless every line has Squid's ten sane fields."""
        tokens = chunk.split()
        lines = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
        if not tokens or len(tokens) != 10 * lines:
            return False
        stamps = tokens[0::10]
        first, last = min(stamps), max(stamps)
        # Every time stamp is digits with one dot (deleting the digits leaves only the dots).
        if len(first) != len(last) or b"".join(stamps).translate(None, b"0123456789") != (
            b"." * lines
        ):
            return False
        codes = tokens[3::10]
        if b"/".join(codes).count(b"/") != 2 * lines - 1:
            return False
        try:
            sizes = list(map(int, tokens[4::10]))
        except ValueError:
            return False
        hosts = _hosts_column(tokens[6::10])
        if len(hosts) != lines:
            return False
        classes_of = {code: _code_class(code) for code in set(codes)}
        # One key per line: (host, user, client, denied?). Lines repeat a great deal (one
        # person, one site, many requests), so the per-key work after this is much smaller.
        classes = map(classes_of.__getitem__, codes)
        keys = list(zip(hosts, tokens[7::10], tokens[2::10], classes, strict=True))
        day = int(first.split(b".", 1)[0]) // 86400
        last_day = int(last.split(b".", 1)[0]) // 86400
        if last_day == day:
            self._count(day, keys, sizes)
        elif stamps != sorted(stamps):
            return False
        else:
            # Several days (a quiet log, or midnight): one slice of the columns per day.
            start = 0
            for this_day in range(day, last_day + 1):
                boundary = str((this_day + 1) * 86400).encode()
                end = bisect.bisect_left(stamps, boundary, lo=start)
                end = lines if this_day == last_day else end
                if end > start:
                    self._count(this_day, keys[start:end], sizes[start:end])
                start = end
        self.lines += lines
        return True

    def _count(
        self, day: int, keys: list[tuple[bytes, bytes, bytes, bytes]], sizes: list[int]
    ) -> None:
        sums: defaultdict[tuple[bytes, bytes, bytes, bytes], int] = defaultdict(int)
        for key, size in zip(keys, sizes, strict=True):
            sums[key] += size
        hosts, clients = self.hosts, self.clients
        for (host, user, client, denied), count in Counter(keys).items():
            size = sums[host, user, client, denied]
            found = hosts.get((day, host, denied))
            if found is None:
                hosts[day, host, denied] = [count, size]
            else:
                found[0] += count
                found[1] += size
            found = clients.get((day, user, client, denied))
            if found is None:
                clients[day, user, client, denied] = [count, size]
            else:
                found[0] += count
                found[1] += size

    def _feed_careful(self, chunk: bytes) -> None:
        hosts, clients = self.hosts, self.clients
        for line in chunk.split(b"\n"):
            if not line.strip():
                continue
            self.lines += 1
            m = NATIVE_RE.match(line)
            if m is None:
                self.bad += 1
                continue
            ts, client, code, _status, size, host, user = m.groups()
            day, n, code = int(ts) // 86400, int(size), _code_class(code)
            _merge_value(hosts, (day, host, code), [1, n])
            _merge_value(clients, (day, user, client, _code_class(code)), [1, n])

    def finish(self) -> Aggregate:
        agg = Aggregate()
        denied: dict[bytes, bool] = {}
        for (day, host, code), value in self.hosts.items():
            flag = denied.setdefault(code, is_denied(code, 0))
            key = (day, host.decode("utf-8", "replace").lower(), flag)
            _merge_value(agg.hosts, key, value)
        for (day, user, client, code), value in self.clients.items():
            flag = denied.setdefault(code, is_denied(code, 0))
            key2 = (day, _user(user), client.decode("utf-8", "replace"), flag)
            _merge_value(agg.clients, key2, value)
        return agg


def _merge_value(table: dict, key: object, value: list[int]) -> None:  # type: ignore[type-arg]
    found = table.get(key)
    if found is None:
        table[key] = list(value)
    else:
        found[0] += value[0]
        found[1] += value[1]


def _chunks(handle: IO[bytes], size: int = CHUNK, limit: int | None = None) -> Iterator[bytes]:
    """Chunks ending at line ends; ``limit`` stops after that many bytes (then to a line end)."""
    rest = b""
    read = 0
    while True:
        want = size if limit is None else min(size, limit - read)
        block = handle.read(want) if want > 0 else b""
        read += len(block)
        if not block:
            if rest:
                yield rest
            return
        block = rest + block
        cut = block.rfind(b"\n")
        if cut < 0:
            rest = block
            continue
        rest = block[cut + 1 :]
        yield block[: cut + 1]
        if limit is not None and read >= limit:
            tail = handle.readline() if rest else b""
            if rest or tail:
                yield rest + tail
            return


def _aggregate_range(path: str, start: int, end: int) -> tuple[Aggregate, int, int]:
    """A byte range of a plain native log; starts after the first line end past ``start``."""
    # Millions of short-lived tuples and no reference cycles: the cycle collector only costs.
    gc.disable()
    raw = _RawAggregate()
    with Path(path).open("rb") as handle:
        if start:
            handle.seek(start - 1)
            handle.readline()  # finish the line the range starts inside (its owner reads it)
        for chunk in _chunks(handle, limit=max(0, end - handle.tell())):
            raw.feed_native(chunk)
    return raw.finish(), raw.lines, raw.bad


# -- The compiled path: plain native files through polars ------------------------------------
#
# Polars (Rust, multi-threaded, streaming) reads the file as lines and aggregates them; Python
# then sees one row per (day, URL up to its authority, user, client, result code) instead of
# one per line, reads the few distinct URL prefixes and user fields, and polars sums the rows
# into the two tables. The line test is NATIVE_RE itself, in Rust's syntax: Python's bytes
# patterns mean ASCII by \d, \s and \S, Rust's mean Unicode, so the classes are spelled out.

_RUST_SPACE = r" \t\n\r\f\v"
_RUST_NATIVE = (
    NATIVE_RE.pattern.decode("ascii")
    .replace(r"\S", f"[^{_RUST_SPACE}]")
    .replace(r"\s", _RUST_SPACE)  # only inside [...] in NATIVE_RE
    .replace(r"\d", "[0-9]")
)
# The host part of NATIVE_RE, for the (few) distinct URL prefixes polars hands back.
_URL_HOST = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:[^@/\s]*@)?\[?([^/:\s\]]+)", re.ASCII)
_WORD = re.compile(r"\S+", re.ASCII)


def _polars(workers: int) -> ModuleType | None:
    """Polars, its thread pool sized to ``workers`` if this is its first import (it reads
    ``POLARS_MAX_THREADS`` then, and only then); None when it is not installed."""
    if "polars" not in sys.modules:
        before = os.environ.get("POLARS_MAX_THREADS")
        os.environ.setdefault("POLARS_MAX_THREADS", str(max(1, workers)))
        try:
            return importlib.import_module("polars")  # on first use, to size its threads
        except ImportError:
            return None
        finally:
            if before is None:
                del os.environ["POLARS_MAX_THREADS"]
    return sys.modules["polars"]


def _native_plan(pl: ModuleType, path: str) -> LazyFrame:
    """The query: every line tested against NATIVE_RE, good lines split at their spaces.

    On a line NATIVE_RE matches, the fields up to the user are whole single-space separated
    tokens after the time stamp and its padding, so a split finds what the groups would. A
    refused line is cut to nothing (a zero-length slice costs less than a copy with nulls) and
    marked bad unless it is blank (skipped, as in Python). The URL is kept only up to the first
    "/" that follows neither ":" nor "/" (past its "scheme://" and authority): NATIVE_RE never
    looks further for the host, so rows group by site, not by page.
    """
    line = pl.col("line")
    good = line.str.contains(_RUST_NATIVE)
    lines = pl.scan_lines(path).select(
        line.str.slice(0, good.cast(pl.Int64) * _LONGEST).alias("good"),
        (~good & line.str.contains(f"[^{_RUST_SPACE}]")).alias("bad"),
    )
    text = pl.col("good")
    # The time stamp and the padding before the elapsed time are ASCII, so byte offsets (find)
    # and character offsets (slice) agree up to there.
    fields = lines.select(
        text.str.slice(0, text.str.find(".", literal=True))
        .cast(pl.Int64, strict=False)  # null on refused lines; digits on the others
        .floordiv(86400)
        .alias("day"),
        text.str.slice(text.str.find(" [^ ]") + 1).str.split_exact(" ", 6).alias("f"),
        "bad",
    ).unnest("f")
    # field_0 elapsed, 1 client, 2 code/status, 3 bytes, 4 method, 5 URL, 6 user (and maybe
    # what follows it after a tab). A character offset at least the byte offset: the kept
    # prefix is never shorter than the one meant (longer only when the URL is not ASCII).
    url = pl.col("field_5")
    cut = (url.str.find("[^:/]/") + 1).fill_null(url.str.len_chars())
    plan: LazyFrame = fields.group_by(
        "day",
        url.str.slice(0, cut).alias("url"),
        pl.col("field_6").alias("user"),
        pl.col("field_1").alias("client"),
        pl.col("field_2").alias("code"),
        "bad",
    ).agg(pl.len().alias("requests"), pl.col("field_3").cast(pl.Int64).sum().alias("bytes"))
    return plan


_LONGEST = 1 << 40  # characters: longer than any line


def aggregate_native_compiled(path: str, *, workers: int = 1) -> Aggregate | None:
    """A plain native log through polars, or None if polars is missing or cannot read it
    (not UTF-8, a number too big for 64 bits, ...): the Python path then reads it."""
    pl = _polars(workers)
    if pl is None:
        return None
    try:
        table = _native_plan(pl, path).collect(engine="streaming")
    except (pl.exceptions.PolarsError, OSError):
        return None
    requests, bad = pl.col("requests"), pl.col("bad")
    stats = FileStats(path=path, format=NATIVE)
    counted = table.select(
        requests.filter(pl.col("day").is_not_null() | bad).sum().alias("lines"),
        requests.filter(bad).sum().alias("bad"),
    )
    stats.lines, stats.bad_lines = (int(n or 0) for n in counted.row(0))
    rows = table.filter(pl.col("day").is_not_null())
    # The few distinct URL prefixes and user fields are read in Python, with NATIVE_RE's own
    # expressions; then polars sums the rows into the two tables.
    hosts = {url: _host_of(url) for url in rows.get_column("url").unique().to_list()}
    users = {user: _user_of(user) for user in rows.get_column("user").unique().to_list()}
    rows = rows.select(
        "day",
        pl.col("url").replace_strict(hosts, return_dtype=pl.String).alias("host"),
        pl.col("user").replace_strict(users, return_dtype=pl.String),
        "client",
        pl.col("code").str.contains("DENIED", literal=True).alias("denied"),
        "requests",
        "bytes",
    )
    sums = (requests.sum(), pl.col("bytes").sum())
    agg = Aggregate(files=[stats])
    by_host = rows.group_by("day", "host", "denied").agg(*sums)
    for day, host, denied, count, size in by_host.iter_rows():
        agg.hosts[day, host, denied] = [int(count), int(size)]
    by_client = rows.group_by("day", "user", "client", "denied").agg(*sums)
    for day, user, client, denied, count, size in by_client.iter_rows():
        agg.clients[day, user, client, denied] = [int(count), int(size)]
    return agg


def _host_of(url: str) -> str:
    found = _URL_HOST.match(url)
    return found.group(1).lower() if found else ""


def _user_of(field: str) -> str:
    word = _WORD.match(field)
    raw = word.group() if word else ""
    return "" if raw == "-" else raw.lower()


def aggregate_file(path: str, *, workers: int = 1, compiled: bool = True) -> Aggregate:  # noqa: PLR0912
    """One file: native plain files split across ``workers`` processes; anything else streamed."""
    stats = FileStats(path=path)
    try:
        first = _first_line(path)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as error:
        stats.error = f"Could not read the file: {error}"
        return Aggregate(files=[stats])
    stats.format = detect_format(first) if first else ""
    if not stats.format:
        stats.error = "Unknown log format" if first else "Empty file"
        return Aggregate(files=[stats])
    plain_native = stats.format == NATIVE and not is_gzip(path)
    if plain_native and compiled:
        fast = aggregate_native_compiled(path, workers=workers)
        if fast is not None:
            return fast
    if plain_native and workers > 1:
        size = Path(path).stat().st_size
        step = size // workers + 1
        ranges = [(path, i * step, min(size, (i + 1) * step)) for i in range(workers)]
        agg = Aggregate()
        # Spawned, not forked: the caller may be a threaded server or test runner.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=spawn) as pool:
            for part, lines, bad in pool.map(_aggregate_range, *zip(*ranges, strict=True)):
                agg.merge(part)
                stats.lines += lines
                stats.bad_lines += bad
        agg.files = [stats]
        return agg
    agg = Aggregate()
    raw = _RawAggregate() if stats.format == NATIVE else None
    try:
        with open_log(path) as handle:
            for chunk in _chunks(handle):
                if raw is not None:
                    raw.feed_native(chunk)
                    continue
                for line in chunk.splitlines():
                    if not line.strip():
                        continue
                    stats.lines += 1
                    entry = parse_line(line, stats.format)
                    if entry is None:
                        stats.bad_lines += 1
                    else:
                        agg.add(entry)
            if getattr(handle, "truncated", False):
                stats.error = TRUNCATED
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as error:
        stats.error = f"The file is damaged ({error}); the lines before it were read"
    if raw is not None:
        agg.merge(raw.finish())
        stats.lines, stats.bad_lines = raw.lines, raw.bad
    agg.files = [stats]
    return agg


def _first_line(path: str) -> bytes:
    with open_log(path) as handle:
        for line in handle:
            if line.strip():
                return line.rstrip(b"\r\n")
    return b""


def aggregate_files(paths: list[str], *, workers: int = 1, compiled: bool = True) -> Aggregate:
    total = Aggregate()
    for path in paths:
        total.merge(aggregate_file(path, workers=workers, compiled=compiled))
    return total
