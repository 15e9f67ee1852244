"""Reading domain lists: plain lists (one a line), hosts files and adblock-style ``||domain^``.

Pure functions: no database. ``parse_list`` checks every line and returns the domains and the
per-line problems; callers apply nothing if there is any problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
# Addresses hosts-format blocklists point names at (text to recognise, nothing binds to them).
_NOWHERE = "0.0.0.0"  # noqa: S104
_HOSTS_ADDRESSES = {_NOWHERE, "127.0.0.1", "::", "::1", "::0", "0:0:0:0:0:0:0:0"}
_IGNORED_HOSTNAMES = {"localhost", "localhost.localdomain", "local", "broadcasthost", _NOWHERE}
MAX_LINES = 2_000_000


@dataclass
class ParsedList:
    domains: list[str] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, problem)


def normalise(text: str) -> str:
    """The domain as Herald stores it: lower case, no leading ``*.``/``.``, no trailing dot."""
    domain = text.strip().lower()
    if domain.startswith("*."):
        domain = domain[2:]
    return domain.lstrip(".").rstrip(".")


def domain_problem(domain: str) -> str:  # noqa: PLR0911 - one return per kind of problem
    """Why ``domain`` is not a usable domain name, or "" if it is."""
    if not domain:
        return "Empty domain"
    if len(domain) > 253:
        return "Longer than 253 characters"
    if "." not in domain:
        return "Not a domain name (it needs a dot, like example.com)"
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return "Not a valid domain name"
    if not all(_LABEL.match(label) for label in ascii_domain.split(".")):
        return "Not a valid domain name"
    if ascii_domain.replace(".", "").isdigit():
        return "An IP address, not a domain name"
    return ""


def parse_list(text: str) -> ParsedList:
    """Each line: a domain, ``address domain…`` (hosts file) or ``||domain^``; # comments."""
    parsed = ParsedList()
    seen: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        if number > MAX_LINES:
            parsed.errors.append((number, "", f"More than {MAX_LINES} lines"))
            break
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("!"):
            continue
        candidates = _candidates(line)
        for candidate in candidates:
            domain = normalise(candidate)
            if domain in _IGNORED_HOSTNAMES:
                continue
            problem = domain_problem(domain)
            if problem:
                parsed.errors.append((number, raw.strip()[:200], problem))
            elif domain not in seen:
                seen.add(domain)
                parsed.domains.append(domain.encode("idna").decode("ascii"))
    return parsed


def _candidates(line: str) -> list[str]:
    if line.startswith("||"):
        return [line[2:].split("^", 1)[0]]
    parts = line.split()
    if len(parts) > 1 and (parts[0] in _HOSTS_ADDRESSES or _looks_like_address(parts[0])):
        return parts[1:]
    if len(parts) > 1:
        return [line]  # "two words" is one bad entry, not two
    return parts


def _looks_like_address(text: str) -> bool:
    return text.replace(".", "").isdigit() or ":" in text


def minimal_suffix_set(domains: list[str]) -> list[str]:
    """Drop domains already covered by a parent in the list (Squid warns on overlaps)."""
    unique = sorted(set(domains), key=lambda d: d.count("."))
    kept: set[str] = set()
    for domain in unique:
        labels = domain.split(".")
        if any(".".join(labels[i:]) in kept for i in range(1, len(labels))):
            continue
        kept.add(domain)
    return sorted(kept)
