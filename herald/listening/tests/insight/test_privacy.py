"""Privacy: settings checked and audited; the nightly purge deletes only what is past the
council's retention period, counts it in the audit trail, and touches no other council."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.listening.insight.privacy import PrivacySettingsInvalid, settings_for, update_settings
from herald.listening.insight.purge import purge_expired_mentions
from herald.listening.models import ListeningSettings, Mention
from herald.listening.tests.insight.support import make_mention, make_source

pytestmark = pytest.mark.django_db


def _save(personas: Personas, **change: object) -> ListeningSettings:
    values: dict[str, object] = {
        "lawful_basis": "Public task",
        "retention_months": 13,
        "quiet_from": None,
        "quiet_until": None,
        "authors_in_exports": False,
        "authors_in_exports_reason": "",
    }
    return update_settings(council=personas.council, actor=SYSTEM, **{**values, **change})  # type: ignore[arg-type]


def test_the_default_is_thirteen_months_and_authors_left_out(personas: Personas) -> None:
    current = settings_for(personas.council)
    assert current.retention_months == 13
    assert not current.authors_in_exports
    assert "Public task" in current.lawful_basis


def test_saving_settings_is_audited_with_what_changed(personas: Personas) -> None:
    _save(personas, retention_months=6)
    event = AuditEvent.objects.get(action="listening.privacy_settings_changed")
    assert event.changes["retention_months"] == [13, 6]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"lawful_basis": "  "}, "lawful_basis_required"),
        ({"retention_months": 0}, "retention_out_of_range"),
        ({"quiet_from": datetime.time(22)}, "quiet_hours_incomplete"),
        ({"authors_in_exports": True}, "authors_reason_required"),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(
    personas: Personas, change: dict[str, object], code: str
) -> None:
    with pytest.raises(PrivacySettingsInvalid) as refused:
        _save(personas, **change)
    assert refused.value.code == code
    assert not ListeningSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="listening.privacy_settings_changed").exists()


def test_the_purge_deletes_only_mentions_past_the_retention_period(personas: Personas) -> None:
    _save(personas, retention_months=6)
    now = timezone.now()
    ours, theirs = make_source(personas.council), make_source(personas.other_council)
    old = make_mention(ours, posted_at=now - datetime.timedelta(days=200))
    recent = make_mention(ours, posted_at=now - datetime.timedelta(days=100))
    their_old = make_mention(theirs, posted_at=now - datetime.timedelta(days=200))
    assert purge_expired_mentions(council=personas.council, now=now) == 1
    assert set(Mention.objects.all()) == {recent, their_old}
    assert not Mention.objects.filter(pk=old.pk).exists()
    event = AuditEvent.objects.get(action="listening.mentions_purged")
    assert event.changes["deleted"] == 1
    assert purge_expired_mentions(council=personas.council, now=now) == 0
