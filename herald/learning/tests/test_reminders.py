"""Staff asked to acknowledge a policy are emailed, then reminded weekly until they do."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.services.policies import acknowledge_version
from herald.learning.services.reminders import remind_reviews_due, remind_to_acknowledge
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


def test_reviews_due_within_a_month_are_flagged_once(personas: Personas) -> None:
    version = make_policy(council=personas.council)
    document = version.document
    document.next_review_on = datetime.date(2027, 3, 1)
    document.save()

    early = remind_reviews_due(council=personas.council, on=datetime.date(2027, 1, 15))
    due = remind_reviews_due(council=personas.council, on=datetime.date(2027, 2, 10))
    again = remind_reviews_due(council=personas.council, on=datetime.date(2027, 2, 11))

    assert (early, due, again) == (0, 1, 0)
    review_mail = [m for m in mail.outbox if "policy reviews due" in m.subject]
    assert set(review_mail[0].to) == {personas.hr.user.email, personas.digital_lead.user.email}
    assert "review due 1 March 2027" in review_mail[0].body
