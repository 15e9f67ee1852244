"""The shape of a large council's line management, worked out before any row is written."""

from __future__ import annotations

from collections import deque

# How many direct reports each level has: a chief executive with six directors, five assistant
# directors each, five heads of service each, six team leaders each, then teams of eight.
FAN_OUT = (6, 5, 5, 6, 8)
# Each assistant director runs one service; everyone below them works in it.
SERVICE_LEVEL = 2
LEVEL_TITLES = (
    "Chief Executive",
    "Director",
    "Assistant Director",
    "Head of Service",
    "Team Leader",
    "Officer",
)


def plan_tree(size: int, fan_out: tuple[int, ...] = FAN_OUT) -> list[int | None]:
    """Each person's manager as an index into the list (None for the top), breadth first.

    Breadth first keeps every level complete before the next starts, so managers come before
    their reports and each level can be inserted in one batch.
    """
    parents: list[int | None] = [None]
    levels = [0]
    managers: deque[int] = deque([0])
    while len(parents) < size:
        manager = managers.popleft()
        level = levels[manager]
        reports = fan_out[min(level, len(fan_out) - 1)]
        for _ in range(min(reports, size - len(parents))):
            managers.append(len(parents))
            parents.append(manager)
            levels.append(level + 1)
    return parents[:size]
