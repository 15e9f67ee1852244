"""Writes about staff: the HR import. Leavers are marked, never deleted; every change is audited."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from herald.audit.services import Actor, diff, record
from herald.core.errors import DomainError
from herald.councils.context_cache import tenancy_changed
from herald.councils.models import Council
from herald.councils.services import create_team
from herald.people.importing import Directory, RowError, StaffRow, check_staff_file, load_directory
from herald.people.leavers import switch_off_leavers
from herald.people.models import PendingStaffImport, StaffMember
from herald.people.selectors import forget_staff_counts

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Service

BATCH_SIZE = 500
ChangeKind = Literal["created", "updated", "left"]


class ImportPlanChanged(DomainError):
    """The staff records changed between the preview and the confirmation."""

    code = "import_plan_changed"


@dataclass(frozen=True)
class StaffChange:
    kind: ChangeKind
    employee_number: str
    name: str
    changes: dict[str, list[Any]]  # {field: [before, after]}, as in the audit trail


@dataclass
class StaffImportResult:
    """What an import did (or, for a dry run or preview, would do)."""

    errors: list[RowError] = field(default_factory=list)
    changes: list[StaffChange] = field(default_factory=list)
    unchanged: int = 0
    new_teams: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "created": self.count("created"),
            "updated": self.count("updated"),
            "left": self.count("left"),
            "unchanged": self.unchanged,
            "teams_created": len(self.new_teams),
        }

    @property
    def digest(self) -> str:
        """A fingerprint of the changes, so a confirmation applies exactly what was previewed."""
        payload = [[c.kind, c.employee_number, c.changes] for c in self.changes]
        text = json.dumps([payload, self.new_teams], sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Plan:
    directory: Directory
    result: StaffImportResult
    rows: dict[str, StaffRow]  # only the rows that change someone
    leavers: list[StaffMember]  # current staff missing from the file, when asked for
    new_teams: dict[tuple[int, str], tuple[Service, str]]
    today: datetime.date


def import_staff(
    *,
    council: Council,
    content: bytes,
    actor: Actor,
    mark_missing_as_leavers: bool = False,
    dry_run: bool = False,
    expected_digest: str | None = None,
) -> StaffImportResult:
    """Check a whole HR file, then apply all of it or none of it; an unchanged file writes nothing."""
    with transaction.atomic():
        if not dry_run:
            # Two imports for one council at once would each plan against stale records.
            Council.objects.select_for_update().filter(pk=council.pk).first()
        directory = load_directory(council=council)
        checked = check_staff_file(content=content, directory=directory)
        if checked.errors:
            return StaffImportResult(errors=checked.errors, ignored_columns=checked.ignored_columns)
        plan = _plan(checked.rows, directory, mark_missing_as_leavers=mark_missing_as_leavers)
        plan.result.ignored_columns = checked.ignored_columns
        if expected_digest is not None and plan.result.digest != expected_digest:
            raise ImportPlanChanged(
                "Staff records changed since you checked this file. Check the changes again."
            )
        if dry_run or not plan.result.changes:
            return plan.result
        _apply(plan, actor=actor)
        plan.result.applied = True
        return plan.result


def _plan(rows: list[StaffRow], directory: Directory, *, mark_missing_as_leavers: bool) -> _Plan:
    plan = _Plan(directory, StaffImportResult(), {}, [], {}, timezone.localdate())
    names = _Names(directory)
    for row in rows:
        number = row["employee_number"]
        after = _wanted(row, plan)
        person = directory.staff.get(number)
        before = names.snapshot(person) if person else {}
        if before == after:
            plan.result.unchanged += 1
            continue
        kind = _kind(before, after)
        plan.result.changes.append(StaffChange(kind, number, _name(after), diff(before, after)))
        plan.rows[number] = row
    if mark_missing_as_leavers:
        _plan_missing_leavers(plan, names, in_file={row["employee_number"] for row in rows})
    plan.result.new_teams = [f"{service.name}: {name}" for service, name in plan.new_teams.values()]
    return plan


def _kind(before: dict[str, Any], after: dict[str, Any]) -> ChangeKind:
    if not before:
        return "created"
    return "left" if before["left_on"] is None and after["left_on"] else "updated"


def _name(snapshot: dict[str, Any]) -> str:
    return f"{snapshot['first_name']} {snapshot['last_name']}"


def _wanted(row: StaffRow, plan: _Plan) -> dict[str, Any]:
    """The person as the file wants them, shaped like ``_Names.snapshot`` so the two compare."""
    service = plan.directory.service_named(row["service"])
    team_name: str | None = None
    if service is not None and row["team"]:
        team = plan.directory.team_named(service, row["team"])
        key = (service.pk, row["team"].casefold())
        if team is None:
            plan.new_teams.setdefault(key, (service, row["team"]))
        team_name = team.name if team else plan.new_teams[key][1]
    return {
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "email": row["email"],
        "job_title": row["job_title"],
        "service": service.name if service else None,
        "team": team_name,
        "line_manager": row["line_manager_employee_number"] or None,
        "started_on": row.started_on.isoformat() if row.started_on else None,
        "left_on": row.left_on.isoformat() if row.left_on else None,
    }


class _Names:
    """Turns a record's ids into the names the file uses, without a query per person."""

    def __init__(self, directory: Directory) -> None:
        self.services = {s.pk: s.name for s in directory.services.values()}
        self.teams = {t.pk: t.name for t in directory.teams.values()}
        self.staff = {p.pk: number for number, p in directory.staff.items()}

    def snapshot(self, person: StaffMember) -> dict[str, Any]:
        return {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "job_title": person.job_title,
            "service": self.services.get(person.service_id) if person.service_id else None,
            "team": self.teams.get(person.team_id) if person.team_id else None,
            "line_manager": self.staff.get(person.line_manager_id)
            if person.line_manager_id
            else None,
            "started_on": person.started_on.isoformat() if person.started_on else None,
            "left_on": person.left_on.isoformat() if person.left_on else None,
        }


def _plan_missing_leavers(plan: _Plan, names: _Names, *, in_file: set[str]) -> None:
    for number, person in sorted(plan.directory.staff.items()):
        if number in in_file or person.left_on is not None:
            continue
        before = names.snapshot(person)
        after = before | {"left_on": plan.today.isoformat()}
        plan.result.changes.append(StaffChange("left", number, _name(before), diff(before, after)))
        plan.leavers.append(person)


def _apply(plan: _Plan, *, actor: Actor) -> None:
    directory = plan.directory
    for service, name in plan.new_teams.values():
        team = create_team(council=directory.council, service=service, name=name, actor=actor)
        directory.teams[(service.pk, name.casefold())] = team
    changed = [directory.staff[number] for number in plan.rows if number in directory.staff]
    _create_people(plan)
    _update_people(plan, changed)
    _audit(plan, actor=actor)
    # A leaving date that has already arrived ends the person's access straight away.
    switch_off_leavers(council=directory.council, actor=actor)
    forget_staff_counts(council=directory.council)
    # New line managers (and people who no longer manage anyone) get their derived role now.
    tenancy_changed(council_id=directory.council.pk)


def _create_people(plan: _Plan) -> None:
    """Managers before the people they manage, so everyone is created with their manager set."""
    directory = plan.directory
    waiting = [number for number in plan.rows if number not in directory.staff]
    while waiting:
        # The file was checked for loops, so every pass finds someone whose manager exists.
        ready = [n for n in waiting if _manager_exists(plan.rows[n], directory)]
        if not ready:  # only reachable if the loop check were bypassed; never spin forever
            raise DomainError("The line managers in the file go round in a loop.")
        new = [StaffMember(council=directory.council, employee_number=n) for n in ready]
        for person in new:
            _assign(person, plan.rows[person.employee_number], directory)
        StaffMember.objects.bulk_create(new, batch_size=BATCH_SIZE)
        directory.staff.update({person.employee_number: person for person in new})
        waiting = [number for number in waiting if number not in directory.staff]


def _manager_exists(row: StaffRow, directory: Directory) -> bool:
    manager = row["line_manager_employee_number"]
    return not manager or manager in directory.staff


def _update_people(plan: _Plan, changed: list[StaffMember]) -> None:
    fields = {key for c in plan.result.changes if c.kind != "created" for key in c.changes}
    if "service" in fields:
        fields.add("team")  # teams are compared by name, so a move of service may move team
    now = timezone.now()
    for person in changed:
        _assign(person, plan.rows[person.employee_number], plan.directory)
    for person in plan.leavers:
        person.left_on = plan.today
    for person in (*changed, *plan.leavers):
        person.updated_at = now
    StaffMember.objects.bulk_update(
        [*changed, *plan.leavers], [*sorted(fields), "updated_at"], batch_size=BATCH_SIZE
    )


def _assign(person: StaffMember, row: StaffRow, directory: Directory) -> None:
    service = directory.service_named(row["service"])
    person.first_name = row["first_name"]
    person.last_name = row["last_name"]
    person.email = row["email"]
    person.job_title = row["job_title"]
    person.service = service
    person.team = directory.team_named(service, row["team"])
    person.started_on = row.started_on
    person.left_on = row.left_on
    manager = row["line_manager_employee_number"]
    person.line_manager_id = directory.staff[manager].pk if manager else None


def _audit(plan: _Plan, *, actor: Actor) -> None:
    council, result = plan.directory.council, plan.result
    counts = result.counts
    record(
        council=council,
        actor=actor,
        action="staff.imported",
        summary=(
            f"Imported staff from the HR file: {counts['created']} added, "
            f"{counts['updated']} updated, {counts['left']} left, {counts['unchanged']} unchanged"
        ),
        changes=counts,
    )
    verbs = {"created": "Added", "updated": "Updated", "left": "Marked as a leaver:"}
    for change in result.changes:
        person = plan.directory.staff[change.employee_number]
        record(
            council=council,
            actor=actor,
            action=f"staff.{change.kind}",
            summary=f"{verbs[change.kind]} {person.full_name} ({person.employee_number}) from the HR import",
            target=person,
            changes=change.changes,
        )


@transaction.atomic
def start_staff_import(
    *,
    council: Council,
    user: User,
    file_name: str,
    content: bytes,
    mark_missing_as_leavers: bool,
) -> PendingStaffImport:
    """Keep an uploaded file for its preview. One waiting file per person; stale ones are cleared."""
    stale = timezone.now() - PendingStaffImport.LIFETIME
    council.pending_staff_imports.filter(Q(uploaded_by=user) | Q(created_at__lt=stale)).delete()
    return council.pending_staff_imports.create(
        uploaded_by=user,
        file_name=file_name[:255],
        content=content,
        mark_missing_as_leavers=mark_missing_as_leavers,
    )


def confirm_staff_import(
    *, pending: PendingStaffImport, actor: Actor, expected_digest: str
) -> StaffImportResult:
    """Apply a previewed file exactly as previewed, then forget it."""
    with transaction.atomic():
        result = import_staff(
            council=pending.council,
            content=bytes(pending.content),
            actor=actor,
            mark_missing_as_leavers=pending.mark_missing_as_leavers,
            expected_digest=expected_digest,
        )
        if not result.errors:
            pending.delete()
    return result
