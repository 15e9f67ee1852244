"""The benchmark's synthetic source of mentions, shared by the in-process run and the Celery
workers: ``items(start, count)`` makes the same mentions wherever it runs, and the task ingests
one batch of them through the real pipeline (clean, store, match, enrich, roll up)."""

from __future__ import annotations

import datetime
import random

from django.tasks import task

from herald.channels.adapters.base import IncomingItem

EPOCH = datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC)
TEXTS = (
    "Bins on {place} not collected again this week, really fed up",
    "Thank you to the crew who collected our recycling on {place} this morning",
    "Huge pothole on {place}, nearly came off my bike. @AldermoorCC please fix",
    "Great to see the resurfacing on {place} finished ahead of schedule",
    "My council tax bill from Aldermoor Council has gone up again, shocking",
    "Lovely story time at Aldermoor library today, the kids loved it",
    "Damp and mould in our council flat on {place} and no repair date yet",
    "Parking ticket on {place} when the machine was broken, appealing",
    "Bin strike in Aldermoor now day two, rubbish piling up on {place}",
    "RT @aldermoorcc: Bin collections resume on {place} from Monday",
    "<p>Objecting to the planning application for flats on <b>{place}</b></p>",
    "The carers who visit my mum are wonderful, thank you Aldermoor",
)
PLACES = ("Elm Road", "Castle Hill", "Northgate", "Riverside", "Station Road", "the high street")


def items(start: int, count: int) -> list[IncomingItem]:
    rng = random.Random(start)
    out = []
    for number in range(start, start + count):
        text = rng.choice(TEXTS).format(place=rng.choice(PLACES))
        out.append(
            IncomingItem(
                remote_id=f"bench-{number}",
                text=f"{text} ({number % 997})",
                posted_at=EPOCH + datetime.timedelta(seconds=number * 2),
                author_handle=f"@resident{number % 5000}",
                language="en",
                likes=number % 7,
            )
        )
    return out


@task()
def ingest_generated(source_id: int, start: int, count: int) -> int:
    """Ingest mentions ``start``..``start + count`` into the source (the Celery run's unit)."""
    from herald.listening.ingest.pipeline import ingest_batch  # noqa: PLC0415
    from herald.listening.models import Source  # noqa: PLC0415

    source = Source.objects.select_related("connection").get(pk=source_id)
    return ingest_batch(source=source, items=items(start, count)).inserted
