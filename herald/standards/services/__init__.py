"""Writes to a council's standards configuration. Every change is audited and shows on the
council's next check, because each service forgets the council's cached rule pack."""

from herald.standards.services.accounts import remove_account_rule, save_account_rule
from herald.standards.services.common import (
    DuplicateEntry,
    PeriodAlreadyEnded,
    PollingBeforeNotice,
    UnknownRule,
)
from herald.standards.services.elections import (
    create_election_period,
    end_election_period,
    update_election_period,
)
from herald.standards.services.settings import (
    add_word,
    ensure_standards_settings,
    remove_word,
    set_rule_override,
    update_contact_details,
)

__all__ = [
    "DuplicateEntry",
    "PeriodAlreadyEnded",
    "PollingBeforeNotice",
    "UnknownRule",
    "add_word",
    "create_election_period",
    "end_election_period",
    "ensure_standards_settings",
    "remove_account_rule",
    "remove_word",
    "save_account_rule",
    "set_rule_override",
    "update_contact_details",
    "update_election_period",
]
