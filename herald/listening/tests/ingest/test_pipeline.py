"""A batch through ingestion: stored once, near-duplicates grouped, bad items skipped with a
reason while the rest go on, queries matched, enriched, rolled up, the cursor kept."""

from __future__ import annotations

import datetime

import pytest
from django.db.models.signals import post_init

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.channels.adapters.base import IncomingItem
from herald.listening.ingest.cleaning import duplicate_key
from herald.listening.ingest.pipeline import _Blank, ingest_batch
from herald.listening.models import Mention, MentionRollup, SkippedItem, Source
from herald.listening.services.queries import create_query
from herald.listening.tests.ingest.conftest import item

pytestmark = pytest.mark.django_db


def test_a_batch_read_twice_is_stored_once(rss_source: Source) -> None:
    batch = [item("a", "Thank you for fixing the potholes"), item("b", "Bins missed again")]
    first = ingest_batch(source=rss_source, items=batch, cursor={"etag": "1"})
    second = ingest_batch(source=rss_source, items=batch, cursor={"etag": "1"})
    assert (first.inserted, second.inserted, second.already_known) == (2, 0, 2)
    assert Mention.objects.filter(source=rss_source).count() == 2
    assert MentionRollup.objects.get(query_id_key=0).total == 2  # counted once, not twice


def test_the_same_id_twice_in_one_batch_is_one_mention(rss_source: Source) -> None:
    result = ingest_batch(source=rss_source, items=[item("a", "one"), item("a", "one again")])
    assert result.inserted == 1
    assert Mention.objects.get().text == "one"


def test_bad_items_are_skipped_with_reasons_and_the_rest_go_on(rss_source: Source) -> None:
    batch = [
        item("ok", "<p>Library <b>opening</b> hours &amp; more</p><script>x()</script>"),
        item("huge", "word " * 3000),
        item("empty", "<p> </p>"),
        item("xx", "Bonjour la mairie", language="fr"),
        item("cyr", "Привет всем жителям города сегодня"),
        item("", "no id"),
        item(
            "future",
            "from the future",
            posted_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
        ),
    ]
    result = ingest_batch(source=rss_source, items=batch)
    assert (result.inserted, result.skipped) == (1, 6)
    assert Mention.objects.get().text == "Library opening hours & more"
    reasons = dict(SkippedItem.objects.values_list("remote_id", "reason"))
    assert reasons["huge"].startswith("Enormous post (14,999 characters; at most 10,000)")
    assert reasons["empty"] == "No text (empty once markup was removed)"
    assert reasons["xx"] == "Unknown language (fr)"
    assert reasons["cyr"].startswith("Unknown language")
    assert reasons[""] == "No usable id from the network"
    assert reasons["future"] == "Dated in the future"


def test_near_duplicates_share_a_key_and_reposts_are_flagged(rss_source: Source) -> None:
    ingest_batch(
        source=rss_source,
        items=[
            item("1", "Bins not collected on Elm Road! https://t.co/abc"),
            item("2", "RT @jo: bins not collected on elm road"),
            item("3", "Something else entirely"),
        ],
    )
    one, two, three = (Mention.objects.get(remote_id=n) for n in "123")
    assert one.duplicate_key == two.duplicate_key != three.duplicate_key
    assert (one.is_repost, two.is_repost) == (False, True)


def test_mentions_are_matched_enriched_and_rolled_up_per_query(
    personas: Personas, rss_source: Source
) -> None:
    bins = create_query(
        council=personas.council,
        name="Bins",
        topic="service",
        expression="bins OR recycling",
        exclusions='"bin laden"',
        actor=SYSTEM,
    )
    ingest_batch(
        source=rss_source,
        items=[
            item("1", "Bins missed again, terrible service", likes=3),
            item("2", "Lovely library, wonderful staff"),
            item("3", "Recycling collected, great job"),
        ],
    )
    assert set(bins.mentions.values_list("remote_id", flat=True)) == {"1", "3"}
    mention = Mention.objects.get(remote_id="1")
    assert mention.sentiment == "negative"
    assert mention.enriched_at is not None
    assert "sentiment" in mention.enrichment_versions
    every = MentionRollup.objects.get(query_id_key=0)
    assert (every.total, every.positive, every.negative, every.engagement) == (3, 2, 1, 3)
    per_query = MentionRollup.objects.get(query_id_key=bins.pk)
    assert (per_query.total, per_query.negative) == (2, 1)
    assert every.hour == datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


def test_the_cursor_is_saved_with_the_batch(rss_source: Source) -> None:
    ingest_batch(source=rss_source, items=[item("1", "hello")], cursor={"etag": '"abc"'})
    rss_source.refresh_from_db()
    assert rss_source.cursor == {"etag": '"abc"'}


def test_a_query_saved_before_a_rule_tightened_does_not_stop_ingestion(
    personas: Personas, rss_source: Source
) -> None:
    from herald.listening.models import Query  # noqa: PLC0415

    Query.objects.create(council=personas.council, name="Broken", topic="service", expression="(")
    assert ingest_batch(source=rss_source, items=[item("1", "hello")]).inserted == 1


def _as_init_makes_it(source: Source, incoming: IncomingItem) -> Mention:
    return Mention(
        council_id=source.council_id,
        source_id=source.pk,
        network="rss",
        remote_id=incoming.remote_id,
        text=incoming.text,
        posted_at=incoming.posted_at,
        duplicate_key=duplicate_key(incoming.text),
    )


def test_a_batch_builds_mentions_as_the_model_would(rss_source: Source) -> None:
    blank = _Blank(rss_source, "rss", None)
    incoming = item("a", "Bins missed again")
    first, second = blank.mention(incoming), blank.mention(incoming)
    expected = _as_init_makes_it(rss_source, incoming)
    fields = [field.attname for field in Mention._meta.concrete_fields]
    assert [getattr(first, name) for name in fields] == [getattr(expected, name) for name in fields]
    assert first._state.adding
    assert first._state.db is None
    first.personal_data.append("x")  # each mention has its own lists and dicts
    assert second.personal_data == []


def test_a_post_init_listener_hears_of_each_mention(rss_source: Source) -> None:
    heard: list[Mention] = []

    def listen(sender: type[Mention], instance: Mention, **kwargs: object) -> None:
        heard.append(instance)

    post_init.connect(listen, sender=Mention)
    try:
        made = _Blank(rss_source, "rss", None).mention(item("a", "Bins missed again"))
    finally:
        post_init.disconnect(listen, sender=Mention)
    assert heard == [made]
    assert made.remote_id == "a"
