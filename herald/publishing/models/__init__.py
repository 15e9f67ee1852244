"""Publishing's data: posts and their per-account variants, approvals and sign-offs, holds (the
council's kill switch), the content calendar's campaigns, schedules and recurrences, and the outbox.
"""

from herald.publishing.models.calendar import Campaign, PublishingSchedule, Recurrence
from herald.publishing.models.delivery import Delivery, DeliveryAttempt, DeliveryStatusChange
from herald.publishing.models.holds import Hold, HoldStatusChange
from herald.publishing.models.media import MediaItem
from herald.publishing.models.posts import (
    AccountPublishingRule,
    Approval,
    Post,
    PostRevision,
    PostStatusChange,
    PostVariant,
    SignOff,
    VariantMedia,
)

__all__ = [
    "AccountPublishingRule",
    "Approval",
    "Campaign",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryStatusChange",
    "Hold",
    "HoldStatusChange",
    "MediaItem",
    "Post",
    "PostRevision",
    "PostStatusChange",
    "PostVariant",
    "PublishingSchedule",
    "Recurrence",
    "SignOff",
    "VariantMedia",
]
