"""Checks before a post may be submitted or scheduled, so bad input fails early with a clear
message rather than at publish time: the account's connection, each network's limits on text and
media, alt text, captions, the rights to each media item, and the time.

Also the standards findings for each variant, from ``herald.standards.engine``: stored on the
variant; during a pre-election hold the political rules become blocking for covered accounts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.channels.limits import ADAPTER_FOR_ESTATE_NETWORK, limits_for
from herald.channels.selectors import cannot_publish_reason, connections_for
from herald.publishing.models import Hold, MediaItem, Post, PostVariant, VariantMedia
from herald.publishing.selectors import active_holds, hold_covers
from herald.standards import engine
from herald.standards import types as standards
from herald.standards.selectors import rule_pack_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from herald.channels.adapters.base import MediaLimits
    from herald.channels.models import ChannelConnection

MB = 1024 * 1024
# The standards engine's network names for the register's networks.
ENGINE_NETWORK = {"facebook_page": "facebook", "facebook_group": "facebook"}
BLOCK, SIGN_OFF = str(standards.Severity.BLOCK), str(standards.Severity.SIGN_OFF)


@dataclass(frozen=True)
class Problem:
    message: str
    code: str
    account: str = ""  # the account's name, when the problem is about one variant


def network_for(variant: PostVariant, connection: ChannelConnection | None) -> str | None:
    """The adapter key whose limits apply: the connection's, else the register's network."""
    if connection is not None:
        return connection.network
    return ADAPTER_FOR_ESTATE_NETWORK.get(variant.account.network)


def limits_or_none(network: str | None) -> MediaLimits | None:
    if network is None:
        return None
    try:
        return limits_for(network)
    except LookupError:
        return None


def post_problems(
    post: Post, *, scheduling: bool, at: datetime.datetime | None = None
) -> list[Problem]:
    """Everything that stops ``post`` going out. ``scheduling`` adds the account's connection
    and the time; submission checks the content alone."""
    now = at or timezone.now()
    problems: list[Problem] = []
    variants = list(post.variants.select_related("account").prefetch_related("media__item"))
    if not variants:
        problems.append(Problem("Choose at least one account to post to.", "no_accounts"))
    connections = connections_for(
        council=post.council, account_ids=[v.account_id for v in variants]
    )
    if scheduling:
        if post.scheduled_for is None:
            problems.append(Problem("Choose when the post should go out.", "no_time"))
        elif post.scheduled_for < now - datetime.timedelta(minutes=1):
            problems.append(
                Problem("The time to post is in the past: choose a time to come.", "time_in_past")
            )
    for variant in variants:
        connection = connections.get(variant.account_id)
        if scheduling:
            reason = cannot_publish_reason(connection)
            if reason:
                problems.append(
                    Problem(
                        f"{variant.account.name} {reason}.", "not_connected", variant.account.name
                    )
                )
        day = (post.scheduled_for or now).date()
        problems.extend(variant_problems(variant, network_for(variant, connection), day=day))
    return problems


def variant_problems(
    variant: PostVariant, network: str | None, *, day: datetime.date
) -> list[Problem]:
    name = variant.account.name
    found: list[Problem] = []

    def add(message: str, code: str) -> None:
        found.append(Problem(f"{name}: {message}", code, name))

    uses = list(variant.media.all())
    images = [u for u in uses if u.item.kind == MediaItem.Kind.IMAGE]
    videos = [u for u in uses if u.item.kind == MediaItem.Kind.VIDEO]
    if not variant.text.strip() and not uses:
        add("write the text of the post.", "no_text")
    limits = limits_or_none(network)
    if limits is None:
        add("Herald cannot publish to this network.", "unsupported_network")
    else:
        _limit_problems(variant, limits, images, videos, add)
        _file_problems(limits, images, videos, add)
    for use in images:
        if not use.alt_text.strip():
            add(f"describe {use.item.original_name} (alt text is required).", "missing_alt_text")
    for use in videos:
        if use.item.captions_id is None:
            add(f"{use.item.original_name} needs a captions file.", "missing_captions")
    for use in uses:
        for message, code in media_item_problems(use.item, day):
            add(message, code)
    return found


def _limit_problems(
    variant: PostVariant,
    limits: MediaLimits,
    images: list[VariantMedia],
    videos: list[VariantMedia],
    add: Callable[[str, str], None],
) -> None:
    if len(variant.text) > limits.max_text:
        add(
            f"the text is {len(variant.text):,} characters; the network allows "
            f"{limits.max_text:,}.",
            "text_too_long",
        )
    if len(images) > limits.max_images:
        allowed = "no images" if not limits.max_images else f"up to {limits.max_images} images"
        add(f"the network takes {allowed}; this has {len(images)}.", "too_many_images")
    if len(videos) > limits.max_videos:
        add(f"the network takes {limits.max_videos} video at most.", "too_many_videos")
    if images and videos and not limits.images_and_video_together:
        add("use images or a video, not both.", "images_and_video")
    if limits.needs_video and not videos:
        add("the network needs a video.", "needs_video")
    elif limits.needs_media and not (images or videos):
        add("the network needs an image or a video.", "needs_media")
    if limits.needs_video and not variant.video_title.strip():
        add("give the video a title.", "no_video_title")
    if variant.first_comment.strip() and not limits.first_comment:
        add("the network does not take a first comment.", "first_comment")


def _file_problems(
    limits: MediaLimits,
    images: list[VariantMedia],
    videos: list[VariantMedia],
    add: Callable[[str, str], None],
) -> None:
    for uses, types, most, noun in (
        (images, limits.image_types, limits.max_image_bytes, "images"),
        (videos, limits.video_types, limits.max_video_bytes, "videos"),
    ):
        for use in uses:
            item = use.item
            if item.content_type not in types:
                add(
                    f"{item.original_name} is a {item.content_type} the network cannot take.",
                    "media_type",
                )
            if item.size_bytes > most:
                add(
                    f"{item.original_name} is {item.size_bytes / MB:.1f} MB; the network takes "
                    f"{noun} up to {most / MB:.1f} MB.",
                    "media_too_big",
                )
    for use in images:
        if limits.alt_text and len(use.alt_text) > limits.max_alt_text:
            add(
                f"the alt text for {use.item.original_name} is longer than the network's "
                f"{limits.max_alt_text:,} characters.",
                "alt_text_too_long",
            )


def media_item_problems(item: MediaItem, day: datetime.date) -> list[tuple[str, str]]:
    """Why a library item may not be used on ``day``: withdrawn, expired, no consent."""
    problems = []
    if item.withdrawn_at is not None:
        problems.append(
            (f"{item.original_name} has been withdrawn from the library.", "media_withdrawn")
        )
    if item.expires_on is not None and item.expires_on < day:
        problems.append(
            (
                f"the right to use {item.original_name} expired on {item.expires_on:%-d %B %Y}.",
                "media_expired",
            )
        )
    if item.shows_people and not item.consent_reference.strip():
        problems.append(
            (f"{item.original_name} shows people and has no consent recorded.", "no_consent")
        )
    return problems


# Standards findings -----------------------------------------------------------------------


def pre_election_holds(post: Post, *, at: datetime.datetime | None = None) -> list[Hold]:
    """The pre-election holds in force over any of the post's accounts, at its time (or now)."""
    moment = post.scheduled_for or at or timezone.now()
    account_ids = list(post.variants.values_list("account_id", flat=True))
    holds = active_holds(post.council_id, account_ids, max(moment, timezone.now()))
    return [h for h in holds if h.kind == Hold.Kind.PRE_ELECTION]


def check_context(
    post: Post, variant: PostVariant, pack: standards.RulePack
) -> standards.CheckContext:
    network = variant.account.network
    media = tuple(
        standards.MediaItem(
            kind=str(use.item.kind),
            alt_text=use.alt_text,
            filename=use.item.original_name,
            has_captions=use.item.captions_id is not None,
            shows_children=False,
            consent_recorded=bool(use.item.consent_reference.strip()) or not use.item.shows_people,
            source=use.item.source,
            licence=use.item.licence,
        )
        for use in variant.media.select_related("item")
        if use.item.kind in (MediaItem.Kind.IMAGE, MediaItem.Kind.VIDEO)
    )
    campaign = post.campaign
    return standards.CheckContext(
        pack=pack,
        network=ENGINE_NETWORK.get(network, network),
        account=variant.account.handle,
        media=media,
        on=timezone.localtime(post.scheduled_for).date() if post.scheduled_for else None,
        campaign=campaign.name if campaign else "",
        campaign_planned_on=timezone.localtime(campaign.created_at).date() if campaign else None,
    )


def findings_for(
    post: Post, variant: PostVariant, *, pack: standards.RulePack, holds: list[Hold]
) -> list[dict[str, Any]]:
    """The variant's findings as stored: the engine's, with political findings made blocking
    while a pre-election hold covers its account."""
    found = engine.check(variant.text, check_context(post, variant, pack))
    if variant.first_comment.strip():
        found += engine.check(variant.first_comment, check_context(post, variant, pack))
    escalate = any(hold_covers(hold, variant.account_id) for hold in holds)
    rows = []
    for finding in found:
        row = finding.as_dict()
        if escalate and finding.category == standards.Category.POLITICAL:
            row["severity"] = BLOCK
            row["escalated"] = "Blocking during the pre-election period"
        rows.append(row)
    return rows


def refresh_findings(post: Post) -> list[PostVariant]:
    """Check every variant with the standards engine and store what it found."""
    pack = rule_pack_for(council=post.council)
    holds = pre_election_holds(post)
    variants = list(post.variants.select_related("account"))
    now = timezone.now()
    for variant in variants:
        variant.findings = findings_for(post, variant, pack=pack, holds=holds)
        variant.checked_at = now
        PostVariant.objects.filter(pk=variant.pk).update(
            findings=variant.findings, checked_at=now, updated_at=now
        )
    return variants


def blocking_findings(variants: list[PostVariant]) -> list[tuple[PostVariant, dict[str, Any]]]:
    return [(v, f) for v in variants for f in v.findings if f.get("severity") == BLOCK]


def sign_off_findings(variants: list[PostVariant]) -> dict[str, list[PostVariant]]:
    """Each rule needing sign-off, with the variants where it was found."""
    needed: dict[str, list[PostVariant]] = {}
    for variant in variants:
        for finding in variant.findings:
            if finding.get("severity") == SIGN_OFF:
                needed.setdefault(str(finding["rule"]), [])
                if variant not in needed[str(finding["rule"])]:
                    needed[str(finding["rule"])].append(variant)
    return needed
