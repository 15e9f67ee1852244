"""Publishing's demo: posts in every state on Aldermoor's connected accounts, loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from herald.audit.models import AuditEvent
from herald.publishing.models import AccountPublishingRule, Delivery, MediaItem, Post

pytestmark = pytest.mark.django_db
P = Post.Status


def test_the_demo_has_posts_in_every_state_and_loads_once() -> None:
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    posts = Post.objects.filter(council__slug="aldermoor")
    states = set(posts.values_list("status", flat=True))
    assert {
        P.DRAFT,
        P.AWAITING_APPROVAL,
        P.RETURNED,
        P.REJECTED,
        P.SCHEDULED,
        P.NEEDS_RESCHEDULING,
        P.PUBLISHED,
    } <= states
    assert AccountPublishingRule.objects.filter(account__council__slug="aldermoor").count() >= 3
    assert MediaItem.objects.filter(council__slug="aldermoor").count() == 3
    published = Delivery.objects.filter(council__slug="aldermoor", status="published")
    assert published.exists()
    assert all(d.remote_id for d in published)
    scheduled = posts.filter(status=P.SCHEDULED)
    assert all(
        p.variants.count() == Delivery.objects.filter(variant__post=p).count() for p in scheduled
    )
    before = (Post.objects.count(), AuditEvent.objects.count())
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    assert (Post.objects.count(), AuditEvent.objects.count()) == before
