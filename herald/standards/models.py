"""A council's standards configuration: what the engine's ``RulePack`` is built from.

Each row belongs to one council and is changed only through ``herald.standards.services``, which
audits the change and tells ``rule_pack_for`` to rebuild the council's pack.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models.functions import Lower

from herald.core.models import TimeStampedModel
from herald.standards.types import Severity


class StandardsSettings(TimeStampedModel):
    """The council's own published contact details (never personal data) and its banned terms."""

    council = models.OneToOneField(
        "councils.Council", on_delete=models.PROTECT, related_name="standards_settings"
    )
    own_phone_numbers = models.JSONField(default=list, blank=True)  # E.164 strings
    own_email_domains = models.JSONField(default=list, blank=True)
    own_postcodes = models.JSONField(default=list, blank=True)  # upper case, one space
    prohibited_terms = models.JSONField(default=list, blank=True)
    # Parties are seeded once; a council that then removes them all means it.
    parties_seeded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "standards settings"

    def __str__(self) -> str:
        return f"Standards settings for {self.council}"


class RuleOverride(TimeStampedModel):
    """A council's choice for one rule of the engine's catalogue: off, or a different severity."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="standards_rule_overrides"
    )
    rule_id = models.CharField(max_length=100)
    is_enabled = models.BooleanField(default=True)
    severity = models.CharField(
        max_length=20, blank=True, choices=[(s.value, s.label) for s in Severity]
    )  # blank: the rule's default

    class Meta:
        ordering = ["rule_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "rule_id"], name="standards_rule_override_unique"
            )
        ]

    def __str__(self) -> str:
        return self.rule_id


class WordList(models.TextChoices):
    BLOCKED = "blocked", "Blocked words"
    ALLOWED = "allowed", "Allowed words"
    PARTY = "party", "Political parties"
    COUNCILLOR = "councillor", "Councillors"
    CANDIDATE = "candidate", "Candidates"
    POLITICIAN_HANDLE = "politician_handle", "Politicians' social media handles"


class WordListEntry(TimeStampedModel):
    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="standards_words"
    )
    word_list = models.CharField(max_length=20, choices=WordList.choices)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["word_list", "text"]
        constraints = [
            models.UniqueConstraint(
                "council", "word_list", Lower("text"), name="standards_word_unique_per_list"
            )
        ]

    def __str__(self) -> str:
        return self.text


class PreElectionPeriod(TimeStampedModel):
    """From the notice of election to polling day; ``ended_on`` closes it early."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="pre_election_periods"
    )
    name = models.CharField(max_length=200)
    notice_on = models.DateField()
    polling_on = models.DateField()
    areas = models.JSONField(default=list, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-notice_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(polling_on__gte=models.F("notice_on")),
                name="standards_polling_not_before_notice",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ends_on(self) -> datetime.date:
        """The last day the period restricts posts: polling day, or the day before it was ended
        (a period ended before its notice date never applies)."""
        if self.ended_on is not None and self.ended_on <= self.polling_on:
            return self.ended_on - datetime.timedelta(days=1)
        return self.polling_on

    @property
    def is_ended(self) -> bool:
        return self.ended_on is not None


class AccountRule(TimeStampedModel):
    """What every post from one of the council's accounts must carry."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.PROTECT, related_name="standards_account_rules"
    )
    handle = models.CharField(max_length=100)  # lower case, with the leading @
    required_sign_off = models.CharField(max_length=50, blank=True)
    required_hashtags = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "handle"], name="standards_account_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return self.handle
