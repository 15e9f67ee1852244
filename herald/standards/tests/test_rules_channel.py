"""Channel limits, counted the way each network counts."""

from __future__ import annotations

import pytest

from herald.standards.engine import check
from herald.standards.engine.post import Post
from herald.standards.engine.rules.channel import graphemes, x_length
from herald.standards.types import CheckContext

LONG_URL = "https://aldermoor.gov.uk/" + "a" * 100


def lengths(text: str, network: str) -> list[str]:
    return [
        f.message for f in check(text, CheckContext(network=network)) if f.category == "channel"
    ]


def test_x_counts_every_link_as_23() -> None:
    text = "a" * 250 + " " + LONG_URL  # 376 characters, but 250 + 1 + 23 to X
    assert x_length(Post(text)) == 274
    assert lengths(text, "x") == []
    assert lengths("a" * 281, "x") == ["X allows 280 characters; this counts as 281."]


def test_x_counts_a_short_link_as_23_too() -> None:
    text = " ".join(["a.uk"] * 13)  # 64 characters, 13 links: 13 * 23 + 12 spaces
    assert lengths(text, "x") == ["X allows 280 characters; this counts as 311."]


def test_x_counts_emoji_and_cjk_twice() -> None:
    assert x_length(Post("🎉" * 140)) == 280
    assert x_length(Post("👍🏽" * 10)) == 20
    assert lengths("市" * 141, "x") == ["X allows 280 characters; this counts as 282."]


def test_bluesky_counts_graphemes() -> None:
    assert graphemes("e\u0301" * 300) == 300
    assert graphemes("👨\u200d👩\u200d👧" * 3) == 3
    assert graphemes("🇬🇧🇫🇷") == 2
    assert lengths("e\u0301" * 300, "bluesky") == []
    assert lengths("a" * 301, "bluesky") == ["Bluesky allows 300 characters; this counts as 301."]


def test_mastodon_counts_links_as_23_and_remote_mentions_by_user_name() -> None:
    text = "@parks@social.aldermoor.gov.uk " + "a" * 460 + " " + LONG_URL
    assert lengths(text, "mastodon") == []
    assert lengths("a" * 501, "mastodon") == ["Mastodon allows 500 characters; this counts as 501."]


@pytest.mark.parametrize(
    ("network", "limit"),
    [("instagram", 2_200), ("linkedin", 3_000), ("facebook", 63_206)],
)
def test_long_form_networks(network: str, limit: int) -> None:
    assert lengths("a" * limit, network) == []
    assert len(lengths("a" * (limit + 1), network)) == 1


def test_no_network_no_limit() -> None:
    assert lengths("a" * 5_000, "") == []


def test_instagram_takes_at_most_30_hashtags() -> None:
    text = " ".join(f"#Tag{i}" for i in range(31))
    found = [f.rule for f in check(text, CheckContext(network="instagram"))]
    assert "channel.hashtag_limit" in found
    text = " ".join(f"#Tag{i}" for i in range(30))
    assert "channel.hashtag_limit" not in [
        f.rule for f in check(text, CheckContext(network="instagram"))
    ]
