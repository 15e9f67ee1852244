"""Demo data for listening's ingestion: Aldermoor's queries, its sources, and a realistic mention
stream through the real pipeline (cleaning, matching, enrichment, rollups):

- about 300 public posts over the last 30 days from an imported listening export, with a
  bin-strike spike yesterday;
- residents' comments on the council's own Sandbox posts and their direct messages to its
  accounts (the inbox turns those into conversations), read by polling the Sandbox's API —
  one of the messages is a planted safeguarding concern;
- a Mastodon source that had a closed capture gap last week, shown for its period.

Idempotent: mentions are unique by network and id, sources and queries by name; residents'
items are added once. Audited as the system.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.audit.services import SYSTEM
from herald.channels.models import ChannelConnection, SandboxAccount
from herald.channels.sandbox import residents
from herald.channels.sandbox import service as sandbox
from herald.listening.demo_stream import (
    RESIDENT_COMMENTS,
    RESIDENT_MESSAGES,
    SAFEGUARDING,
    public_stream,
)
from herald.listening.ingest.pipeline import ingest_batch
from herald.listening.insight_demo import load_insight_demo
from herald.listening.models import CaptureGap, Source
from herald.listening.routing_demo import load_routing_demo
from herald.listening.services.polling import poll_source
from herald.listening.services.queries import create_query
from herald.listening.services.sources import create_source

if TYPE_CHECKING:
    from herald.councils.models import Council

QUERIES = (
    ("Aldermoor Council", "council", '"Aldermoor Council" OR @AldermoorCC OR "Aldermoor"', "FC"),
    ("Bins and recycling", "service", 'bin* OR recycling OR "fly-tipping" OR waste', ""),
    ("Bin strike", "campaign", '"bin strike" OR (strike AND (bins OR rubbish OR collection))', ""),
    ("Roads", "service", 'pothole* OR resurfacing OR "street lights" OR "road closure"', ""),
    ("Libraries", "service", "library OR libraries", ""),
    ("Council tax", "service", '"council tax"', ""),
    ("#Aldermoor", "hashtag", "#aldermoor", ""),
)


def _queries(council: Council) -> None:
    existing = set(council.listening_queries.values_list("name", flat=True))
    for name, topic, expression, exclusions in QUERIES:
        if name not in existing:
            create_query(
                council=council,
                name=name,
                topic=topic,
                expression=expression,
                exclusions=exclusions,
                actor=SYSTEM,
            )


def _source(council: Council, name: str, kind: str, **extra: object) -> Source:
    found = council.listening_sources.filter(name=name).first()
    if found is not None:
        return found
    return create_source(council=council, name=name, kind=kind, actor=SYSTEM, **extra)  # type: ignore[arg-type]


def _public_stream(council: Council, now: datetime.datetime) -> None:
    export = _source(
        council, "Social listening export", Source.Kind.IMPORT, config={"network": "import"}
    )
    batch = list(public_stream(now=now))
    for start in range(0, len(batch), 200):
        ingest_batch(source=export, items=batch[start : start + 200])


def _mastodon_with_a_past_gap(council: Council, now: datetime.datetime) -> None:
    source = _source(
        council,
        "Mastodon #Aldermoor",
        Source.Kind.MASTODON,
        config={"instance": "https://mastodon.example", "hashtags": ["#aldermoor"]},
    )
    if not source.gaps.exists():
        started = now - datetime.timedelta(days=5, hours=3)
        CaptureGap.objects.create(
            source=source,
            started_at=started,
            ended_at=started + datetime.timedelta(hours=3),
            reason="Reading Mastodon: HTTP 503 (the server was down for maintenance)",
        )
    # Demo data must not reach out to a real server: the source stays paused.
    if source.status != Source.Status.PAUSED:
        from herald.listening.services.sources import change_status  # noqa: PLC0415

        change_status(source=source, action="pause", actor=SYSTEM, note="Demo: no network")


def _residents_on_the_sandbox(council: Council, connection: ChannelConnection) -> None:
    """Residents comment on the account's latest post (one is made if it has none) and write
    to it; the source then polls the Sandbox's API like any other."""
    # Named with the handle too: two of a council's accounts can share a name.
    name = f"Sandbox: {connection.account.name} ({connection.account.handle})"
    source = _source(
        council,
        name[:200],
        Source.Kind.SANDBOX,
        config={},
        connection=connection,
    )
    own = SandboxAccount.objects.filter(handle=connection.external_id).first()
    if own is None or source.mentions.exists():
        return
    posts = sandbox.recent_posts(own, limit=1)
    post = (
        posts[0]
        if posts
        else sandbox.create_post(
            own,
            text="Bin collections: please put your bins out by 7am.",
            idempotency_key="listening-demo-post",
        )[0]
    )
    for number, text in enumerate(RESIDENT_COMMENTS):
        resident = sandbox.ensure_account(
            handle=f"aldermoor-resident-{number}", display_name=f"Resident {number}"
        )
        residents.add_comment(resident=resident, in_reply_to_id=str(post.public_id), text=text)
    for number, text in enumerate((*RESIDENT_MESSAGES, SAFEGUARDING)):
        resident = sandbox.ensure_account(
            handle=f"aldermoor-writer-{number}", display_name=f"Writer {number}"
        )
        residents.send_message(resident=resident, to=own, text=text)
    poll_source(source_id=source.pk)


def load_demo(*, council: Council) -> None:
    now = timezone.now()
    # Routing first, so the stream is routed to services as it is heard; alert rules last, so
    # they are evaluated over the whole stream (its spike and its safeguarding item).
    load_routing_demo(council=council)
    _queries(council)
    _public_stream(council, now)
    _mastodon_with_a_past_gap(council, now)
    connections = ChannelConnection.objects.filter(
        council=council, network="sandbox", disconnected_at__isnull=True
    ).select_related("account")
    # The first two of the council's Sandbox accounts hear from residents.
    for connection in list(connections.order_by("account__name"))[:2]:
        _residents_on_the_sandbox(council, connection)
    load_insight_demo(council=council)
