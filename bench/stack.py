"""The real stack for benchmarks: a throwaway PostgreSQL database and gunicorn, both on this machine.

Both are context managers so that the server is stopped and the database dropped however the
benchmark ends (an error, Ctrl-C, or SIGTERM once ``stop_on_sigterm`` is installed).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import httpx
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class Stopped(Exception):
    """SIGTERM arrived: unwind through the clean-up as Ctrl-C does."""


def stop_on_sigterm() -> None:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped

    signal.signal(signal.SIGTERM, stop)


def server_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        # HERALD_DEV only relaxes HTTPS (this is plain HTTP on loopback); DEBUG stays off.
        "HERALD_DEV": "true",
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        # The production layout (docs/deploy.md) has Redis for the cache and sessions.
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONUNBUFFERED": "1",
    }


@contextmanager
def throwaway_database(database_url: str) -> Iterator[dict[str, str]]:
    """Create the database afresh, yield the server's environment, drop the database."""
    parts = urlsplit(database_url)
    if parts.hostname not in LOCAL_HOSTS:
        raise SystemExit("The benchmark only ever uses a PostgreSQL on this machine.")
    name = sql.Identifier(parts.path.lstrip("/"))
    admin_url = parts._replace(path="/postgres").geturl()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(drop)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    try:
        yield server_env(database_url)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(drop)


def herald(env: dict[str, str], *args: str) -> None:
    """Run a management command against the benchmark database, quietly."""
    subprocess.run(
        [str(BIN / "herald"), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def analyze(env: dict[str, str]) -> None:
    """Give PostgreSQL's planner statistics for freshly bulk-loaded tables.

    Autovacuum would get round to it within minutes; until then the planner guesses one row per
    table and, for instance, sorts the whole staff table for every page of the staff list.
    """
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("ANALYZE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, threads: int = 4) -> Iterator[str]:
    """Serve config.wsgi on a free loopback port; yield its base URL; stop it afterwards."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--worker-class=gthread",
        f"--threads={threads}",
        "--graceful-timeout=5",
    ]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_healthy(base_url, server)
            yield base_url
        except Exception:
            log.seek(0)
            lines = log.read().decode(errors="replace").splitlines()[-30:]
            print("gunicorn log (last lines):", *lines, sep="\n", file=sys.stderr)
            raise
        finally:
            stop(server)


def wait_until_healthy(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited while starting")
        try:
            if httpx.get(f"{base_url}/health/", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy within 60 s")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # the master stops its workers on SIGTERM
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)  # its own session: only gunicorn's processes
        server.wait(timeout=5)
