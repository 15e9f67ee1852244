"""Background entry points for replies: each calls one service."""

from django.tasks import task

from herald.inbox.replies.outbox import send_due_replies, send_reply_now


@task()
def send_reply(reply_id: int) -> dict[str, object]:
    """Send one approved reply now (enqueued when it is approved)."""
    return send_reply_now(reply_id).as_dict()


@task()
def send_due() -> dict[str, object]:
    """The outbox's periodic pass: send what is due, read back what is unconfirmed, recover
    claims whose worker died."""
    return send_due_replies().as_dict()
