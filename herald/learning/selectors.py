"""Reads about policies and training, always from inside one council."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.learning.models import (
    Acknowledgement,
    Completion,
    Module,
    PolicyDocument,
    PolicyVersion,
)

if TYPE_CHECKING:
    from herald.councils.models import Council


def version_in_force(
    *, council: Council, kind: str, on: datetime.date | None = None
) -> PolicyVersion | None:
    """The approved version of the council's document of ``kind`` that was in force on ``on``."""
    return (
        PolicyVersion.objects.filter(council=council, document__kind=kind)
        .in_force(on=on or timezone.localdate())
        .select_related("document")
        .order_by("-approved_on", "-number")
        .first()
    )


def trained_staff_ids(
    *, council: Council, staff_ids: Iterable[int], on: datetime.date | None = None
) -> set[int]:
    """Of ``staff_ids``, those who on ``on`` hold an unexpired pass of the publisher module and
    have acknowledged the Social Media Policy version in force. No policy in force: nobody."""
    day = on or timezone.localdate()
    ids = list(staff_ids)
    version = version_in_force(
        council=council, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY, on=day
    )
    if version is None or not ids:
        return set()
    passed = set(
        Completion.objects.filter(
            council=council, module__kind=Module.Kind.PUBLISHER, staff_member_id__in=ids
        )
        .current(on=day)
        .values_list("staff_member_id", flat=True)
    )
    acknowledged = set(
        Acknowledgement.objects.filter(version=version, staff_member_id__in=passed).values_list(
            "staff_member_id", flat=True
        )
    )
    return passed & acknowledged
