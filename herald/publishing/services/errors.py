"""Publishing's business-rule failures, each with a stable code for the API."""

from __future__ import annotations

from herald.core.errors import DomainError

# Every context's state machines fail the same way: the kernel's errors, re-exported.
from herald.core.transitions import StatusChangedMeanwhile, TransitionNotAllowed


class NotAllowed(DomainError):
    """The person's roles or the account's rules do not let them do this."""

    code = "not_allowed"


class InvalidPost(DomainError):
    """The post's content or choices are wrong; ``field`` names the form field if there is one."""

    code = "invalid_post"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(message, code=code)
        self.field = field


class NotReady(DomainError):
    """The post cannot be scheduled (or submitted) yet: every problem is listed."""

    code = "not_ready"

    def __init__(self, problems: list[str], *, code: str | None = None) -> None:
        super().__init__(" ".join(problems) if problems else "The post is not ready", code=code)
        self.problems = problems


class HoldInForce(DomainError):
    code = "hold_active"


class InvalidMedia(DomainError):
    code = "invalid_media"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


__all__ = [
    "HoldInForce",
    "InvalidMedia",
    "InvalidPost",
    "NotAllowed",
    "NotReady",
    "StatusChangedMeanwhile",
    "TransitionNotAllowed",
]
