"""The report's one transition: a draft is finalised, and a finalised report never changes."""

from __future__ import annotations

from herald.programme.models import Report

S = Report.Status

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, S.FINAL): "finalise",
}


def allowed(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in TRANSITIONS
