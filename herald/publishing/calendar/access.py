"""Who reaches the calendar's pages.

Everyone who publishes for the council sees the whole council's calendar: planning is about not
colliding with each other's posts, so an editor needs to see the other accounts' plans too. Only
the digital team and council administrators change campaigns, schedules, recurring series and
import plans in bulk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.councils.context import CouncilContext

CALENDAR_EDITORS = (Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)
CALENDAR_READERS = (*CALENDAR_EDITORS, Role.ACCOUNT_OWNER, Role.EDITOR, Role.APPROVER)


def plans_calendar(context: CouncilContext) -> bool:
    return context.has_any(*CALENDAR_EDITORS)


def require_planner(context: CouncilContext) -> None:
    if not plans_calendar(context):
        raise PermissionDenied
