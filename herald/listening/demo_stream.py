"""The words of the demo's mention stream: what Aldermoor's residents say, by service, in the
tone they say it. Pure data and a seeded generator, so the stream is the same on every load."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from herald.channels.adapters.base import IncomingItem

PLACES = (
    "Elm Road",
    "the high street",
    "Castle Hill",
    "Northgate",
    "the market square",
    "Riverside",
    "Station Road",
    "Aldermoor Park",
)

SAYINGS: dict[str, tuple[str, ...]] = {
    "waste": (
        "Bins on {place} not collected again this week, really fed up",
        "Thank you to the crew who collected our recycling on {place} this morning",
        "Why was the green bin missed on {place}? Third time this month",
        "Brilliant work by the Aldermoor waste team clearing the fly-tipping on {place}",
    ),
    "roads": (
        "Huge pothole on {place}, nearly came off my bike. @AldermoorCC please fix",
        "Great to see the resurfacing on {place} finished ahead of schedule",
        "Street lights out all along {place} again, it's dangerous at night",
        "Road closure on {place} with no warning, traffic chaos",
    ),
    "council tax": (
        "My council tax bill from Aldermoor Council has gone up again, shocking",
        "Easy to set up my council tax direct debit online, well done Aldermoor",
        "Still waiting for a reply about my council tax reduction, weeks now",
    ),
    "libraries": (
        "Lovely story time at Aldermoor library today, the kids loved it",
        "So pleased the {place} library is staying open on Saturdays",
        "The library wifi has been down all week, can't do my job search",
    ),
    "adult social care": (
        "The carers who visit my mum are wonderful, thank you Aldermoor",
        "Waiting months for a care assessment for my dad, nobody calls back",
    ),
    "children's services": (
        "Fantastic holiday activities for children at {place} this summer",
        "Struggling to get an answer about school transport from the council",
    ),
    "housing": (
        "Damp and mould in our council flat on {place} and no repair date yet",
        "The housing officer was really helpful sorting our repair, thank you",
    ),
    "planning": (
        "Objecting to the planning application for flats on {place}, far too big",
        "Good to see the old cinema on {place} getting planning permission",
    ),
    "parking": (
        "Parking ticket on {place} when the machine was broken, appealing",
        "The new residents' parking scheme on {place} has made a real difference",
    ),
}

STRIKE = (
    "Bin strike in Aldermoor now day two, rubbish piling up on {place}",
    "When will Aldermoor Council sort the bin strike? Bags everywhere on {place}",
    "Foxes into the rubbish on {place} because of the bin strike, disgusting",
    "Support the bin workers on strike, but Aldermoor needs to get talking",
    "No bin collection again on {place} because of the strike, what do we do with our waste?",
)

SAFEGUARDING = (
    "I'm really worried about the little boy next door on Castle Hill. He's been left on his "
    "own for days, crying, and I don't think he's had anything to eat. Please can someone check."
)


def _item(rng: random.Random, number: int, text: str, when: datetime.datetime) -> IncomingItem:
    handle = f"@resident{rng.randrange(1, 400)}"
    return IncomingItem(
        remote_id=f"demo-{number:05d}",
        text=text.format(place=rng.choice(PLACES)),
        posted_at=when,
        author_handle=handle,
        author_name=handle[1:].title(),
        language="en",
        likes=rng.randrange(0, 25),
        shares=rng.randrange(0, 6),
        replies=rng.randrange(0, 8),
    )


def public_stream(*, now: datetime.datetime, seed: int = 7) -> Iterator[IncomingItem]:
    """About 300 public posts over the last 30 days, and a bin-strike spike yesterday."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    services = list(SAYINGS)
    number = 0
    for day in range(30, 0, -1):
        for _ in range(rng.randrange(6, 11)):
            number += 1
            when = now - datetime.timedelta(days=day, minutes=rng.randrange(0, 24 * 60))
            yield _item(rng, number, rng.choice(SAYINGS[rng.choice(services)]), when)
    yesterday = (now - datetime.timedelta(days=1)).replace(hour=7, minute=0, second=0)
    for _ in range(70):  # the spike: the strike, over yesterday's morning
        number += 1
        when = yesterday + datetime.timedelta(minutes=rng.randrange(0, 6 * 60))
        yield _item(rng, number, rng.choice(STRIKE), when)


RESIDENT_COMMENTS = (
    "Which day will my street get its collection now?",
    "Thank you for the update, really helpful",
    "This is the third time this month, not good enough",
    "Will the recycling centre be open at the weekend?",
)
RESIDENT_MESSAGES = (
    "Hello, my brown bin was stolen, how do I get a new one? 12 Station Road",
    "Can I pay my council tax in instalments? Account 40012345",
)
