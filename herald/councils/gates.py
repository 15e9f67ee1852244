"""Gates on granting roles, registered by the contexts above the tenancy.

The tenancy cannot import those contexts (learning, for one, decides who may publish), so they
register here at start-up and ``grant_role`` consults every gate before it grants anything new.
A gate returns why the grant is refused, or None to allow it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from herald.core.errors import DomainError

if TYPE_CHECKING:
    from herald.councils.models import Membership
    from herald.councils.roles import Role

RoleGate = Callable[["Membership", "Role"], "str | None"]

_gates: dict[str, RoleGate] = {}


class RoleRefused(DomainError):
    code = "role_refused"


def register_gate(*, name: str, gate: RoleGate) -> None:
    """Add (or replace, so a reloaded app does not register twice) the gate called ``name``."""
    _gates[name] = gate


def refusal_for(*, membership: Membership, role: Role) -> str | None:
    """The first reason any gate gives for refusing ``role`` to ``membership``, if one does."""
    for gate in _gates.values():
        reason = gate(membership, role)
        if reason:
            return reason
    return None
