"""Writing audit events. Services call ``record`` explicitly; there are no signals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models

from herald.audit.models import AuditEvent
from herald.core.logging import request_id_var

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council


@dataclass(frozen=True)
class Actor:
    """Who did something: a person (with the request's IP) or the system itself."""

    user: User | None
    ip_address: str | None = None
    label: str = ""

    @property
    def display(self) -> str:
        if self.user is not None:
            return self.user.display_name
        return self.label or "Herald (automatic)"


SYSTEM = Actor(user=None, label="Herald (automatic)")


def record(
    *,
    council: Council | None,
    actor: Actor,
    action: str,
    summary: str,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event; called inside the service's transaction so both commit or neither."""
    target_id = ""
    if target is not None:
        target_id = str(getattr(target, "public_id", None) or target.pk)
    return AuditEvent.objects.create(
        council=council,
        actor=actor.user,
        actor_label=actor.display[:200],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=target_id,
        target_label=str(target)[:300] if target is not None else "",
        summary=summary[:500],
        changes=changes or {},
        request_id=request_id_var.get(),
        ip_address=actor.ip_address,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields that changed, as ``{field: [old, new]}``, for an event's ``changes``."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
