"""The replies' demo for a council (Aldermoor): saved responses per service, reply settings (one
account acknowledges out-of-hours messages, one needs an approver), a few replies written by the
demo editor and sent through the Sandbox under the residents' comments, and an out-of-hours
message acknowledged automatically. Idempotent; audited as Herald acting for the demo people.

It answers conversations the inbox already holds (collected from listening); run on its own, it
first makes three residents' comments on the Sandbox and their conversations."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.accounts.models import User
from herald.audit.services import SYSTEM, Actor
from herald.channels.models import ChannelConnection, SandboxPost
from herald.channels.sandbox import replies as sandbox_replies
from herald.channels.sandbox import service as sandbox
from herald.estate.models import SocialAccount
from herald.inbox.models import Conversation, Message, Reply, SavedResponse
from herald.inbox.replies import saved, services
from herald.inbox.replies.out_of_hours import (
    acknowledge_out_of_hours,
    calendar_for,
    save_account_reply_settings,
)
from herald.inbox.replies.outbox import send_due_replies
from herald.publishing.services.common import ActingFor

if TYPE_CHECKING:
    from herald.councils.models import Council

SAVED = [
    (
        "Bin collection days",
        "waste",
        "You can check your collection day on our website: "
        "enter your postcode on the bin collections page.",
    ),
    (
        "Missed bin",
        "waste",
        "Sorry your bin was missed. Please report it on our website and "
        "we will collect it within two working days.",
    ),
    (
        "Library opening hours",
        "libraries",
        "Our libraries' opening hours are on the libraries page of our website.",
    ),
    ("Thank you", "", "Thank you for getting in touch. We will reply as soon as we can."),
]
OUT_OF_HOURS = (
    "Thanks for your message. Our team is back at 9am on the next working day and will reply "
    "then. For emergencies, call the number on our website."
)
RESIDENTS = [
    ("sam-resident", "Is the tip open on Sunday?", "Yes, the tip is open 9am to 4pm on Sundays."),
    ("priya-resident", "When does the library reopen?", "The library reopens on Monday at 9am."),
    ("tom-resident", "Thanks for fixing the streetlight!", "Thanks for letting us know."),
]


def _as(user: User) -> Actor:
    return ActingFor(user=None, label=SYSTEM.display, on_behalf_of=user)


def _user(council: Council, username: str) -> User | None:
    return User.objects.filter(
        username=username, memberships__council=council, memberships__is_active=True
    ).first()


def _accounts(council: Council) -> list[SocialAccount]:
    return list(
        SocialAccount.objects.filter(
            council=council,
            connection__status=ChannelConnection.Status.CONNECTED,
            connection__network="sandbox",
        ).order_by("-kind", "name", "pk")
    )


def load_replies_demo(*, council: Council) -> None:
    editor, digital = _user(council, "demo-editor"), _user(council, "demo-digital")
    accounts = _accounts(council)
    if editor is None or digital is None or not accounts:
        return
    _saved_responses(council, digital)
    _settings(accounts, digital)
    if Reply.objects.filter(conversation__council=council).exists():
        return
    _replies(council, accounts[0], editor)
    _out_of_hours(council, accounts[0])
    send_due_replies()


def _saved_responses(council: Council, digital: User) -> None:
    services_by_slug = {s.slug: s for s in council.services.all()}
    for title, slug, text in SAVED:
        if SavedResponse.objects.filter(council=council, title=title).exists():
            continue
        service = services_by_slug.get(slug) if slug else None
        saved.create_saved_response(
            council=council, service=service, title=title, text=text, actor=_as(digital)
        )


def _settings(accounts: list[SocialAccount], digital: User) -> None:
    first = accounts[0]
    if not hasattr(first, "reply_settings"):
        save_account_reply_settings(
            account=first,
            replies_need_approval=False,
            out_of_hours_enabled=True,
            out_of_hours_text=OUT_OF_HOURS,
            actor=_as(digital),
        )
    if len(accounts) > 1 and not hasattr(accounts[1], "reply_settings"):
        save_account_reply_settings(
            account=accounts[1],
            replies_need_approval=True,
            out_of_hours_enabled=False,
            out_of_hours_text="",
            actor=_as(digital),
        )


def _replies(council: Council, account: SocialAccount, editor: User) -> None:
    waiting = list(
        council.conversations.filter(account=account, replies_written__isnull=True)
        .exclude(messages__remote_id="")
        .order_by("first_message_at")[:3]
    )
    if not waiting and not council.conversations.exists():
        waiting = [_thread(council, account, handle, text) for handle, text, _ in RESIDENTS]
    answers = {text: answer for _, text, answer in RESIDENTS}
    for conversation in waiting:
        text = answers.get(conversation.subject, "Thank you for getting in touch with us.")
        reply = services.start_reply(conversation=conversation, text=text, actor=_as(editor))
        services.submit_reply(reply=reply, actor=_as(editor), confirm_others=True)


def _council_post(account: SocialAccount) -> SandboxPost:
    own = sandbox.account_named(account.connection.external_id)
    post, _ = sandbox.create_post(
        own, text="Tell us what you think of our services.", idempotency_key="demo-replies-post"
    )
    return post


def _thread(
    council: Council,
    account: SocialAccount,
    handle: str,
    text: str,
    at: datetime.datetime | None = None,
) -> Conversation:
    """A resident's comment on the council's Sandbox post, as the inbox would hold it."""
    comment = sandbox_replies.comment(
        handle=handle, on_post_id=str(_council_post(account).public_id), text=text
    )
    at = at or timezone.now() - datetime.timedelta(hours=1)
    conversation = Conversation.objects.create(
        council=council,
        account=account,
        network="sandbox",
        resident_handle=handle,
        resident_name=handle.split("-", maxsplit=1)[0].title(),
        thread_key=str(comment.public_id),
        kind="comment",
        subject=text[:300],
        service=account.service,
        first_message_at=at,
        last_message_at=at,
    )
    Message.objects.create(
        conversation=conversation,
        direction=Message.Direction.IN,
        remote_id=str(comment.public_id),
        url=sandbox.post_url(comment),
        author_handle=handle,
        text=text,
        sent_at=at,
    )
    return conversation


def _out_of_hours(council: Council, account: SocialAccount) -> None:
    """A message that arrived at 9pm last night is acknowledged once, automatically."""
    calendar = calendar_for(council.pk)
    evening = timezone.localtime().replace(hour=21, minute=0, second=0, microsecond=0)
    evening -= datetime.timedelta(days=1)
    if calendar.is_working_time(evening):
        return
    conversation = _thread(
        council, account, "alex-resident", "My bin was missed again, who do I call?", evening
    )
    acknowledge_out_of_hours(conversation_id=conversation.pk)
