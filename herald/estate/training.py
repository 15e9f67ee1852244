"""The training rule (report ¶20): an account's owner and deputy must have completed training.

The training records belong to ``herald.learning``; this module is the estate's one place that
asks about them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.councils.roles import Role
from herald.estate.errors import HoldersNotTrained
from herald.learning.selectors import open_rights_suspensions, trained_staff_ids

if TYPE_CHECKING:
    import datetime

    from herald.councils.models import Council
    from herald.people.models import StaffMember


def trained_ids(
    *, council: Council, staff_ids: set[int], on: datetime.date | None = None
) -> set[int]:
    """Which of these staff have completed the social media training (and read the policy)."""
    return trained_staff_ids(council=council, staff_ids=staff_ids, on=on)


_LABELS = dict(Role.choices)


def suspended_roles(*, council: Council) -> dict[int, str]:
    """Staff whose publishing rights are suspended for lapsed training, with the roles taken."""
    roles: dict[int, list[str]] = {}
    for staff_id, role in open_rights_suspensions(council=council).values_list(
        "staff_member_id", "role"
    ):
        roles.setdefault(staff_id, []).append(str(_LABELS.get(role, role)).lower())
    return {staff_id: ", ".join(sorted(set(names))) for staff_id, names in roles.items()}


def check_trained(*, council: Council, owner: StaffMember, deputy: StaffMember) -> None:
    """Refuse an owner or deputy who has not completed the training."""
    trained = trained_ids(council=council, staff_ids={owner.pk, deputy.pk})
    missing = [person.full_name for person in (owner, deputy) if person.pk not in trained]
    if missing:
        names = " and ".join(missing)
        verb = "have" if len(missing) > 1 else "has"
        raise HoldersNotTrained(
            f"{names} {verb} not completed the social media training: an owner and deputy must "
            "complete it before the account is requested"
        )
