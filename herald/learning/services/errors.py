"""The business rules learning's services enforce, as errors views can show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from herald.core.errors import DomainError

if TYPE_CHECKING:
    from herald.learning.models import PolicyVersion


# Every context's state machines fail the same way: the kernel's errors, re-exported.
from herald.core.transitions import StatusChangedMeanwhile, TransitionNotAllowed


class VersionNotCurrent(DomainError):
    """Acknowledging a version that is not the one in force; ``current`` is offered instead."""

    code = "version_not_current"

    def __init__(self, message: str, *, current: PolicyVersion | None) -> None:
        super().__init__(message)
        self.current = current


class TamperedSubmission(DomainError):
    code = "tampered_submission"


class IncompleteAnswers(DomainError):
    code = "incomplete_answers"


class AttemptAlreadySubmitted(DomainError):
    code = "attempt_already_submitted"


class ModuleHasNoQuestions(DomainError):
    code = "module_has_no_questions"


class NotInThisCouncil(DomainError):
    code = "not_in_this_council"


__all__ = [
    "AttemptAlreadySubmitted",
    "IncompleteAnswers",
    "ModuleHasNoQuestions",
    "NotInThisCouncil",
    "StatusChangedMeanwhile",
    "TamperedSubmission",
    "TransitionNotAllowed",
    "VersionNotCurrent",
]
