"""The replies' demo on Aldermoor: saved responses, reply settings, replies sent under the
residents' comments on the Sandbox and an out-of-hours acknowledgement; loaded once."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from herald.audit.models import AuditEvent
from herald.channels.models import SandboxPost
from herald.councils.models import Council
from herald.inbox.models import AccountReplySettings, Reply, SavedResponse
from herald.inbox.replies_demo import load_replies_demo

pytestmark = pytest.mark.django_db


# A Tuesday afternoon: last night's 9pm message was out of hours.
@time_machine.travel("2026-12-08T14:00:00Z", tick=False)
def test_the_replies_demo_sends_replies_on_the_sandbox_and_loads_once() -> None:
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    council = Council.objects.get(slug="aldermoor")
    load_replies_demo(council=council)
    replies = Reply.objects.filter(conversation__council=council)
    assert SavedResponse.objects.filter(council=council).count() == 4
    assert AccountReplySettings.objects.filter(council=council, out_of_hours_enabled=True).exists()
    sent = replies.filter(status=Reply.Status.SENT)
    assert sent.filter(is_automatic=False).count() == 3
    assert sent.filter(is_automatic=True).count() == 1
    for reply in sent:
        post = SandboxPost.objects.get(public_id=reply.remote_id)
        assert post.in_reply_to is not None
        assert reply.in_reply_to is not None
        assert str(post.in_reply_to.public_id) == reply.in_reply_to.remote_id
    before = (replies.count(), AuditEvent.objects.count())
    load_replies_demo(council=council)
    assert (replies.count(), AuditEvent.objects.count()) == before
