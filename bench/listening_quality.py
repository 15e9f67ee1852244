"""Listening's quality on the shipped labelled set (herald/listening/data/mentions_labelled.csv):
310 resident mentions in UK public-sector style, each labelled by hand with its sentiment,
whether it is offensive, whether it raises a safeguarding concern, and the service it concerns.

- sentiment agreement: Herald's sentiment (VADER plus its council lexicon) and VADER alone;
- offensive and safeguarding precision and recall;
- routing accuracy and macro-F1: ``train_router``'s own code (stratified held-out split, train,
  score), averaged over five seeds (one with --quick) as the set is small.

The offensive lists and the council lexicon were written with this set in view, so their figures
here flatter them; the router never sees its held-out examples.

    .venv/bin/python bench/listening_quality.py [--quick]

Prints one flat JSON object as the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "herald" / "listening" / "data" / "mentions_labelled.csv"


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django  # noqa: PLC0415 - the enrichment package imports the listening models

    django.setup()


def _precision_recall(predicted: list[bool], gold: list[bool]) -> tuple[float, float]:
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold, strict=True) if g and not p)
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def measure(seeds: int) -> dict[str, float | int]:
    _setup()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    from herald.listening.enrichment.analysis import Analyser  # noqa: PLC0415
    from herald.listening.enrichment.sentiment import label_for  # noqa: PLC0415
    from herald.listening.enrichment.training import evaluate  # noqa: PLC0415

    with DATASET.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    analyser, vader = Analyser(), SentimentIntensityAnalyzer()
    results = [analyser.analyse(row["text"]) for row in rows]
    ours = sum(r.sentiment == row["sentiment"] for r, row in zip(results, rows, strict=True))
    theirs = sum(
        label_for(vader.polarity_scores(row["text"])["compound"]) == row["sentiment"]
        for row in rows
    )
    off_p, off_r = _precision_recall(
        [r.offensive for r in results], [row["offensive"] == "1" for row in rows]
    )
    safe_p, safe_r = _precision_recall(
        [r.safeguarding for r in results], [row["safeguarding"] == "1" for row in rows]
    )
    examples = [(row["text"], row["service"]) for row in rows]
    routing = [evaluate(examples, test_size=0.2, seed=seed) for seed in range(seeds)]
    return {
        "examples": len(rows),
        "sentiment_agreement": round(ours / len(rows), 4),
        "vader_agreement": round(theirs / len(rows), 4),
        "offensive_precision": round(off_p, 4),
        "offensive_recall": round(off_r, 4),
        "safeguarding_precision": round(safe_p, 4),
        "safeguarding_recall": round(safe_r, 4),
        "routing_accuracy": round(sum(e.accuracy for e in routing) / seeds, 4),
        "routing_macro_f1": round(sum(e.macro_f1 for e in routing) / seeds, 4),
        "routing_seeds": seeds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="One routing split instead of five")
    args = parser.parse_args()
    result = measure(1 if args.quick else 5)
    print(
        f"{result['examples']} labelled mentions: sentiment {result['sentiment_agreement']:.1%} "
        f"(VADER alone {result['vader_agreement']:.1%}), offensive P/R "
        f"{result['offensive_precision']:.1%}/{result['offensive_recall']:.1%}, routing "
        f"accuracy {result['routing_accuracy']:.1%}, macro-F1 {result['routing_macro_f1']:.1%}"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
