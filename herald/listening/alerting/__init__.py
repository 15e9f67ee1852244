"""Listening's alerts: rules per council, evaluation (high-risk items after each ingested batch;
spikes and negative shifts over the rollups, periodically), in-app and email delivery with quiet
hours and escalation. Ingestion calls only ``evaluate_for_mentions``."""

from herald.listening.alerting.high_risk import evaluate_for_mentions

__all__ = ["evaluate_for_mentions"]
