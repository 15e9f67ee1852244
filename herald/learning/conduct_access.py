"""Who may see and act on a restricted conduct record. Pure rules over already-loaded rows.

Worked out afresh on every request from the line-management chain as it is now: a manager who
no longer manages the person loses sight of the record the moment the chain changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from herald.learning.models import ConductRecord
    from herald.people.models import StaffMember


def is_line_manager(matter: ConductRecord, viewer: StaffMember | None) -> bool:
    return viewer is not None and matter.staff_member.line_manager_id == viewer.pk


def is_next_manager(matter: ConductRecord, viewer: StaffMember | None) -> bool:
    manager = matter.staff_member.line_manager
    return viewer is not None and manager is not None and manager.line_manager_id == viewer.pk


def may_see(matter: ConductRecord, *, viewer: StaffMember | None, is_hr: bool) -> bool:
    """HR, the line manager and the next manager; nobody else, the person included."""
    return is_hr or is_line_manager(matter, viewer) or is_next_manager(matter, viewer)


def may_add_note(matter: ConductRecord, *, is_hr: bool) -> bool:
    return is_hr and matter.status != matter.Status.ERASED


def may_close(matter: ConductRecord, *, viewer: StaffMember | None, is_hr: bool) -> bool:
    allowed = is_hr or is_line_manager(matter, viewer)
    return allowed and matter.status == matter.Status.OPEN
