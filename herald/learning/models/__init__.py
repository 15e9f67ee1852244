"""Learning's models: policy documents and their versions, acknowledgements, e-learning, rights."""

from herald.learning.models.conduct import (
    ConductNote,
    ConductRecord,
    ConductRecordStatusChange,
    LearningSettings,
)
from herald.learning.models.elearning import (
    Choice,
    Completion,
    Lesson,
    LessonProgress,
    Module,
    Question,
    QuizAttempt,
)
from herald.learning.models.people import (
    Ambassador,
    RightsSuspension,
    SessionBooking,
    TrainingSession,
)
from herald.learning.models.policies import (
    Acknowledgement,
    AcknowledgementRequest,
    PolicyDocument,
    PolicyVersion,
    PolicyVersionStatusChange,
)

__all__ = [
    "Acknowledgement",
    "AcknowledgementRequest",
    "Ambassador",
    "Choice",
    "Completion",
    "ConductNote",
    "ConductRecord",
    "ConductRecordStatusChange",
    "LearningSettings",
    "Lesson",
    "LessonProgress",
    "Module",
    "PolicyDocument",
    "PolicyVersion",
    "PolicyVersionStatusChange",
    "Question",
    "QuizAttempt",
    "RightsSuspension",
    "SessionBooking",
    "TrainingSession",
]
