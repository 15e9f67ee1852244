"""What every standards settings service shares: its errors and forgetting the cached pack."""

from __future__ import annotations

from django.db import transaction

from herald.core.errors import DomainError
from herald.councils.models import Council
from herald.standards.selectors import forget_rule_pack


class UnknownRule(DomainError):
    code = "unknown_rule"


class DuplicateEntry(DomainError):
    code = "duplicate_entry"


class PollingBeforeNotice(DomainError):
    code = "polling_before_notice"


class PeriodAlreadyEnded(DomainError):
    code = "period_already_ended"


def pack_changed(council: Council) -> None:
    # Now, for this request's own next check; and again on commit, in case another request
    # rebuilt the pack from the old rows while this transaction was still open.
    forget_rule_pack(council_id=council.pk)
    transaction.on_commit(lambda: forget_rule_pack(council_id=council.pk))
