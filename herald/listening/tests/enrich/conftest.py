"""Shared set-up for enrichment and routing tests: a small labelled set and mentions to enrich."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

from django.utils import timezone

from herald.councils.models import Council
from herald.listening.enrichment.training import Example
from herald.listening.models import Mention, Source

DATASET = Path(__file__).resolve().parents[2] / "data" / "mentions_labelled.csv"

# Six examples of three services: enough to train, small enough to train in milliseconds.
EXAMPLES: list[Example] = [
    *[
        (text, "waste")
        for text in (
            "bin not collected again",
            "recycling bin left full on our street",
            "garden waste collection missed",
            "fly tipping by the recycling bank",
            "the bin lorry skipped our road",
            "food waste caddy not emptied",
        )
    ],
    *[
        (text, "roads")
        for text in (
            "pothole on the high street",
            "huge pothole damaged my tyre",
            "street light out on the main road",
            "roadworks causing gridlock",
            "the road surface is breaking up",
            "gritting lorry never came down our road",
        )
    ],
    *[
        (text, "libraries")
        for text in (
            "library opening hours changed",
            "renew my library books online",
            "rhyme time at the library",
            "library computers broken",
            "the library is closing on fridays",
            "borrow ebooks from the library app",
        )
    ],
]

_ids = itertools.count(1)


def source_for(council: Council) -> Source:
    source, _ = Source.objects.get_or_create(
        council=council, kind=Source.Kind.IMPORT, name="Test import"
    )
    return source


def mention(council: Council, text: str) -> Mention:
    return Mention.objects.create(
        council=council,
        source=source_for(council),
        network="import",
        remote_id=f"m{next(_ids)}",
        text=text,
        posted_at=timezone.now(),
        duplicate_key=hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest(),
    )
