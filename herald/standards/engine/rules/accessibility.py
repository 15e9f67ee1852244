"""Accessibility, after the government's guidance on accessible social media.

Screen readers read alt text, spell out lower-case hashtags letter-soup, and read every emoji's
name; long sentences and many links lose people. Media checks are in ``accessibility_media``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.engine.post import Post, finding
from herald.standards.engine.rules import accessibility_media, branding, hashtags
from herald.standards.types import Category, CheckContext, Finding, RuleInfo, Severity

GUIDELINE = (
    "Government guidance on accessible social media, which the Guidelines follow: plain words, "
    "short sentences, CamelCase hashtags at the end, few emojis and links, alt text on images, "
    "captions on video."
)


def _rule(key: str, title: str, description: str, severity: Severity = Severity.ADVICE) -> RuleInfo:
    return RuleInfo(
        id=f"accessibility.{key}",
        category=Category.ACCESSIBILITY,
        title=title,
        description=description,
        default_severity=severity,
        guideline=GUIDELINE,
    )


HASHTAG_CASE = _rule(
    "hashtag_case", "CamelCase hashtags", "A hashtag of several words not written in CamelCase."
)
HASHTAG_COUNT = _rule("hashtag_count", "Hashtag count", "More than two hashtags.")
HASHTAG_POSITION = _rule(
    "hashtag_position", "Hashtags at the end", "A hashtag in the middle of the text."
)
EMOJI_COUNT = _rule("emoji_count", "Emoji count", "More than three emojis.")
EMOJI_WORDS = _rule("emoji_for_words", "Emojis for words", "An emoji standing in for a word.")
LINK_COUNT = _rule("link_count", "Link count", "More than one link.")
SENTENCE_LENGTH = _rule("sentence_length", "Sentence length", "A sentence over 25 words.")
READING_AGE = _rule(
    "reading_age",
    "Reading age",
    "Text whose estimated reading age is well above 9 (Flesch-Kincaid).",
)
CLICK_HERE = _rule("click_here", '"Click here"', 'Link text like "click here".')

MAX_HASHTAGS = 2
MAX_EMOJIS = 3
MAX_LINKS = 1
MAX_SENTENCE_WORDS = 25
# Reading age is Flesch-Kincaid grade + 5. The aim is about 9, and the median ordinary post in the
# evaluation set already sits there (8.7), but the formula is noisy on short social posts: one
# long place name or "consultation" moves it years. At 13, one ordinary post in ten fired; at 15,
# about one in thirty, and the dense, jargon-heavy ones (21, 35) still do. It only runs on posts
# of 20 words or more, where the estimate means something.
READING_AGE_LIMIT = 15.0
READING_AGE_MIN_WORDS = 20

_EMOJI = re.compile(
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2934\u2935\u3030\u303D]"
    r"[\ufe0f\U0001F3FB-\U0001F3FF]*(?:\u200d[^\s]\ufe0f?)*)"
)
_REPLACED_WORD = re.compile(
    r"\b(?:a|an|the|our|your|my|their|his|her|this|these|to|of|for|at|in|on|with|and|some|new)"
    r"\s*(" + _EMOJI.pattern + r")\s*(?=[a-z])",
)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_CLICK_HERE = re.compile(r"\b(?:click|tap|press) (?:here|this link|the link|below|on this)\b")
_VOWELS = re.compile(r"[aeiouy]+")
_SILENT_E = re.compile(r"[^aeiouy\s]e\b")


def find_hashtag_problems(post: Post, context: CheckContext) -> list[Finding]:
    """The three hashtag rules' findings, worked out once per post."""
    cached = post.cache.get("hashtags")
    if cached is None:
        cached = list(_hashtag_problems(post, context)) if "#" in post.text else []
        post.cache["hashtags"] = cached
    return cached  # type: ignore[return-value]


def _without_sign_off(text: str, context: CheckContext) -> str:
    """The text without the account's required sign-off at the end: hashtags just before the
    sign-off ("… #AldermoorReads ^AB") are still at the end of the post."""
    rules = branding.account_rules(context)
    sign_off = rules.required_sign_off.strip() if rules else ""
    stripped = text.rstrip()
    if sign_off and stripped.endswith(sign_off):
        return stripped[: -len(sign_off)]
    return text


def _hashtag_problems(post: Post, context: CheckContext) -> Iterator[Finding]:
    tags = hashtags.hashtags(post.text)
    for tag in tags:
        if hashtags.needs_camel_case(tag.group(1)):
            yield finding(
                HASHTAG_CASE,
                post,
                tag.start(),
                tag.end(),
                "Screen readers cannot tell where the words in this hashtag start.",
                suggestion=f"Capitalise each word, like #{hashtags.camel_case_hint(tag.group(1))}.",
            )
    if len(tags) > MAX_HASHTAGS:
        yield finding(
            HASHTAG_COUNT,
            post,
            tags[MAX_HASHTAGS].start(),
            tags[-1].end(),
            f"This has {len(tags)} hashtags; use at most {MAX_HASHTAGS}.",
            suggestion="Keep the one or two that matter most.",
        )
    for tag in hashtags.mid_text(_without_sign_off(post.text, context), tags):
        yield finding(
            HASHTAG_POSITION,
            post,
            tag.start(),
            tag.end(),
            "Hashtags in the middle of a sentence interrupt screen readers.",
            suggestion="Write the word plainly and put hashtags at the end.",
        )


def find_hashtag_case(post: Post, context: CheckContext) -> Iterator[Finding]:
    return (f for f in find_hashtag_problems(post, context) if f.rule == HASHTAG_CASE.id)


def find_hashtag_count(post: Post, context: CheckContext) -> Iterator[Finding]:
    return (f for f in find_hashtag_problems(post, context) if f.rule == HASHTAG_COUNT.id)


def find_hashtag_position(post: Post, context: CheckContext) -> Iterator[Finding]:
    return (f for f in find_hashtag_problems(post, context) if f.rule == HASHTAG_POSITION.id)


def find_emoji_problems(post: Post, context: CheckContext) -> list[Finding]:
    """The two emoji rules' findings, worked out once per post."""
    cached = post.cache.get("emojis")
    if cached is None:
        cached = [] if post.text.isascii() else list(_emoji_problems(post))
        post.cache["emojis"] = cached
    return cached  # type: ignore[return-value]


def _emoji_problems(post: Post) -> Iterator[Finding]:
    emojis = _EMOJI.findall(post.text)
    if len(emojis) > MAX_EMOJIS:
        yield finding(
            EMOJI_COUNT,
            post,
            0,
            0,
            f"This has {len(emojis)} emojis; screen readers read out every one.",
            suggestion=f"Use at most {MAX_EMOJIS}.",
        )
    for match in _REPLACED_WORD.finditer(post.norm):
        yield finding(
            EMOJI_WORDS,
            post,
            match.start(1),
            match.end(1),
            "This emoji seems to stand in for a word; screen readers read its name instead.",
            suggestion="Write the word, and add the emoji after it if you like.",
        )


def find_emoji_count(post: Post, context: CheckContext) -> Iterator[Finding]:
    return (f for f in find_emoji_problems(post, context) if f.rule == EMOJI_COUNT.id)


def find_emoji_for_words(post: Post, context: CheckContext) -> Iterator[Finding]:
    return (f for f in find_emoji_problems(post, context) if f.rule == EMOJI_WORDS.id)


def find_links(post: Post, context: CheckContext) -> Iterator[Finding]:
    urls = post.urls
    if len(urls) > MAX_LINKS:
        yield finding(
            LINK_COUNT,
            post,
            urls[MAX_LINKS].start(),
            urls[-1].end(),
            f"This has {len(urls)} links; people follow one.",
            suggestion="Link to one page that has everything.",
        )


def find_long_sentences(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.text.count(" ") < MAX_SENTENCE_WORDS:
        return
    for match in _SENTENCE.finditer(post.text):
        words = len(match.group().split())
        if words > MAX_SENTENCE_WORDS:
            yield finding(
                SENTENCE_LENGTH,
                post,
                match.start(),
                match.end(),
                f"This sentence has {words} words; keep sentences to {MAX_SENTENCE_WORDS} or fewer.",
                suggestion="Split it into two sentences.",
            )


def reading_age(text: str) -> float:
    """Flesch-Kincaid grade plus five, with syllables estimated from vowel groups."""
    words = len(text.split())
    sentences = max(1, len([s for s in _SENTENCE.findall(text) if s.strip()]))
    lowered = text.lower()
    syllables = max(words, len(_VOWELS.findall(lowered)) - len(_SILENT_E.findall(lowered)))
    grade = 0.39 * words / sentences + 11.8 * syllables / max(words, 1) - 15.59
    return grade + 5


def find_reading_age(post: Post, context: CheckContext) -> Iterator[Finding]:
    if post.text.count(" ") + 1 < READING_AGE_MIN_WORDS:
        return
    prose = " ".join(w for w in post.text.split() if not w.startswith(("#", "@", "http", "www.")))
    age = reading_age(prose)
    if age > READING_AGE_LIMIT:
        yield finding(
            READING_AGE,
            post,
            0,
            0,
            f"This reads at about age {age:.0f}; aim for 9.",
            suggestion="Use shorter words and sentences.",
        )


def find_click_here(post: Post, context: CheckContext) -> Iterator[Finding]:
    if "here" not in post.norm and "link" not in post.norm and "below" not in post.norm:
        return
    for match in _CLICK_HERE.finditer(post.norm):
        yield finding(
            CLICK_HERE,
            post,
            match.start(),
            match.end(),
            '"Click here" tells nobody where the link goes.',
            suggestion='Say what the link is: "Find your bin day on our website".',
        )


RULES = (
    *accessibility_media.RULES,
    (HASHTAG_CASE, find_hashtag_case),
    (HASHTAG_COUNT, find_hashtag_count),
    (HASHTAG_POSITION, find_hashtag_position),
    (EMOJI_COUNT, find_emoji_count),
    (EMOJI_WORDS, find_emoji_for_words),
    (LINK_COUNT, find_links),
    (SENTENCE_LENGTH, find_long_sentences),
    (READING_AGE, find_reading_age),
    (CLICK_HERE, find_click_here),
)
