"""Reminding people to acknowledge the policies in force they have been asked to read."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from herald.councils.roles import Role
from herald.learning.models import Acknowledgement, AcknowledgementRequest, PolicyVersion

if TYPE_CHECKING:
    from herald.councils.models import Council

# Nobody is asked more often than this, and the first request goes out on the next run.
REMIND_EVERY = datetime.timedelta(days=7)
# A run sends at most this many emails per council; the rest go on the next run.
BATCH = 500


@transaction.atomic
def remind_to_acknowledge(*, council: Council, now: datetime.datetime | None = None) -> int:
    """Email everyone with an unacknowledged request for a version in force who has not been
    reminded in the last week (one email per person listing every document); returns emails sent."""
    now = now or timezone.now()
    acknowledged = Acknowledgement.objects.filter(
        version=OuterRef("version"), staff_member=OuterRef("staff_member")
    )
    due = (
        council.acknowledgement_requests.filter(version__status=PolicyVersion.Status.APPROVED)
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - REMIND_EVERY))
        .filter(Q(staff_member__left_on__isnull=True) | Q(staff_member__left_on__gt=now.date()))
        .exclude(Exists(acknowledged))
        .select_related("staff_member", "version__document")
        .order_by("staff_member_id")
    )
    by_person: dict[int, list[AcknowledgementRequest]] = defaultdict(list)
    for request in due:
        if len(by_person) >= BATCH and request.staff_member_id not in by_person:
            break
        by_person[request.staff_member_id].append(request)
    for requests in by_person.values():
        person = requests[0].staff_member
        titles = "\n".join(f"- {r.version}" for r in requests)
        send_mail(
            f"{council.name}: please read and acknowledge",
            f"Dear {person.first_name},\n\nPlease read and acknowledge:\n{titles}\n\n"
            "Sign in to Herald and open My learning.",
            None,
            [person.email],
        )
    ids = [r.pk for requests in by_person.values() for r in requests]
    AcknowledgementRequest.objects.filter(pk__in=ids).update(
        last_reminded_at=now, reminder_count=F("reminder_count") + 1
    )
    return len(by_person)


# Reviews are flagged this long before they fall due.
REVIEW_NOTICE = datetime.timedelta(days=30)


@transaction.atomic
def remind_reviews_due(*, council: Council, on: datetime.date | None = None) -> int:
    """Tell the digital team and HR once about each document whose review falls due within a
    month (report ¶15: the policy is regularly reviewed); returns how many documents."""
    day = on or timezone.localdate()
    due = council.policy_documents.filter(
        next_review_on__isnull=False, next_review_on__lte=day + REVIEW_NOTICE
    ).filter(
        Q(review_reminded_on__isnull=True)
        | Q(review_reminded_on__lt=F("next_review_on") - REVIEW_NOTICE)
    )
    documents = list(due)
    if not documents:
        return 0
    recipients = sorted(
        set(
            council.memberships.filter(
                is_active=True, role_assignments__role__in=[Role.DIGITAL_TEAM, Role.HR]
            ).values_list("user__email", flat=True)
        )
        - {""}
    )
    lines = "\n".join(f"- {d.title}: review due {d.next_review_on:%-d %B %Y}" for d in documents)
    if recipients:
        send_mail(
            f"{council.name}: policy reviews due",
            f"These documents are due for review:\n{lines}",
            None,
            recipients,
        )
    council.policy_documents.filter(pk__in=[d.pk for d in documents]).update(review_reminded_on=day)
    return len(documents)
