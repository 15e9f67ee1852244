"""Who is acting, in which council, with which roles: worked out once per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from herald.councils.roles import Role

if TYPE_CHECKING:
    from herald.councils.models import Council, Membership


@dataclass(frozen=True)
class CouncilContext:
    council: Council
    membership: Membership
    roles: frozenset[Role] = field(default_factory=frozenset)

    def has_any(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))
