"""Writing policy documents and versions, approving them, and acknowledging them."""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.transitions import move_status
from herald.councils.roles import Role
from herald.learning import workflow
from herald.learning.models import (
    Acknowledgement,
    AcknowledgementRequest,
    PolicyDocument,
    PolicyVersion,
    PolicyVersionStatusChange,
)
from herald.learning.services.errors import (
    NotInThisCouncil,
    TransitionNotAllowed,
    VersionNotCurrent,
)

if TYPE_CHECKING:
    from herald.councils.models import Council
    from herald.people.models import StaffMember

# The roles that publish on council accounts: the "account roles" acknowledgement scope, and the
# roles the training gate guards.
PUBLISHING_ROLES = frozenset({Role.EDITOR, Role.APPROVER, Role.ACCOUNT_OWNER})


def text_digest(body: str) -> str:
    """The SHA-256 of a version's text, kept with each acknowledgement as evidence of what was read."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@transaction.atomic
def create_document(
    *,
    council: Council,
    kind: str,
    title: str,
    acknowledgement_scope: str = PolicyDocument.Scope.EVERYONE,
    next_review_on: datetime.date | None = None,
    actor: Actor,
) -> PolicyDocument:
    """A new policy document (it has no text until its first version is drafted)."""
    document = council.policy_documents.create(
        kind=kind,
        title=title,
        acknowledgement_scope=acknowledgement_scope,
        next_review_on=next_review_on,
    )
    record(
        council=council,
        actor=actor,
        action="policy.created",
        summary=f"Added the policy document {title}",
        target=document,
    )
    return document


@transaction.atomic
def draft_version(
    *, document: PolicyDocument, body: str, change_summary: str, actor: Actor
) -> PolicyVersion:
    """A new draft, or the existing draft rewritten: a document has at most one draft at a time."""
    draft = document.versions.filter(status=PolicyVersion.Status.DRAFT).first()
    if draft is None:
        latest = document.versions.order_by("-number").values_list("number", flat=True).first()
        draft = PolicyVersion(
            council_id=document.council_id,
            document=document,
            number=(latest or 0) + 1,
            created_by=actor.user,
        )
        action, verb = "policy.version_drafted", "Drafted"
    else:
        action, verb = "policy.version_edited", "Edited"
    before = draft.content_sha256
    draft.body, draft.change_summary = body, change_summary
    draft.content_sha256 = text_digest(body)
    draft.save()
    record(
        council=document.council,
        actor=actor,
        action=action,
        summary=f"{verb} {draft}",
        target=draft,
        changes={"content_sha256": [before or None, draft.content_sha256]},
    )
    return draft


def _move(
    *, version: PolicyVersion, to_status: str, actor: Actor, note: str, **fields: object
) -> None:
    """The one way a version's status changes: checked against the table, claimed with a
    conditional UPDATE (two approvers cannot both win), written to history and audited."""
    if not workflow.can_move(from_status=version.status, to_status=to_status):
        raise TransitionNotAllowed(
            f"A {version.get_status_display().lower()} version cannot become {to_status}."
        )
    from_status = move_status(
        obj=version,
        to_status=to_status,
        history=PolicyVersionStatusChange,
        actor_user=actor.user,
        actor_label=actor.display,
        note=note,
        meanwhile="Someone else changed this version. Reload the page.",
        **fields,
    )
    record(
        council=version.document.council,
        actor=actor,
        action=f"policy.version_{to_status}",
        summary=f"{version}: {from_status} to {to_status}. {note}".strip(),
        target=version,
        changes={"status": [from_status, to_status]},
    )


@transaction.atomic
def approve_version(
    *, version: PolicyVersion, approved_on: datetime.date, committee: str, actor: Actor
) -> PolicyVersion:
    """Record a committee's approval: the version in force is superseded and everyone in scope
    is asked to read and acknowledge the new one."""
    previous = version.document.versions.filter(status=PolicyVersion.Status.APPROVED).first()
    if previous is not None and previous.pk != version.pk:
        _move(
            version=previous,
            to_status=PolicyVersion.Status.SUPERSEDED,
            actor=actor,
            note=f"Replaced by version {version.number}.",
            superseded_on=approved_on,
        )
    _move(
        version=version,
        to_status=PolicyVersion.Status.APPROVED,
        actor=actor,
        note=f"Approved by {committee} on {approved_on:%-d %B %Y}.",
        approved_on=approved_on,
        approved_by_committee=committee,
    )
    request_acknowledgements(version=version)
    return version


def staff_in_scope(*, document: PolicyDocument) -> list[int]:
    """The current staff who must acknowledge this document's versions."""
    council = document.council
    staff = council.staff_members.current()
    if document.acknowledgement_scope == PolicyDocument.Scope.NOBODY:
        return []
    if document.acknowledgement_scope == PolicyDocument.Scope.ACCOUNT_ROLES:
        staff = staff.filter(
            membership__is_active=True,
            membership__role_assignments__role__in=list(PUBLISHING_ROLES),
        ).distinct()
    return list(staff.values_list("pk", flat=True))


def request_acknowledgements(*, version: PolicyVersion) -> int:
    """Ask everyone in scope (who has not already been asked) to acknowledge ``version``."""
    asked = set(version.requests.values_list("staff_member_id", flat=True))
    rows = [
        AcknowledgementRequest(council_id=version.council_id, version=version, staff_member_id=pk)
        for pk in staff_in_scope(document=version.document)
        if pk not in asked
    ]
    AcknowledgementRequest.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


def current_version_of(document: PolicyDocument) -> PolicyVersion | None:
    return document.versions.filter(status=PolicyVersion.Status.APPROVED).first()


@transaction.atomic
def acknowledge_version(
    *, version: PolicyVersion, staff_member: StaffMember, actor: Actor, user_agent: str = ""
) -> Acknowledgement:
    """Keep the evidence that a person read the version in force; an older one is refused."""
    if staff_member.council_id != version.council_id:
        raise NotInThisCouncil("That person does not work for this council.")
    if version.status != PolicyVersion.Status.APPROVED:
        current = current_version_of(version.document)
        offer = f" Read version {current.number} instead." if current else ""
        raise VersionNotCurrent(
            f"Version {version.number} of {version.document.title} is no longer in force.{offer}",
            current=current,
        )
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        version=version,
        staff_member=staff_member,
        defaults={
            "council_id": version.council_id,
            "user": actor.user,
            "acknowledged_at": timezone.now(),
            "ip_address": actor.ip_address,
            "user_agent": user_agent[:500],
            "content_sha256": version.content_sha256,
        },
    )
    if created:
        record(
            council=version.document.council,
            actor=actor,
            action="policy.acknowledged",
            summary=f"{staff_member.full_name} acknowledged {version}",
            target=version,
        )
        # Imported here: rights reads the selectors, which read the policies this module writes.
        from herald.learning.services.rights import restore_rights  # noqa: PLC0415

        restore_rights(staff_member=staff_member, actor=actor)
    return acknowledgement


@transaction.atomic
def update_document(
    *,
    document: PolicyDocument,
    title: str,
    acknowledgement_scope: str,
    next_review_on: datetime.date | None,
    actor: Actor,
) -> PolicyDocument:
    """Change a document's title, who must acknowledge it, or its next review date (audited)."""
    fields = ("title", "acknowledgement_scope", "next_review_on")
    before = {name: str(getattr(document, name)) for name in fields}
    document.title, document.acknowledgement_scope = title, acknowledgement_scope
    document.next_review_on = next_review_on
    document.save(update_fields=[*fields, "updated_at"])
    record(
        council=document.council,
        actor=actor,
        action="policy.updated",
        summary=f"Updated the details of {document.title}",
        target=document,
        changes=diff(before, {name: str(getattr(document, name)) for name in fields}),
    )
    return document
