"""Web benchmark: each role's home page and the staff pages under 20 concurrent signed-in users.

Runs the real stack on this machine: PostgreSQL (a throwaway database, created and dropped
here), the demo councils plus a scale council of 5,000 staff (500 with --quick), and gunicorn
serving config.wsgi with DEBUG off. A second process (this one, after it has started gunicorn)
signs in once per role through /sign-in/ (httpx, the real form and its CSRF token), then keeps
20 users busy on each page for a fixed time on kept-alive connections (bench/lean_http.py, which
costs the shared cores far less than httpx), timing each request from the client side. /health/
on the same server is the baseline.

    .venv/bin/python bench/web.py [--quick]

Prints a table, then one flat JSON object as the last line. Target: role pages p95 <= 150 ms.
Only 127.0.0.1 is ever contacted, and every request loop stops by time and by count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from lean_http import LeanConnection
from stack import analyze, gunicorn, herald, stop_on_sigterm, throwaway_database

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/herald_bench"
USERS = 20
TARGET_P95_MS = 150.0
MAX_REQUESTS_PER_PAGE = 200_000  # a hard stop whatever the duration
REQUEST_TIMEOUT = 30.0
# The scale council's sign-ins (herald.councils.demo.scale.SCALE_SIGN_INS), named "<slug>-<key>".
ROLE_KEYS = (
    "digital",
    "owner",
    "editor",
    "approver",
    "ict",
    "hr",
    "manager",
    "ambassador",
    "staff",
    "committee",
    "admin",
)
# Pages beyond the home pages: (name, path, which sign-in).
OTHER_PAGES = (
    ("staff_list", "/staff/", "hr"),
    ("my_team", "/staff/my-team/", "manager"),
    ("audit_list", "/audit/", "admin"),
)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    cookies: dict[str, str]


@dataclass(frozen=True)
class Result:
    name: str
    latencies_ms: list[float]
    errors: int
    seconds: float
    client_cpu_seconds: float

    @property
    def requests_per_s(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="500 staff, 3 s per page")
    options = parser.parse_args()
    staff = 500 if options.quick else 5000
    duration = 3.0 if options.quick else 10.0
    stop_on_sigterm()
    load_before = os.getloadavg()[0]  # other work on the machine skews every figure
    with throwaway_database(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)) as env:
        herald(env, "migrate", "--no-input", "-v", "0")
        herald(env, "createcachetable")
        herald(env, "load_demo_council")
        started = time.perf_counter()
        herald(env, "load_demo_council", "--scale", str(staff))
        load_seconds = time.perf_counter() - started
        analyze(env)
        with gunicorn(env, workers=2, threads=2) as base_url:
            results = asyncio.run(run_pages(base_url, f"scale-{staff}", duration))
    figures = summarise(results, staff=staff, duration=duration, load_seconds=load_seconds)
    figures["machine_load_1m_before"] = round(load_before, 2)
    print_table(results)
    print(json.dumps(figures))
    return 1 if figures["errors"] else 0


async def sign_in(base_url: str, username: str, password: str) -> dict[str, str]:
    """Sign in through the real form (CSRF token and all) and return the session cookies."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        form = await client.get("/sign-in/")
        token = CSRF_FIELD.search(form.text)
        if form.status_code != 200 or token is None:
            raise RuntimeError(f"no sign-in form ({form.status_code})")
        response = await client.post(
            "/sign-in/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token[1]},
        )
        if response.status_code != 302:
            raise RuntimeError(f"{username} could not sign in ({response.status_code})")
        return dict(client.cookies.items())


async def pages_to_measure(base_url: str, slug: str) -> list[Page]:
    password = "herald-demo-2026"  # herald.councils.demo.DEMO_PASSWORD
    cookies = {key: await sign_in(base_url, f"{slug}-{key}", password) for key in ROLE_KEYS}
    pages = [Page("health", "/health/", {})]
    pages += [Page(f"home_{key}", "/", cookies[key]) for key in ROLE_KEYS]
    pages += [Page(name, path, cookies[key]) for name, path, key in OTHER_PAGES]
    return pages


async def run_pages(base_url: str, slug: str, duration: float) -> list[Result]:
    results = []
    for page in await pages_to_measure(base_url, slug):
        await drive(base_url, page, seconds=min(1.0, duration / 3))  # warm up, not counted
        results.append(await drive(base_url, page, seconds=duration))
    return results


async def drive(base_url: str, page: Page, *, seconds: float) -> Result:
    """USERS concurrent users requesting one page back to back until the time is up."""
    parts = urlsplit(base_url)
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def user() -> None:
        nonlocal errors
        connection = LeanConnection(str(parts.hostname), int(parts.port or 80), page.cookies)
        try:
            while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS_PER_PAGE:
                started = time.perf_counter()
                try:
                    status = await asyncio.wait_for(connection.get(page.path), REQUEST_TIMEOUT)
                except (TimeoutError, OSError, asyncio.IncompleteReadError):
                    status = 0
                    await connection.close()
                elapsed_ms = (time.perf_counter() - started) * 1000
                if status == 200:
                    latencies.append(elapsed_ms)
                else:
                    errors += 1
        finally:
            await connection.close()

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(user() for _ in range(USERS)))
    return Result(
        page.name, latencies, errors, time.perf_counter() - started, time.process_time() - cpu
    )


def summarise(
    results: list[Result], *, staff: int, duration: float, load_seconds: float
) -> dict[str, object]:
    # The "role pages": each role's home page and the staff list. My team and the audit
    # list are measured and reported too, but are not part of the headline figure.
    role_pages = [r for r in results if r.name.startswith("home_") or r.name == "staff_list"]
    health = next(r for r in results if r.name == "health")
    p95 = max(r.percentile(0.95) for r in role_pages)
    figures: dict[str, object] = {
        "p95_ms": round(p95, 1),
        "health_p95_ms": round(health.percentile(0.95), 1),
        "requests_per_s": round(
            sum(len(r.latencies_ms) for r in role_pages) / sum(r.seconds for r in role_pages), 1
        ),
        "ratio_vs_health": round(p95 / health.percentile(0.95), 2),
        "slowest_page": max(role_pages, key=lambda r: r.percentile(0.95)).name,
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": p95 <= TARGET_P95_MS,
        "errors": sum(r.errors for r in results),
        "users": USERS,
        "seconds_per_page": duration,
        "staff": staff,
        "scale_load_s": round(load_seconds, 1),
        # The load generator shares the two cores with the server: this is what it took.
        "client_cpu_ms_per_request": round(
            1000
            * sum(r.client_cpu_seconds for r in results)
            / max(1, sum(len(r.latencies_ms) + r.errors for r in results)),
            2,
        ),
    }
    for result in results:
        figures[f"{result.name}_p50_ms"] = round(result.percentile(0.50), 1)
        figures[f"{result.name}_p95_ms"] = round(result.percentile(0.95), 1)
        figures[f"{result.name}_rps"] = round(result.requests_per_s, 1)
    return figures


def print_table(results: list[Result]) -> None:
    print(f"{'page':<18}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for r in results:
        print(
            f"{r.name:<18}{len(r.latencies_ms):>10}{r.requests_per_s:>9.1f}"
            f"{r.percentile(0.5):>9.1f}{r.percentile(0.95):>9.1f}{r.errors:>8}"
        )


if __name__ == "__main__":
    sys.exit(main())
