"""Demo data for publishing: each connected Aldermoor account's publishing rule, a small media
library and posts in every state (drafts, awaiting approval, returned, scheduled in the coming
days, published last week, needing rescheduling, rejected), written through the services by the
demo sign-ins (demo-editor drafts, demo-approver approves, demo-digital runs the team).

Channels' demo connects about eight accounts to the Sandbox network first (it loads before
publishing).
The calendar's demo (``herald.publishing.calendar.demo``) runs at the end.
"""

from __future__ import annotations

import datetime
import struct
import zlib
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from herald.accounts.models import User
from herald.audit.services import SYSTEM, Actor
from herald.channels.models import ChannelConnection
from herald.estate.models import SocialAccount
from herald.publishing import services
from herald.publishing.calendar.demo import load_calendar_demo
from herald.publishing.delivery import outbox
from herald.publishing.models import AccountPublishingRule, Delivery, MediaItem, Post
from herald.publishing.services.common import ActingFor, move_post

if TYPE_CHECKING:
    from herald.councils.models import Council

P = Post.Status


def _png(rgb: tuple[int, int, int], size: int = 24) -> bytes:
    """A small solid-colour PNG, made here so the demo needs no image files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def _as(user: User) -> Actor:
    """The demo is Herald itself (as in every context's demo), acting for a demo sign-in."""
    return ActingFor(user=None, label=SYSTEM.display, on_behalf_of=user)


def _user(council: Council, username: str) -> User | None:
    return User.objects.filter(
        username=username, memberships__council=council, memberships__is_active=True
    ).first()


def _accounts(council: Council) -> list[SocialAccount]:
    """The council's accounts Herald can publish to (channels' demo connected them)."""
    return list(
        SocialAccount.objects.filter(
            council=council, connection__status=ChannelConnection.Status.CONNECTED
        ).order_by("-kind", "name", "pk")
    )


def load_demo(*, council: Council) -> None:
    editor = _user(council, "demo-editor")
    approver = _user(council, "demo-approver")
    digital = _user(council, "demo-digital")
    accounts = _accounts(council)
    if editor and approver and digital and len(accounts) >= 3:
        _rules(accounts, digital)
        if not Post.objects.filter(council=council).exists():
            media = _media(council, digital)
            _posts(
                council=council,
                accounts=accounts,
                editor=editor,
                approver=approver,
                digital=digital,
                media=media,
            )
    load_calendar_demo(council=council)


def _rules(accounts: list[SocialAccount], digital: User) -> None:
    """The flagship account needs two approvals; the digital team may post straight to the
    Sandbox-only accounts; the rest need one approval."""
    for n, account in enumerate(accounts):
        if AccountPublishingRule.objects.filter(account=account).exists():
            continue
        rule = AccountPublishingRule.objects.create(
            account=account, approval_steps=2 if n == 0 else 1
        )
        if n >= len(accounts) - 2:
            rule.publish_without_approval.set([digital])


def _media(council: Council, digital: User) -> list[MediaItem]:
    actor = _as(digital)
    items = []
    for name, colour, alt, people in (
        (
            "library-reading-corner.png",
            (31, 112, 184),
            "The reading corner at Aldermoor library",
            False,
        ),
        ("gritter-lorry.png", (243, 145, 0), "A council gritter lorry on a snowy road", False),
        ("volunteers-park.png", (0, 112, 60), "Volunteers planting bulbs in Riverside Park", True),
    ):
        items.append(
            services.upload_media(
                council=council,
                file=SimpleUploadedFile(name, _png(colour)),
                details=services.MediaDetails(
                    source="Aldermoor communications team",
                    licence="Council owned",
                    alt_text=alt,
                    shows_people=people,
                    consent_reference="Consent form CF-2026-014" if people else "",
                ),
                uploaded_by=digital,
                actor=actor,
            )
        )
    return items


def _input(
    accounts: list[SocialAccount],
    title: str,
    text: str,
    *,
    when: datetime.datetime | None = None,
    media: tuple[services.MediaUse, ...] = (),
    category: str = Post.Category.GENERAL,
) -> services.PostInput:
    return services.PostInput(
        title=title,
        category=category,
        scheduled_for=when,
        variants=tuple(services.VariantInput(account=a, text=text, media=media) for a in accounts),
    )


def _posts(
    *,
    council: Council,
    accounts: list[SocialAccount],
    editor: User,
    approver: User,
    digital: User,
    media: list[MediaItem],
) -> None:
    now = timezone.now().replace(second=0, microsecond=0)
    by_editor, by_approver, by_digital = (
        _as(editor),
        _as(approver),
        _as(digital),
    )
    flagship, rest = accounts[0], accounts[1:]
    reading = (services.MediaUse(item=media[0], alt_text=media[0].alt_text),)

    def draft(post_input: services.PostInput, author: User = editor) -> Post:
        return services.create_post(
            council=council, author=author, data=post_input, actor=_as(author)
        )

    # Drafts.
    draft(
        _input(
            rest[:2],
            "Summer reading challenge",
            "Sign up for the summer reading challenge at any Aldermoor library from 1 July.",
            media=reading,
        )
    )
    draft(
        _input(
            rest[:3],
            "Garden waste renewals",
            "Garden waste subscriptions renew in March. Renew online at aldermoor.gov.uk/garden-waste.",
        )
    )
    # Awaiting approval (the flagship needs two steps).
    waiting = draft(
        _input(
            [flagship, *rest[:2]],
            "Half-term activities",
            "Free craft sessions at six libraries over half-term. No need to book.",
            when=now + datetime.timedelta(days=4, hours=2),
        )
    )
    services.submit_post(post=waiting, actor=by_editor)
    second = draft(
        _input(
            rest[1:4],
            "Council tax reminders",
            "Your council tax bill is on its way. Pay online or set up a direct debit.",
            when=now + datetime.timedelta(days=6),
        )
    )
    services.submit_post(post=second, actor=by_editor)
    # Returned with changes.
    returned = draft(
        _input(
            rest[:2],
            "Mobile library timetable",
            "The mobile library visits new stops from next month.",
        )
    )
    services.submit_post(post=returned, actor=by_editor)
    services.return_post(
        post=returned,
        actor=by_approver,
        note="Please add the first date and link to the timetable.",
    )
    # Rejected.
    rejected = draft(
        _input(rest[:1], "Staff quiz night", "Come along to the staff quiz night at the town hall!")
    )
    services.submit_post(post=rejected, actor=by_editor)
    services.reject_post(
        post=rejected,
        actor=by_approver,
        note="Internal news: use the intranet, not public accounts.",
    )
    # Scheduled in the coming days.
    for days, title, text, targets, uses in (
        (
            1,
            "Gritting tonight",
            "Gritters are out on priority routes from 7pm tonight. Drive carefully.",
            rest[:3],
            (services.MediaUse(item=media[1], alt_text=media[1].alt_text),),
        ),
        (
            2,
            "Library opening hours",
            "Aldermoor Central Library opens until 8pm on Thursdays from next week.",
            rest[:2],
            reading,
        ),
        (
            3,
            "Bulb planting volunteers",
            "Thank you to the volunteers who planted 5,000 bulbs in Riverside Park.",
            rest[1:3],
            (services.MediaUse(item=media[2], alt_text=media[2].alt_text),),
        ),
    ):
        post = draft(
            _input(
                list(targets),
                title,
                text,
                when=now + datetime.timedelta(days=days, hours=1),
                media=uses,
            )
        )
        services.submit_post(post=post, actor=by_editor)
        services.approve_post(post=post, actor=by_approver)
    # Straight to scheduled: the digital team may publish without approval on the last accounts.
    direct = draft(
        _input(
            accounts[-2:],
            "Road closure update",
            "The A614 reopens on Monday morning.",
            when=now + datetime.timedelta(days=1, hours=5),
            category=Post.Category.SERVICE_DISRUPTION,
        ),
        author=digital,
    )
    services.submit_post(post=direct, actor=by_digital)
    # Needs rescheduling: its time passed while it waited for approval.
    late = draft(
        _input(
            rest[:2],
            "Blood donor session",
            "A blood donor session is at the town hall on Friday.",
            when=now + datetime.timedelta(days=1),
        )
    )
    services.submit_post(post=late, actor=by_editor)
    Post.objects.filter(pk=late.pk).update(scheduled_for=now - datetime.timedelta(hours=3))
    late.refresh_from_db()
    services.approve_post(post=late, actor=by_approver)
    # Published last week (the record as the outbox leaves it).
    for days, title, text in (
        (
            7,
            "Recycling centre hours",
            "Recycling centres are open 8am to 6pm every day this summer.",
        ),
        (5, "New play area", "The new play area at Riverside Park is now open."),
    ):
        _published(
            draft(_input(rest[:3], title, text, when=now + datetime.timedelta(days=1))),
            now - datetime.timedelta(days=days),
            by_editor,
            by_approver,
        )


def _published(post: Post, at: datetime.datetime, by_editor: Actor, by_approver: Actor) -> None:
    services.submit_post(post=post, actor=by_editor)
    services.approve_post(post=post, actor=by_approver)
    Post.objects.filter(pk=post.pk).update(scheduled_for=at)
    Delivery.objects.filter(variant__post=post).update(due_at=at, next_attempt_at=at)
    post.refresh_from_db()
    move_post(post, P.PUBLISHING, actor=SYSTEM)
    for delivery in Delivery.objects.filter(variant__post=post).select_related("account"):
        outbox.move(
            delivery,
            Delivery.Status.PUBLISHING,
            actor_user=None,
            actor_label=SYSTEM.display,
            claimed_at=at,
            attempts=1,
        )
        outbox.move(
            delivery,
            Delivery.Status.PUBLISHED,
            actor_user=None,
            actor_label=SYSTEM.display,
            remote_id=f"demo-{delivery.idempotency_key.hex[:12]}",
            published_at=at,
        )
    move_post(post, P.PUBLISHED, actor=SYSTEM, published_at=at)
