"""The one way an object's status changes (house style rule 4).

The context checks the move against its own transition table (``workflow.py``, pure), then calls
``move_status``: a conditional UPDATE claims the change, so of two people acting at once exactly
one wins and the other is told; the append-only history row follows. The context's service
records the audit event in the same transaction (the kernel imports no context, audit included).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from herald.core.errors import DomainError

if TYPE_CHECKING:
    from herald.core.models import StatusChange


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


class StatusChangedMeanwhile(DomainError):
    code = "status_changed_meanwhile"


def move_status(
    *,
    obj: models.Model,
    to_status: str,
    history: type[StatusChange],
    actor_user: Any,
    actor_label: str,
    note: str = "",
    meanwhile: str = "Someone else changed this just now. Reload the page and try again.",
    **fields: Any,
) -> str:
    """Claim ``obj``'s move from its current status to ``to_status`` and write the history row
    (``history`` has one foreign key to ``obj``'s model). Returns the status it moved from.
    ``fields`` are saved in the same UPDATE."""
    from_status: str = obj.status  # type: ignore[attr-defined]
    changes: dict[str, Any] = {"status": to_status, **fields}
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        changes.setdefault("updated_at", timezone.now())
    with transaction.atomic():
        claimed = type(obj)._default_manager.filter(pk=obj.pk, status=from_status).update(**changes)
        if claimed != 1:
            raise StatusChangedMeanwhile(meanwhile)
        for name, value in changes.items():
            setattr(obj, name, value)
        _write(history, obj, from_status, actor_user=actor_user, actor_label=actor_label, note=note)
    return from_status


def start_history(
    *,
    obj: models.Model,
    history: type[StatusChange],
    actor_user: Any,
    actor_label: str,
    note: str = "",
) -> None:
    """The first history row of a newly created object: from nothing to its first status."""
    _write(history, obj, "", actor_user=actor_user, actor_label=actor_label, note=note)


def _write(
    history: type[StatusChange],
    obj: models.Model,
    from_status: str,
    *,
    actor_user: Any,
    actor_label: str,
    note: str,
) -> None:
    history._default_manager.create(
        **{_link_to(history, type(obj)): obj},
        from_status=from_status,
        to_status=obj.status,  # type: ignore[attr-defined]
        actor=actor_user,
        actor_label=actor_label[:200],
        note=note,
    )


def _link_to(history: type[StatusChange], model: type[models.Model]) -> str:
    """The name of ``history``'s foreign key to ``model``."""
    for field in history._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.related_model is model:
            return field.name
    raise TypeError(f"{history.__name__} has no foreign key to {model.__name__}")
