"""Staff asked to acknowledge a policy are emailed, then reminded weekly until they do."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.services.policies import acknowledge_version
from herald.learning.services.reminders import remind_to_acknowledge
from herald.learning.testing import make_policy


def test_reminders_go_weekly_to_those_who_have_not_acknowledged(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    acknowledge_version(
        version=version, staff_member=personas.record_of(personas.staff), actor=SYSTEM
    )
    now = timezone.now()
    asked = personas.council.staff_members.count() - 1

    first = remind_to_acknowledge(council=personas.council, now=now)
    too_soon = remind_to_acknowledge(council=personas.council, now=now + datetime.timedelta(days=3))
    week_later = remind_to_acknowledge(
        council=personas.council, now=now + datetime.timedelta(days=7)
    )

    assert (first, too_soon, week_later) == (asked, 0, asked)
    recipients = {address for message in mail.outbox for address in message.to}
    assert personas.record_of(personas.staff).email not in recipients
    assert "Document social_media_policy, version 1" in mail.outbox[0].body


def test_another_councils_staff_are_not_reminded(personas: Personas) -> None:
    make_policy(council=personas.council)

    assert remind_to_acknowledge(council=personas.other_council) == 0
