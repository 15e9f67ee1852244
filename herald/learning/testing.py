"""Test helpers for learning (and for the contexts above it, such as the estate)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.councils.models import Council
from herald.learning.models import Module, PolicyDocument, PolicyVersion
from herald.learning.services.elearning import create_module, record_completion
from herald.learning.services.policies import (
    acknowledge_version,
    approve_version,
    create_document,
    draft_version,
)
from herald.people.models import StaffMember

TEST_POLICY_TEXT = "# Social Media Policy\n\nUse the council's accounts only as this policy says."


def ensure_policy_in_force(*, council_id: int, on: datetime.date) -> PolicyVersion:
    """The council's Social Media Policy with an approved version, made if missing."""
    document = PolicyDocument.objects.filter(
        council_id=council_id, kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY
    ).first()
    if document is None:
        document = create_document(
            council=Council.objects.get(pk=council_id),
            kind=PolicyDocument.Kind.SOCIAL_MEDIA_POLICY,
            title="Social Media Policy",
            actor=SYSTEM,
        )
    current = document.versions.filter(status=PolicyVersion.Status.APPROVED).first()
    if current is not None:
        return current
    draft = draft_version(document=document, body=TEST_POLICY_TEXT, change_summary="", actor=SYSTEM)
    return approve_version(
        version=draft,
        approved_on=on - datetime.timedelta(days=1),
        committee="Cabinet",
        actor=SYSTEM,
    )


def ensure_publisher_module(*, council_id: int) -> Module:
    module = Module.objects.filter(council_id=council_id, kind=Module.Kind.PUBLISHER).first()
    if module is not None:
        return module
    return create_module(
        council=Council.objects.get(pk=council_id),
        kind=Module.Kind.PUBLISHER,
        title="Publishing for the council",
        actor=SYSTEM,
    )


def make_trained(*, staff_member: StaffMember, on: datetime.date | None = None) -> None:
    """Make one person trained on ``on`` (today by default): a pass of the publisher module and
    an acknowledgement of the Social Media Policy in force, creating either if missing."""
    day = on or timezone.localdate()
    version = ensure_policy_in_force(council_id=staff_member.council_id, on=day)
    module = ensure_publisher_module(council_id=staff_member.council_id)
    record_completion(module=module, staff_member=staff_member, on=day, actor=SYSTEM)
    acknowledge_version(version=version, staff_member=staff_member, actor=SYSTEM)
