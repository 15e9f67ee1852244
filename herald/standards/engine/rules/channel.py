"""Channel limits: each network's length limit, counted the way that network counts.

Strategy (report, Appendix 2): content is planned per channel; a post the network would refuse or
cut short is not ready to go out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from herald.standards.engine.post import Post, finding
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Social Media Strategy: content is written for each channel; a post the network would refuse "
    "or cut short must be edited first."
)
LENGTH = RuleInfo(
    id="channel.length",
    category=Category.CHANNEL,
    title="Length limit",
    description="Longer than the network allows, counted the way the network counts.",
    default_severity=Severity.BLOCK,
    guideline=GUIDELINE,
)
HASHTAG_LIMIT = RuleInfo(
    id="channel.hashtag_limit",
    category=Category.CHANNEL,
    title="Hashtag limit",
    description="More hashtags than the network accepts (Instagram: 30).",
    default_severity=Severity.BLOCK,
    guideline=GUIDELINE,
)
URL_WEIGHT = 23  # X and Mastodon count every link as 23 characters, however long
_HASHTAG = re.compile(r"(?<![\w&])#\w+")
_MASTODON_MENTION = re.compile(r"(@\w+)@[\w.-]+\.\w+")


def _light(code: int) -> bool:
    # X's weighting (twitter-text v3): these ranges (Latin, most punctuation) count once;
    # everything else (CJK, emoji) counts twice.
    return code <= 4351 or 8192 <= code <= 8205 or 8208 <= code <= 8223 or 8242 <= code <= 8247


def _without_urls(post: Post) -> tuple[str, int]:
    text, count = post.text, len(post.urls)
    for match in reversed(post.urls):
        text = text[: match.start()] + text[match.end() :]
    return text, count


def x_length(post: Post) -> int:
    text, urls = _without_urls(post)
    if text.isascii():
        return urls * URL_WEIGHT + len(text)
    text = unicodedata.normalize("NFC", text)
    # An emoji sequence joined by zero-width joiners and modifiers counts once (as two).
    text = re.sub(r"\u200d.|[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]", "", text)
    return urls * URL_WEIGHT + sum(1 if _light(ord(c)) else 2 for c in text)


def graphemes(text: str) -> int:
    """Grapheme clusters, near enough for a limit: combining marks, joiners, variation
    selectors, skin tones and each second regional-indicator letter do not start a new one."""
    text = re.sub(r"\u200d.", "", text)
    count = 0
    regional = False
    for char in text:
        code = ord(char)
        if 0x1F1E6 <= code <= 0x1F1FF:
            regional = not regional
            count += regional
            continue
        regional = False
        if unicodedata.category(char) in {"Mn", "Me"} or code in {0xFE0E, 0xFE0F}:
            continue
        if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        count += 1
    return count


def mastodon_length(post: Post) -> int:
    text, urls = _without_urls(post)
    return urls * URL_WEIGHT + len(_MASTODON_MENTION.sub(r"\1", text))


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    characters: int
    counter: Callable[[Post], int]
    # No text under this many code points can exceed the limit (unless links, weighted as 23,
    # are shorter than that): skip counting it.
    always_fits_under: int
    weights_urls: bool = False


LIMITS: dict[str, Limit] = {
    "x": Limit("X", 280, x_length, 141, weights_urls=True),
    "bluesky": Limit("Bluesky", 300, lambda p: graphemes(p.text), 301),
    "mastodon": Limit("Mastodon", 500, mastodon_length, 501, weights_urls=True),
    "threads": Limit("Threads", 500, lambda p: len(p.text), 501),
    "instagram": Limit("Instagram", 2_200, lambda p: len(p.text), 2_201),
    "linkedin": Limit("LinkedIn", 3_000, lambda p: len(p.text), 3_001),
    "youtube": Limit("YouTube", 5_000, lambda p: len(p.text), 5_001),
    "facebook": Limit("Facebook", 63_206, lambda p: len(p.text), 63_207),
}
INSTAGRAM_HASHTAGS = 30


def find_too_long(post: Post, context: CheckContext) -> Iterator[Finding]:
    limit = LIMITS.get((context.network or "").lower())
    if limit is None:
        return
    if len(post.text) < limit.always_fits_under and not (limit.weights_urls and post.urls):
        return
    length = limit.counter(post)
    if length > limit.characters:
        yield finding(
            LENGTH,
            post,
            0,
            0,
            f"{limit.name} allows {limit.characters:,} characters; this counts as {length:,}.",
            kind=(context.network or "").lower(),
            suggestion=f"Cut {length - limit.characters:,} characters, or split it into a thread.",
        )


def find_too_many_hashtags(post: Post, context: CheckContext) -> Iterator[Finding]:
    if (context.network or "").lower() != "instagram" or "#" not in post.text:
        return
    tags = _HASHTAG.findall(post.text)
    if len(tags) > INSTAGRAM_HASHTAGS:
        yield finding(
            HASHTAG_LIMIT,
            post,
            0,
            0,
            f"Instagram accepts at most {INSTAGRAM_HASHTAGS} hashtags; this has {len(tags)}.",
            kind="instagram",
            suggestion="Keep the few that people actually follow.",
        )


RULES = ((LENGTH, find_too_long), (HASHTAG_LIMIT, find_too_many_hashtags))
