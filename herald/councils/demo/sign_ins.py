"""Which demo sign-ins exist, for the table the command prints after loading."""

from __future__ import annotations

from dataclasses import dataclass

from herald.councils.demo.loader import DEMO_COUNCILS
from herald.councils.demo.scale import SCALE_SIGN_INS
from herald.councils.models import Council, Membership
from herald.councils.roles import Role


@dataclass(frozen=True)
class SignInRow:
    username: str
    works_as: str
    councils: tuple[str, ...]


def demo_sign_ins() -> list[SignInRow]:
    """The demo councils' sign-ins that are in the database, in the order they were written."""
    labels: dict[str, str] = {}
    for _spec, _staff, sign_ins in DEMO_COUNCILS:
        for sign_in in sign_ins:
            labels.setdefault(sign_in.username, sign_in.label)
    return _existing(labels)


def scale_sign_ins(*, council: Council) -> list[SignInRow]:
    """A scale council's one sign-in per role."""
    labels = {
        f"{council.slug}-{key}": _roles_label(key=key, roles=roles) for key, roles in SCALE_SIGN_INS
    }
    return _existing(labels)


def _roles_label(*, key: str, roles: tuple[Role, ...]) -> str:
    if roles:
        return ", ".join(role.label for role in roles)
    return Role.LINE_MANAGER.label if key == "manager" else Role.ALL_STAFF.label


def _existing(labels: dict[str, str]) -> list[SignInRow]:
    councils: dict[str, list[str]] = {}
    memberships = (
        Membership.objects.filter(user__username__in=labels)
        .select_related("user", "council")
        .order_by("council__name")
    )
    for membership in memberships:
        councils.setdefault(membership.user.username, []).append(membership.council.name)
    return [
        SignInRow(username=username, works_as=label, councils=tuple(councils[username]))
        for username, label in labels.items()
        if username in councils
    ]


def any_council_exists() -> bool:
    return Council.objects.exists()
