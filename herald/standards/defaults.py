"""What a council starts with before it has configured anything, and shared normalisation."""

from __future__ import annotations

# The main UK parties, seeded into a council's party list on first use (the engine needs them
# to spot party-political content; a council edits the list for its own area).
MAIN_UK_PARTIES = (
    "Conservative",
    "Labour",
    "Liberal Democrats",
    "Reform UK",
    "Green Party",
    "SNP",
    "Plaid Cymru",
    "Alliance Party",
    "DUP",
    "Sinn Féin",
    "SDLP",
    "UUP",
)

# The networks a post can be checked for, as the engine names them.
NETWORKS: dict[str, str] = {
    "x": "X (Twitter)",
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "threads": "Threads",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "facebook": "Facebook",
    "youtube": "YouTube",
}

# Longer texts are refused rather than checked: nothing a council publishes is near this size.
MAX_TEXT_BYTES = 1_000_000


def normalise_handle(handle: str) -> str:
    """``AldermoorLibraries`` and ``@aldermoorlibraries`` are the same account."""
    handle = handle.strip().lower()
    return handle if handle.startswith("@") or not handle else f"@{handle}"


def normalise_postcode(postcode: str) -> str:
    """``ab12cd`` and ``AB1  2CD`` become ``AB1 2CD``: the inward code is always three characters."""
    compact = "".join(postcode.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact
