"""What an item must be to become a mention, and its comparable form for near-duplicates.

Pure: an ``IncomingItem`` in, a cleaned item or the reason it is skipped out. HTML is reduced to
its text (never stored as markup); an enormous post, an empty one, one in a script Herald cannot
analyse, or one the network sent malformed is skipped with a reason a person can read.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from herald.channels.adapters.base import IncomingItem

MAX_TEXT = 10_000
MAX_REMOTE_ID = 500
FUTURE_SLACK = datetime.timedelta(days=1)
# Languages whose words Herald's analysers read (English, Welsh, Gaelic, Irish, Cornish, Manx,
# Scots); anything else tagged by the network is skipped as an unknown language.
KNOWN_LANGUAGES = frozenset({"en", "cy", "gd", "ga", "kw", "gv", "sco", "und"})
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_URL = re.compile(r"https?://\S+")
_REPOST = re.compile(r"^\s*(?:rt|repost(?:ed)?)\s*@[\w.-]+:?\s*", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w\s]+", re.UNICODE)


class _Text(HTMLParser):
    BLOCKS = frozenset({"p", "br", "div", "li", "blockquote", "h1", "h2", "h3", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(text: str) -> str:
    """Markup reduced to its words; entities decoded; control characters and runs of spaces go."""
    if text.isascii() and text.isprintable() and "<" not in text and "&" not in text:
        # Most posts: one line of plain ASCII, nothing to decode, normalise or remove.
        return text.strip() if "  " not in text else _SPACE.sub(" ", text).strip()
    return _plain_text_of_anything(text)


def _plain_text_of_anything(text: str) -> str:
    if _TAG.search(text):
        parser = _Text()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    else:
        text = html.unescape(text)
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text))
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def duplicate_key(text: str) -> str:
    """The sha1 of the text with reposting marks, links, punctuation and case taken away."""
    core = _URL.sub(" ", _REPOST.sub("", text.lower()))
    core = " ".join(_NOT_WORD.sub(" ", core).split())
    return hashlib.sha1(core.encode(), usedforsecurity=False).hexdigest()


def looks_like_repost(text: str) -> bool:
    return bool(_REPOST.match(text))


@dataclass(frozen=True)
class Skip:
    remote_id: str
    reason: str
    excerpt: str


def _language(item: IncomingItem) -> str:
    return item.language.strip().lower().replace("_", "-").split("-")[0][:16]


def _unreadable(text: str) -> bool:
    """Mostly letters of scripts other than Latin: a language the analysers cannot read."""
    if text.isascii():
        return False
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 8:
        return False
    latin = sum(1 for char in letters if "LATIN" in unicodedata.name(char, ""))
    return latin / len(letters) < 0.5


def _refusal(item: IncomingItem) -> str:
    """Why the raw item cannot be taken at all, or ""."""
    if item.problem:
        return item.problem
    if not item.remote_id.strip() or len(item.remote_id) > MAX_REMOTE_ID:
        return "No usable id from the network"
    if len(item.text) > MAX_TEXT * 4:  # refused before parsing: the markup could be huge too
        return f"Enormous post ({len(item.text):,} characters)"
    return ""


def _text_refusal(item: IncomingItem, text: str, language: str) -> str:
    if not text:
        return "No text (empty once markup was removed)"
    if len(text) > MAX_TEXT:
        return f"Enormous post ({len(text):,} characters; at most {MAX_TEXT:,})"
    if language and language not in KNOWN_LANGUAGES:
        return f"Unknown language ({language})"
    if _unreadable(text):
        return "Unknown language (not in a script Herald reads)"
    return ""


def clean(item: IncomingItem, *, now: datetime.datetime) -> IncomingItem | Skip:
    """The item ready to store, or why it is skipped."""
    excerpt = item.text[:200]
    refusal = _refusal(item)
    if refusal:
        return Skip(item.remote_id[:MAX_REMOTE_ID], refusal[:300], excerpt)
    text, language = plain_text(item.text), _language(item)
    refusal = _text_refusal(item, text, language)
    posted_at = item.posted_at
    if posted_at.tzinfo is None:
        posted_at = posted_at.replace(tzinfo=datetime.UTC)
    if not refusal and posted_at > now + FUTURE_SLACK:
        refusal = "Dated in the future"
    if refusal:
        return Skip(item.remote_id, refusal, excerpt)
    return replace(
        item,
        text=text,
        posted_at=posted_at,
        language=language,
        is_repost=item.is_repost or looks_like_repost(text),
        author_handle=item.author_handle[:300],
        author_name=plain_text(item.author_name)[:300],
        url=item.url[:1000] if item.url.startswith(("http://", "https://")) else "",
        in_reply_to=item.in_reply_to[:500],
        thread_key=item.thread_key[:500],
    )
