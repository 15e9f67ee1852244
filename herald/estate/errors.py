"""The estate's business-rule failures, each with a stable code for the API."""

from herald.core.errors import DomainError

# Every context's state machines fail the same way: the kernel's errors, re-exported.
from herald.core.transitions import StatusChangedMeanwhile, TransitionNotAllowed


class DuplicateAccount(DomainError):
    code = "duplicate_account"


class InvalidAddress(DomainError):
    """A handle or URL that does not fit the network; ``field`` names which."""

    code = "invalid_address"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class SetupIncomplete(DomainError):
    code = "setup_incomplete"


class ClosureIncomplete(DomainError):
    code = "closure_incomplete"


class ScheduledPostsPending(DomainError):
    code = "scheduled_posts_pending"


class NotTheRequester(DomainError):
    code = "not_the_requester"


class HoldersNotTrained(DomainError):
    code = "holders_not_trained"


class WrongCouncil(DomainError):
    code = "wrong_council"


__all__ = [
    "ClosureIncomplete",
    "DuplicateAccount",
    "HoldersNotTrained",
    "InvalidAddress",
    "NotTheRequester",
    "ScheduledPostsPending",
    "SetupIncomplete",
    "StatusChangedMeanwhile",
    "TransitionNotAllowed",
    "WrongCouncil",
]
