"""Each council's privacy settings for listening."""

from __future__ import annotations

from django.db import models

from herald.core.models import TimeStampedModel


class ListeningSettings(TimeStampedModel):
    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="listening_settings"
    )
    lawful_basis = models.TextField(
        default=(
            "Public task (UK GDPR Article 6(1)(e)): understanding residents' views of council "
            "services from what they have published openly."
        )
    )
    retention_months = models.PositiveSmallIntegerField(default=13)
    # Quiet hours for alert emails (high-risk items still go out): "22:00"–"07:00" UK time.
    quiet_from = models.TimeField(null=True, blank=True)
    quiet_until = models.TimeField(null=True, blank=True)
    # Exports name nobody unless the council has recorded why it needs authors' handles.
    authors_in_exports = models.BooleanField(default=False)
    authors_in_exports_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Listening settings for {self.council}"
