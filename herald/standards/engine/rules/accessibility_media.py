"""Accessibility of attached media: meaningful alt text on images, captions on video."""

from __future__ import annotations

import re
from collections.abc import Iterator

from herald.standards.engine.post import Post, finding
from herald.standards.types import Category, CheckContext, Finding, MediaItem, RuleInfo, Severity

GUIDELINE = (
    "Government guidance on accessible social media: every image needs alt text that says what "
    "it shows, and every video needs captions."
)
ALT_TEXT = RuleInfo(
    id="accessibility.alt_text",
    category=Category.ACCESSIBILITY,
    title="Alt text on images",
    description='An image with no alt text, a file name for alt text, or "image of …".',
    default_severity=Severity.BLOCK,
    guideline=GUIDELINE,
)
CAPTIONS = RuleInfo(
    id="accessibility.captions",
    category=Category.ACCESSIBILITY,
    title="Captions on video",
    description="A video without captions.",
    default_severity=Severity.BLOCK,
    guideline=GUIDELINE,
)
_FILE_NAME = re.compile(
    r"^\s*(?:\S+\.(?:jpe?g|png|gif|webp|heic|tiff?|bmp|svg|mp4|mov)|(?:img|dsc|dscn|pxl|screenshot)"
    r"[\s_-]?\d[\w-]*)\s*$",
    re.IGNORECASE,
)
_EMPTY_WORDS = re.compile(
    r"^\s*(?:(?:an?\s+)?(?:image|picture|photo|photograph|graphic|img|pic)(?:\s+of\b.*)?"
    r"|untitled|alt|alt text|placeholder|\W*)\s*$",
    re.IGNORECASE,
)
_STARTS_IMAGE_OF = re.compile(r"^\s*(?:an?\s+)?(?:image|picture|photo|graphic) of\b", re.I)


def alt_text_problem(item: MediaItem) -> str | None:
    """What is wrong with an image's alt text, or None."""
    alt = item.alt_text.strip()
    if not alt:
        return "This image has no alt text."
    if _FILE_NAME.match(alt) or (item.filename and alt == item.filename.strip()):
        return "This image's alt text is a file name."
    if _STARTS_IMAGE_OF.match(alt):
        return 'Alt text should not start "image of"; screen readers already say it is an image.'
    if _EMPTY_WORDS.match(alt):
        return "This image's alt text does not say what it shows."
    return None


def find_alt_text(post: Post, context: CheckContext) -> Iterator[Finding]:
    for number, item in enumerate(context.media, start=1):
        if item.kind != "image":
            continue
        problem = alt_text_problem(item)
        if problem:
            yield finding(
                ALT_TEXT,
                post,
                0,
                0,
                f"Image {number}: {problem}",
                suggestion="Describe what the image shows and why it is there, in a sentence.",
            )


def find_missing_captions(post: Post, context: CheckContext) -> Iterator[Finding]:
    for number, item in enumerate(context.media, start=1):
        if item.kind == "video" and not item.has_captions:
            yield finding(
                CAPTIONS,
                post,
                0,
                0,
                f"Video {number} has no captions.",
                suggestion="Add captions (burnt in or as a caption file) before publishing.",
            )


RULES = ((ALT_TEXT, find_alt_text), (CAPTIONS, find_missing_captions))
