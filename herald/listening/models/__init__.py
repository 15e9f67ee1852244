"""Listening's data: what each council watches (queries), where it listens (sources, with cursors
and capture gaps), what it heard (mentions, enriched), the router's trained models, alert rules
and alerts, rollups for the dashboard, and the council's privacy settings."""

from herald.listening.models.alerts import Alert, AlertRule, AlertStatusChange
from herald.listening.models.mentions import Mention, MentionRollup
from herald.listening.models.routing import RouterModel, RoutingKeyword
from herald.listening.models.settings import ListeningSettings
from herald.listening.models.sources import (
    CaptureGap,
    Query,
    SkippedItem,
    Source,
    SourceStatusChange,
)

__all__ = [
    "Alert",
    "AlertRule",
    "AlertStatusChange",
    "CaptureGap",
    "ListeningSettings",
    "Mention",
    "MentionRollup",
    "Query",
    "RouterModel",
    "RoutingKeyword",
    "SkippedItem",
    "Source",
    "SourceStatusChange",
]
