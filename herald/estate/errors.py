"""The estate's business-rule failures, each with a stable code for the API."""

from herald.core.errors import DomainError


class DuplicateAccount(DomainError):
    code = "duplicate_account"


class InvalidAddress(DomainError):
    """A handle or URL that does not fit the network; ``field`` names which."""

    code = "invalid_address"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class TransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


class StatusChangedMeanwhile(DomainError):
    code = "status_changed_meanwhile"


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
