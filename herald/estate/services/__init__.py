"""The estate's writes. Other contexts (and views, the API, tasks, commands) call these only."""

from herald.estate.services.findings import assign_finding, flag_leavers
from herald.estate.services.housekeeping import HousekeepingResult, run_housekeeping
from herald.estate.services.importing import (
    EstateImportResult,
    confirm_estate_import,
    import_estate,
    start_estate_import,
)
from herald.estate.services.lifecycle import (
    closure_checklist,
    complete_setup,
    setup_checklist,
    start_closure,
    update_closure,
)
from herald.estate.services.register import (
    AccountDetails,
    change_status,
    create_account,
    estate_settings,
    grant_access,
    recertify_account,
    remove_access,
    update_account,
    update_estate_settings,
)
from herald.estate.services.requests import (
    RequestDetails,
    approve_request,
    ask_for_changes,
    reject_request,
    resubmit_request,
    submit_request,
)

__all__ = [
    "AccountDetails",
    "EstateImportResult",
    "HousekeepingResult",
    "RequestDetails",
    "approve_request",
    "ask_for_changes",
    "assign_finding",
    "change_status",
    "closure_checklist",
    "complete_setup",
    "confirm_estate_import",
    "create_account",
    "estate_settings",
    "flag_leavers",
    "grant_access",
    "import_estate",
    "recertify_account",
    "reject_request",
    "remove_access",
    "resubmit_request",
    "run_housekeeping",
    "setup_checklist",
    "start_closure",
    "start_estate_import",
    "submit_request",
    "update_account",
    "update_closure",
    "update_estate_settings",
]
