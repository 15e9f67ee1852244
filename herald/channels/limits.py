"""What each network accepts in one post, checked when a post is scheduled so bad input fails
early rather than at publish time. Figures are from the networks' documentation (see
``/docs/channels.md``); an adapter may refine them per account (a Mastodon instance's own
``configuration.statuses.max_characters``).
"""

from __future__ import annotations

from herald.channels.adapters.base import MediaLimits

MB = 1024 * 1024

LIMITS: dict[str, MediaLimits] = {
    # Herald's own local network, generous but finite so the checks are exercised in the demo.
    "sandbox": MediaLimits(max_text=1000, max_images=4, max_image_bytes=8 * MB),
    "mastodon": MediaLimits(
        max_text=500,
        max_images=4,
        image_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"}),
        video_types=frozenset({"video/mp4", "video/webm", "video/quicktime"}),
        max_image_bytes=16 * MB,
        max_video_bytes=99 * MB,
        max_alt_text=1500,
    ),
    "bluesky": MediaLimits(
        max_text=300,  # graphemes
        max_images=4,
        image_types=frozenset({"image/jpeg", "image/png", "image/webp"}),
        max_image_bytes=976 * 1024,
        max_video_bytes=50 * MB,
        max_alt_text=2000,
        first_comment=True,
    ),
    "x": MediaLimits(
        max_text=280,
        max_images=4,
        image_types=frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"}),
        max_image_bytes=5 * MB,
        max_video_bytes=512 * MB,
        max_alt_text=1000,
    ),
    "facebook_page": MediaLimits(
        max_text=63206,
        max_images=4,
        max_image_bytes=10 * MB,
        max_video_bytes=1024 * MB,
        max_alt_text=1000,
    ),
    "instagram": MediaLimits(
        max_text=2200,
        max_images=4,
        image_types=frozenset({"image/jpeg"}),
        max_image_bytes=8 * MB,
        video_types=frozenset({"video/mp4", "video/quicktime"}),
        max_video_bytes=300 * MB,
        needs_media=True,
        max_alt_text=1000,
    ),
    "linkedin": MediaLimits(
        max_text=3000,
        max_images=4,
        image_types=frozenset({"image/jpeg", "image/png", "image/gif"}),
        max_image_bytes=20 * MB,
        max_video_bytes=500 * MB,
        max_alt_text=4086,
    ),
    "youtube": MediaLimits(
        max_text=5000,  # the description
        max_images=0,
        video_types=frozenset({"video/mp4", "video/quicktime", "video/webm"}),
        max_video_bytes=256 * 1024 * MB,
        needs_media=True,
        needs_video=True,
        alt_text=False,
        first_comment=True,
    ),
}

# The adapter a register account's network uses when it is connected directly.
ADAPTER_FOR_ESTATE_NETWORK: dict[str, str] = {
    "facebook_page": "facebook_page",
    "instagram": "instagram",
    "x": "x",
    "linkedin": "linkedin",
    "youtube": "youtube",
    "mastodon": "mastodon",
    "bluesky": "bluesky",
}


def limits_for(network: str) -> MediaLimits:
    try:
        return LIMITS[network]
    except KeyError:
        raise LookupError(f"Herald cannot publish to {network!r}") from None
