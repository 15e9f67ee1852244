"""Enrichment's part of the listening benchmark: every analyser over many texts in one process,
without the database, with VADER alone over the same texts in the same run as the yardstick.

``measure_enrich(count)`` is what ``bench/listening.py`` calls; run on its own it prints the same
figures. The texts are the shipped labelled set's, cycled and numbered so no two are the same; the
analysers are the demo council's: its keyword rules and a router trained on the shipped set.

    .venv/bin/python bench/listening_parts.py [--quick]

Prints one flat JSON object as the last line. Target: enrichment >= 5,000 mentions/s per core.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "herald" / "listening" / "data" / "mentions_labelled.csv"
TARGET_PER_S = 5000
BATCH = 500


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django  # noqa: PLC0415 - the enrichment package imports the listening models

    django.setup()


def _texts(count: int) -> list[str]:
    with DATASET.open(encoding="utf-8") as handle:
        base = [row["text"] for row in csv.DictReader(handle)]
    return [f"{base[i % len(base)]} #{i}" for i in range(count)]


def measure_enrich(count: int) -> dict[str, float]:
    """Mentions per second through every analyser, and the same for VADER alone."""
    _setup()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    from herald.listening.enrichment.analysis import Analyser  # noqa: PLC0415
    from herald.listening.enrichment.keywords import KeywordRules  # noqa: PLC0415
    from herald.listening.enrichment.training import fit, read_examples  # noqa: PLC0415
    from herald.listening.routing_demo import DEMO_KEYWORDS  # noqa: PLC0415

    examples = read_examples(DATASET.read_text(), text_column="text", label_column="service")
    analyser = Analyser(
        keywords=KeywordRules(list(DEMO_KEYWORDS.items())),
        keywords_version="demo",
        router=fit(examples, seed=1),
        router_version="bench",
    )
    texts = _texts(count)
    vader = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    for text in texts:
        vader.polarity_scores(text)
    vader_s = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(0, count, BATCH):  # in batches, as ingestion enriches them
        analyser.analyse_many(texts[start : start + BATCH])
    ours_s = time.perf_counter() - started
    return {
        "enrich_per_s": round(count / ours_s, 1),
        "vader_per_s": round(count / vader_s, 1),
        "ratio_vs_vader": round(vader_s / ours_s, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="20,000 texts instead of 200,000")
    parser.add_argument("--count", type=int, help="How many texts")
    args = parser.parse_args()
    count = args.count or (20_000 if args.quick else 200_000)
    result = measure_enrich(count)
    print(f"{count:,} texts: enrichment {result['enrich_per_s']:,.0f}/s, VADER alone "
          f"{result['vader_per_s']:,.0f}/s (target >= {TARGET_PER_S:,}/s)")  # fmt: skip
    print(json.dumps({"texts": count, **result, "target_per_s": TARGET_PER_S}))


if __name__ == "__main__":
    main()
