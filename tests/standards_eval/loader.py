"""Load ``examples.jsonl`` (and ``holdout.jsonl``) and score the engine on it, per category.

Each line: ``{"text": …, "network": …, "labels": [category, …]}`` plus, where an example needs
them, ``media`` (MediaItem fields), ``on`` (the publishing date, ISO), ``account``, ``campaign``,
``campaign_planned_on`` and ``reshare_of``. Every example is checked under ``EVAL_PACK``, an
Aldermoor-like council's rule pack, so its own numbers, postcode and councillors are known.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from herald.standards.engine import check_batch
from herald.standards.types import (
    AccountRules,
    Category,
    CheckContext,
    ElectionPeriod,
    MediaItem,
    RulePack,
)

EXAMPLES = Path(__file__).with_name("examples.jsonl")
# Written after the rules were settled and not used to tune them (two misses found on first
# scoring were then fixed; one, "the man at number 15 …, that's Mr Hughes", is still missed).
HOLDOUT = Path(__file__).with_name("holdout.jsonl")
# Outside the pre-election period unless an example says otherwise.
DEFAULT_DAY = datetime.date(2027, 1, 15)
EVAL_PACK = RulePack(
    council_name="Aldermoor County Council",
    own_phone_numbers=frozenset({"+441632960000"}),
    own_email_domains=frozenset({"aldermoor.gov.uk"}),
    own_postcodes=frozenset({"AL1 2CC"}),
    blocked_words=("muppet",),
    prohibited_terms=("service users", "Aldermoor CC"),
    councillors=("Jane Doe", "Ahmed Khan"),
    candidates=("Sam Wilson",),
    politician_handles=("@cllrjanedoe", "@samwilson4mayor"),
    election_periods=(
        ElectionPeriod(
            name="May 2027 county council",
            starts_on=datetime.date(2027, 3, 22),
            ends_on=datetime.date(2027, 5, 6),
        ),
    ),
    accounts={
        "@AldermoorLibraries": AccountRules(
            required_sign_off="^Libraries team", required_hashtags=("#AldermoorReads",)
        )
    },
)


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    context: CheckContext
    labels: frozenset[Category]


def _date(value: object) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else None


def _example(raw: dict[str, object]) -> Example:
    media = tuple(MediaItem(**item) for item in raw.get("media", []))  # type: ignore[attr-defined]
    context = CheckContext(
        pack=EVAL_PACK,
        network=raw.get("network"),  # type: ignore[arg-type]
        account=raw.get("account"),  # type: ignore[arg-type]
        media=media,
        on=_date(raw.get("on")) or DEFAULT_DAY,
        campaign=str(raw.get("campaign", "")),
        campaign_planned_on=_date(raw.get("campaign_planned_on")),
        reshare_of=str(raw.get("reshare_of", "")),
    )
    labels = frozenset(Category(label) for label in raw["labels"])  # type: ignore[attr-defined]
    return Example(text=str(raw["text"]), context=context, labels=labels)


def load(path: Path = EXAMPLES) -> list[Example]:
    with path.open(encoding="utf-8") as lines:
        return [_example(json.loads(line)) for line in lines if line.strip()]


def load_all() -> list[Example]:
    """The main set and the held-out set together."""
    return load(EXAMPLES) + load(HOLDOUT)


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def predictions(examples: Sequence[Example]) -> list[frozenset[Category]]:
    results = check_batch([e.text for e in examples], [e.context for e in examples])
    return [frozenset(f.category for f in findings) for findings in results]


def score(examples: Sequence[Example]) -> dict[Category, Score]:
    """Precision and recall per category, counting each example once per category."""
    predicted = predictions(examples)
    scores: dict[Category, Score] = {}
    for category in Category:
        tp = sum(1 for e, p in zip(examples, predicted, strict=True) if category in e.labels & p)
        fp = sum(1 for e, p in zip(examples, predicted, strict=True) if category in p - e.labels)
        fn = sum(1 for e, p in zip(examples, predicted, strict=True) if category in e.labels - p)
        scores[category] = Score(tp, fp, fn)
    return scores
