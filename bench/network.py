"""Network benchmark: parse and aggregate a Squid native access log, against GoAccess.

Writes a synthetic week of Squid native-format lines (10,000,000; 500,000 with --quick) into a
temporary directory (3,000 people at their own machines, 1,504 sites, requests in visits of
eight to one site as browsers make them; a tenth denied), then:

* ``lines_per_s``: Herald's parser/aggregator (``herald.network.logparse.aggregate_file``, as
  ``herald proxy_report`` calls it) over the file with ``--workers`` (2): for a plain native log
  that is the compiled path, polars' streaming engine on that many threads, timed from a fresh
  process so the time includes importing polars (the Python path, for gzip and common/combined
  logs, is not measured here); and ``peak_mb``: the largest peak resident memory of the parsing
  process (``resource.getrusage``, it and any children);
* ``goaccess_lines_per_s``: Debian's GoAccess on the same file with the log format the issue
  names (``ratio_vs_goaccess`` is null when GoAccess is not installed);
* ``helper_lookups_per_s``: the external ACL helper answering lines through a pipe, as Squid
  would send them (with channel ids), from a policy snapshot of 20,000 domains.

    .venv/bin/python bench/network.py [--quick]

Prints one flat JSON object as the last line. Targets: 10x GoAccess, at most 500 MB, 50,000
lookups a second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from herald.network import acl_helper  # noqa: E402

GOACCESS_ARGS = [
    "--log-format=%x.%^ %~%L %h %^/%s %b %m %U %^ %^ %M",
    "--date-format=%s",
    "--time-format=%s",
]
WEEK_START = 1_796_342_400  # a Monday, midnight UTC


def write_log(path: Path, lines: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    hosts = [f"www.site{i}.example.com" for i in range(1500)] + [
        "www.facebook.com",
        "www.youtube.com",
        "www.bbc.co.uk",
        "mail.google.com",
    ]
    clients = [f"10.{i // 250}.{i % 250}.{rng.randrange(1, 250)}" for i in range(3000)]
    users = [f"user{i}" for i in range(3000)] + ["-"] * 1000
    codes = ["TCP_MISS/200"] * 6 + ["TCP_TUNNEL/200"] * 3 + ["TCP_DENIED/403"]
    # A person works at one machine: the client address and user name go together. Browsers
    # fetch in visits: several requests in a row from one person to one site (pages, images,
    # scripts), here eight, each with its own path and size.
    people = [(clients[i], users[i]) for i in range(len(clients))]
    visits = []
    for _ in range(20000):
        client, user = rng.choice(people)
        visits.append(
            (
                f" {client} {rng.choice(codes)} ",
                f" GET http://{rng.choice(hosts)}/p",
                f" {user} HIER_DIRECT/192.0.2.{rng.randrange(1, 250)} text/html\n",
            )
        )
    sizes = [rng.randrange(200, 90000) for _ in range(1009)]
    step = 7 * 86400 / lines
    batch = 100_000
    with path.open("w", encoding="ascii") as handle:
        for start in range(0, lines, batch):
            out = []
            for i in range(start, min(lines, start + batch)):
                head, middle, tail = visits[((i // 8) * 7919) % 20000]
                out.append(
                    f"{WEEK_START + i * step:.3f} {i % 900 + 1:>6}{head}{sizes[i % 1009]}"
                    f"{middle}{i % 97}{tail}"
                )
            handle.write("".join(out))


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def run_parser(path: Path, workers: int) -> dict[str, float]:
    """In a fresh process, so its peak memory is the parser's alone."""
    code = (
        "import json,sys,time,resource;"
        f"sys.path.insert(0,{str(ROOT)!r});"
        "from herald.network import logparse;"
        "t=time.perf_counter();"
        f"a=logparse.aggregate_file({str(path)!r},workers={workers});"
        "s=time.perf_counter()-t;"
        "own=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "kids=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(json.dumps({'seconds':s,'lines':a.lines,'bad':a.bad_lines,"
        "'hosts':len(a.hosts),'peak_kb':max(own,kids)}))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    parsed: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return parsed


def run_goaccess(path: Path, directory: Path) -> float | None:
    binary = shutil.which("goaccess")
    if binary is None:
        return None
    started = time.perf_counter()
    subprocess.run(
        [binary, str(path), *GOACCESS_ARGS, "-o", str(directory / "report.json")],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def run_helper(directory: Path, lookups: int) -> float:
    rng = random.Random(3)
    domains = {f"blocked{i}.example.net": "gambling" for i in range(10000)}
    domains.update({f"social{i}.example.org": "social" for i in range(10000)})
    snapshot = {
        "format": acl_helper.FORMAT,
        "version": 1,
        "actions": {"gambling": "block", "social": "allow"},
        "domains": domains,
        "users": {f"user{i}": ["g1"] for i in range(0, 3000, 3)},
        "addresses": {},
        "exceptions": {"g1": {"gambling": ["allow", "2999-12-31"]}},
    }
    policy = directory / "policy.json"
    policy.write_text(json.dumps(snapshot))
    names = [*domains][:2000] + [f"www.other{i}.example.com" for i in range(1000)]
    requests = "".join(
        f"{i % 50} www.{rng.choice(names)} 10.0.0.{i % 250} user{i % 3000}\n"
        for i in range(lookups)
    ).encode()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, acl_helper.__file__, str(policy)],
        input=requests,
        capture_output=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    answers = done.stdout.count(b"\n")
    if answers != lookups:
        raise SystemExit(f"helper answered {answers} of {lookups}")
    return lookups / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="500,000 lines instead of 10M")
    parser.add_argument("--lines", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="Runs of each, alternating, best kept (default 3 with --quick, else 1): the "
        "machine may be shared, and alternating gives both the same conditions",
    )
    args = parser.parse_args()
    lines = args.lines or (500_000 if args.quick else 10_000_000)
    with tempfile.TemporaryDirectory(prefix="herald-bench-network-") as tmp:
        directory = Path(tmp)
        log = directory / "access.log"
        started = time.perf_counter()
        write_log(log, lines)
        print(
            f"wrote {lines} lines ({log.stat().st_size / 1e6:.0f} MB) in "
            f"{time.perf_counter() - started:.1f}s",
            file=sys.stderr,
        )
        repeat = args.repeat or (3 if args.quick else 1)
        runs, goaccess_runs = [], []
        for _ in range(repeat):
            parsed = run_parser(log, args.workers)
            if parsed["lines"] != lines or parsed["bad"]:
                raise SystemExit(f"parser counted {parsed['lines']} lines, {parsed['bad']} bad")
            runs.append(parsed)
            print(f"herald: {parsed['seconds']:.2f}s", file=sys.stderr)
            goaccess_s = run_goaccess(log, directory)
            if goaccess_s:
                goaccess_runs.append(goaccess_s)
                print(f"goaccess: {goaccess_s:.2f}s", file=sys.stderr)
        parsed = min(runs, key=lambda run: run["seconds"])
        parsed["peak_kb"] = max(run["peak_kb"] for run in runs)
        rate = lines / parsed["seconds"]
        goaccess_rate = lines / min(goaccess_runs) if goaccess_runs else None
        helper_rate = run_helper(directory, 100_000 if args.quick else 500_000)
    result = {
        "lines": lines,
        "workers": args.workers,
        "repeat": repeat,
        "cpus": os.cpu_count(),
        "seconds": round(parsed["seconds"], 3),
        "lines_per_s": round(rate),
        "peak_mb": round(parsed["peak_kb"] / 1024, 1),
        "goaccess_lines_per_s": round(goaccess_rate) if goaccess_rate else None,
        "ratio_vs_goaccess": round(rate / goaccess_rate, 2) if goaccess_rate else None,
        "goaccess": "installed" if goaccess_rate else "not installed",
        "helper_lookups_per_s": round(helper_rate),
        "target_ratio": 10,
        "target_peak_mb": 500,
        "target_helper_lookups_per_s": 50_000,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
