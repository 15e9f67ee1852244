"""Squid external ACL helper answering from a Herald policy snapshot (no database, no Django).

Run by Squid as ``python acl_helper.py SNAPSHOT.json`` (the generated configuration copies this
file next to the snapshot, so any Python 3.11+ can run it, as the ``proxy`` user). Squid sends
one request a line: with ``concurrency=N`` a channel id first, then the format's values, which
Herald's configuration sets to ``%DST %SRC %>{X-Herald-User}`` (or ``%un`` with proxy
authentication). The helper answers ``OK`` when the request must be DENIED (the ACL is used as
``http_access deny herald_policy``) and ``ERR`` otherwise, with ``tag=action:category``.

With ``--warn SECONDS`` the helper instead answers for "warn" categories, as a splash page: the
first request from a person (user name, else client address) to a category that warns is
answered ``OK`` (Squid denies it and its ``deny_info`` sends them to Herald's warning page); for
the next SECONDS their requests to that category are answered ``ERR`` and go through. Run that
mode as a single child (``children-max=1``), so every request sees the same sessions.

The snapshot is reloaded when its file changes, checked at most every two seconds. This module
deliberately imports only the standard library.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote

FORMAT = "herald-network-policy/1"
SEVERITY = {"block": 3, "warn": 2, "allow_log": 1, "allow": 0}
RELOAD_EVERY = 2.0


class Policy:
    """The precomputed lookup tables of one snapshot."""

    def __init__(self, snapshot: dict[str, Any]) -> None:
        if snapshot.get("format") != FORMAT:
            raise ValueError(f"Not a Herald policy snapshot ({FORMAT})")
        self.version = snapshot.get("version", 0)
        self.actions: dict[str, str] = snapshot["actions"]
        self.domains: dict[str, str] = snapshot["domains"]
        self.users: dict[str, list[str]] = snapshot.get("users", {})
        self.addresses: dict[str, list[str]] = snapshot.get("addresses", {})
        # group -> category -> (action, last day it applies, ISO date)
        self.exceptions: dict[str, dict[str, list[str]]] = snapshot.get("exceptions", {})

    @classmethod
    def load(cls, path: str) -> Policy:
        with Path(path).open(encoding="utf-8") as handle:
            return cls(json.load(handle))

    def category_of(self, host: str) -> str:
        domains = self.domains
        name = host
        while True:
            found = domains.get(name)
            if found is not None:
                return found
            dot = name.find(".")
            if dot < 0:
                return ""
            name = name[dot + 1 :]

    def decide(
        self, host: str, client: str = "", user: str = "", today: str = ""
    ) -> tuple[str, str]:
        """``(action, category)`` for one request; ``today`` is an ISO date (default: now)."""
        host = host.lower().rstrip(".")
        if host.startswith("["):
            host = host[1 : host.find("]")]
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        category = self.category_of(host)
        if not category:
            return "allow", ""
        action = self.actions.get(category, "allow")
        if not self.exceptions:
            return action, category
        groups = self.users.get(user.lower(), []) if user and user != "-" else []
        if client:
            groups = groups + self.addresses.get(client, [])
        if groups:
            day = today or datetime.date.today().isoformat()
            chosen = None
            for group in groups:
                rule = self.exceptions.get(group, {}).get(category)
                # Several groups' exceptions: the most permissive one applies.
                if (rule is not None and rule[1] >= day) and (
                    chosen is None or SEVERITY[rule[0]] < SEVERITY[chosen]
                ):
                    chosen = rule[0]
            if chosen is not None:
                action = chosen
        return action, category


class Warnings:
    """Who has seen the warning page for which category, and until when (monotonic seconds)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.seen: dict[tuple[str, str], float] = {}

    def first_visit(self, who: str, category: str, now: float) -> bool:
        """True (and the warning is now shown) unless ``who`` saw it for ``category`` lately."""
        key = (who, category)
        until = self.seen.get(key)
        if until is not None and until > now:
            return False
        if len(self.seen) > 100_000:
            self.seen = {k: v for k, v in self.seen.items() if v > now}
        self.seen[key] = now + self.seconds
        return True


def answer(policy: Policy, line: str, today: str, warnings: Warnings | None = None) -> str:
    """One reply line (without the newline) for one request line."""
    parts = line.split()
    channel = ""
    if parts and parts[0].isdigit():
        channel = parts[0] + " "
        parts = parts[1:]
    if not parts:
        return channel + "BH message=empty"
    values = [unquote(part) if "%" in part else part for part in parts]
    host = values[0]
    client = values[1] if len(values) > 1 else ""
    user = values[2] if len(values) > 2 else ""
    action, category = policy.decide(host, client, user, today)
    tag = f"tag={action}:{category or 'none'}"
    if warnings is not None:
        who = user if user and user != "-" else client
        if action == "warn" and warnings.first_visit(who, category, time.monotonic()):
            return f"{channel}OK {tag}"
        return f"{channel}ERR {tag}"
    if action == "block":
        return f"{channel}OK {tag} message=Blocked%20by%20council%20policy%20({category})"
    return f"{channel}ERR {tag}"


def serve(
    path: str, stdin_fd: int = 0, stdout_fd: int = 1, warn_seconds: float | None = None
) -> None:
    """Answer Squid until it closes our input. Reads and writes whole batches of lines."""
    policy = Policy.load(path)
    mtime = Path(path).stat().st_mtime
    checked = time.monotonic()
    pending = b""
    warnings = Warnings(warn_seconds) if warn_seconds else None
    while True:
        chunk = os.read(stdin_fd, 65536)
        if not chunk:
            return
        now = time.monotonic()
        if now - checked > RELOAD_EVERY:
            checked = now
            try:
                current = Path(path).stat().st_mtime
                if current != mtime:
                    policy, mtime = Policy.load(path), current
            except (OSError, ValueError):
                pass  # keep answering from the last good snapshot
        pending += chunk
        *lines, pending = pending.split(b"\n")
        today = datetime.date.today().isoformat()
        out = "\n".join(
            answer(policy, line.decode("utf-8", "replace"), today, warnings) for line in lines
        )
        if lines:
            data = (out + "\n").encode()
            while data:
                written = os.write(stdout_fd, data)
                data = data[written:]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    warn_seconds = None
    if len(args) == 3 and args[1] == "--warn" and args[2].isdigit():
        warn_seconds = float(args[2])
        args = args[:1]
    if len(args) != 1:
        sys.stderr.write("usage: acl_helper.py SNAPSHOT.json [--warn SECONDS]\n")
        return 2
    serve(args[0], warn_seconds=warn_seconds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
