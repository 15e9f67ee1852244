"""What the reply services refuse, each with a stable code for the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.core.errors import DomainError

if TYPE_CHECKING:
    from herald.inbox.models import Reply


class InvalidReply(DomainError):
    code = "invalid_reply"


class NotAllowed(DomainError):
    code = "not_allowed"


class OwnReply(DomainError):
    code = "own_reply"


class BlockingFindings(DomainError):
    code = "blocking_findings"


class ReplyTransitionNotAllowed(DomainError):
    code = "transition_not_allowed"


class NetworkRefused(DomainError):
    code = "network_refused"


class OtherReplies(DomainError):
    """Another officer's reply went, or is going, to the same resident since this one started:
    the author must look at it and confirm before this one is sent."""

    code = "other_replies"

    def __init__(self, message: str, *, others: list[Reply]) -> None:
        super().__init__(message)
        self.others = others
