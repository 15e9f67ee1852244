"""Importing the existing estate from a spreadsheet: all or nothing, previewed, then confirmed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.estate.importing import RowError, check_estate, read_table
from herald.estate.models import PendingEstateImport, SocialAccount
from herald.estate.services.register import AccountDetails, create_account

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council


@dataclass
class EstateImportResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: list[SocialAccount] = field(default_factory=list)


def import_estate(
    *, council: Council, content: bytes, file_name: str, actor: Actor, dry_run: bool = False
) -> EstateImportResult:
    """Check every row; only a file with no problems at all adds anything (then every row)."""
    try:
        table = read_table(content, file_name)
    except ValueError as problem:
        return EstateImportResult(errors=[RowError(None, "", str(problem))])
    with transaction.atomic():
        checked = check_estate(
            table=table,
            council=council,
            services={s.name.lower(): s for s in council.services.all()},
            staff={s.employee_number: s for s in council.staff_members.current()},
            existing={
                (network, handle)
                for network, handle in council.social_accounts.annotate(
                    h=Lower("handle")
                ).values_list("network", "h")
            },
        )
        result = EstateImportResult(rows=checked.rows, errors=checked.errors)
        if result.errors or dry_run:
            return result
        for row in checked.rows:
            details = {k: v for k, v in row.items() if k != "status"}
            account = create_account(
                council=council,
                details=cast("AccountDetails", details),
                actor=actor,
                status=row["status"],
                note="Imported",
            )
            result.created.append(account)
        record(
            council=council,
            actor=actor,
            action="estate.imported",
            summary=f"Imported {len(result.created)} accounts from {file_name}",
            changes={"accounts": len(result.created)},
        )
    return result


def start_estate_import(
    *, council: Council, user: User, file_name: str, content: bytes
) -> PendingEstateImport:
    """Keep a checked file until its uploader confirms it; their older uploads are cleared."""
    stale = timezone.now() - PendingEstateImport.LIFETIME
    council.pending_estate_imports.filter(uploaded_by=user).delete()
    council.pending_estate_imports.filter(created_at__lt=stale).delete()
    return council.pending_estate_imports.create(
        uploaded_by=user, file_name=file_name[:255], content=content
    )


def confirm_estate_import(*, pending: PendingEstateImport, actor: Actor) -> EstateImportResult:
    """Apply a previewed file; it is checked again, so a register changed since is caught."""
    with transaction.atomic():
        result = import_estate(
            council=pending.council,
            content=bytes(pending.content),
            file_name=pending.file_name,
            actor=actor,
        )
        if not result.errors:
            pending.delete()
    return result
