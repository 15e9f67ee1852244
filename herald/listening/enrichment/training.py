"""Training the service router from labelled examples, in pure Python (no numpy, no pickle).

Multinomial logistic regression by stochastic gradient descent over TF-IDF vectors: a few
hundred to a few thousand examples train in seconds, and the result is plain numbers that go
into a ``RouterModel`` row as JSON. ``evaluate`` holds out a stratified share of each label,
reports accuracy and macro-F1 on it, and the saved model is then refitted on every example.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from herald.core.errors import DomainError
from herald.listening.enrichment.router import Router, features, softmax
from herald.listening.enrichment.text import normalise

MIN_PER_LABEL = 5
MAX_LABEL_CHARS = 64  # Mention.service_label's length
EPOCHS = 40
LEARNING_RATE = 1.0
L2 = 1e-3

Example = tuple[str, str]  # (text, label)


class TrainingDataInvalid(DomainError):
    """The labelled examples cannot train a router (missing column, too few per label...)."""

    code = "training_data_invalid"


def read_examples(content: str, *, text_column: str, label_column: str) -> list[Example]:
    """The (text, label) pairs of a CSV, skipping rows with no text or no label."""
    try:
        reader = csv.DictReader(io.StringIO(content))
        columns = reader.fieldnames or []
        rows = list(reader)
    except csv.Error as error:
        raise TrainingDataInvalid(f"The CSV could not be read: {error}.") from error
    missing = [c for c in (text_column, label_column) if c not in columns]
    if missing:
        raise TrainingDataInvalid(
            f"The CSV has no column {', '.join(repr(c) for c in missing)}; "
            f"its columns are {', '.join(repr(c) for c in columns) or 'none'}."
        )
    examples = []
    for row in rows:
        text = (row.get(text_column) or "").strip()
        label = (row.get(label_column) or "").strip()
        if text and label:
            examples.append((text, label))
    return examples


def check_examples(examples: Sequence[Example]) -> None:
    """Enough of each service to hold some out and still learn it, and labels that fit."""
    counts = Counter(label for _, label in examples)
    long = sorted(label for label in counts if len(label) > MAX_LABEL_CHARS)
    if long:
        raise TrainingDataInvalid(
            f"Service labels must be at most {MAX_LABEL_CHARS} characters: {long[0][:80]}…"
        )
    if len(counts) < 2:
        raise TrainingDataInvalid("A router needs examples of at least two services.")
    few = sorted(label for label, n in counts.items() if n < MIN_PER_LABEL)
    if few:
        raise TrainingDataInvalid(
            f"Each service needs at least {MIN_PER_LABEL} examples; too few for: "
            + ", ".join(f"{label} ({counts[label]})" for label in few)
            + "."
        )


def stratified_split(
    examples: Sequence[Example], *, test_size: float, seed: int
) -> tuple[list[Example], list[Example]]:
    """Hold out ``test_size`` of each label (at least one, never all)."""
    if not 0 < test_size < 1:
        raise TrainingDataInvalid("The test size must be between 0 and 1, e.g. 0.2.")
    by_label: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_label[example[1]].append(example)
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    train: list[Example] = []
    test: list[Example] = []
    for label in sorted(by_label):
        group = by_label[label]
        rng.shuffle(group)
        held = min(max(1, round(len(group) * test_size)), len(group) - 1)
        test.extend(group[:held])
        train.extend(group[held:])
    return train, test


def fit(examples: Sequence[Example], *, seed: int = 0) -> Router:
    """A router trained on every example."""
    labels = tuple(sorted({label for _, label in examples}))
    tfs = [features(normalise(text)) for text, _ in examples]
    idf = _idf(tfs)
    vectors = [_unit({t: tf * idf[t] for t, tf in doc.items()}) for doc in tfs]
    targets = [labels.index(label) for _, label in examples]
    coef, intercept = _sgd(vectors, targets, len(labels), seed=seed)
    kept = {t: ws for t, ws in coef.items() if max(abs(w) for w in ws) > 1e-4}
    return Router(labels=labels, idf={t: idf[t] for t in kept}, coef=kept, intercept=intercept)


def _idf(docs: Sequence[dict[str, float]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    return {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}


def _unit(vec: dict[str, float]) -> dict[str, float]:
    length = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / length for t, v in vec.items()} if length else vec


def _sgd(
    vectors: Sequence[dict[str, float]], targets: Sequence[int], k: int, *, seed: int
) -> tuple[dict[str, list[float]], list[float]]:
    coef: dict[str, list[float]] = defaultdict(lambda: [0.0] * k)
    intercept = [0.0] * k
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    order = list(range(len(vectors)))
    for epoch in range(EPOCHS):
        rng.shuffle(order)
        rate = LEARNING_RATE / (1.0 + 0.2 * epoch)
        for i in order:
            vec = vectors[i]
            probs = softmax(_scores(coef, intercept, vec, k))
            probs[targets[i]] -= 1.0  # the gradient of the log loss for each label's score
            for j in range(k):
                intercept[j] -= rate * probs[j]
            for term, value in vec.items():
                weights = coef[term]
                for j in range(k):
                    weights[j] -= rate * (probs[j] * value + L2 * weights[j])
    return dict(coef), intercept


def _scores(
    coef: dict[str, list[float]], intercept: list[float], vec: dict[str, float], k: int
) -> list[float]:
    scores = list(intercept)
    for term, value in vec.items():
        weights = coef.get(term)
        if weights is not None:
            for j in range(k):
                scores[j] += value * weights[j]
    return scores


@dataclass(frozen=True)
class Evaluation:
    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]]
    train_size: int
    test_size: int

    def as_json(self) -> dict[str, Any]:
        return {
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "per_label": self.per_label,
            "train_size": self.train_size,
            "test_size": self.test_size,
        }


def evaluate(examples: Sequence[Example], *, test_size: float = 0.2, seed: int = 0) -> Evaluation:
    """Train on a stratified share of the examples and score the held-out rest."""
    check_examples(examples)
    train, test = stratified_split(examples, test_size=test_size, seed=seed)
    router = fit(train, seed=seed)
    predicted = [router.predict(normalise(text))[0] for text, _ in test]
    actual = [label for _, label in test]
    return scores(actual, predicted, train_size=len(train))


def scores(actual: Sequence[str], predicted: Sequence[str], *, train_size: int) -> Evaluation:
    """Accuracy, macro-F1 and each label's precision, recall and F1."""
    per_label: dict[str, dict[str, float]] = {}
    for label in sorted(set(actual)):
        tp = sum(1 for a, p in zip(actual, predicted, strict=True) if a == p == label)
        fp = sum(1 for a, p in zip(actual, predicted, strict=True) if p == label != a)
        fn = sum(1 for a, p in zip(actual, predicted, strict=True) if a == label != p)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    correct = sum(1 for a, p in zip(actual, predicted, strict=True) if a == p)
    return Evaluation(
        accuracy=correct / len(actual) if actual else 0.0,
        macro_f1=sum(m["f1"] for m in per_label.values()) / len(per_label) if per_label else 0.0,
        per_label=per_label,
        train_size=train_size,
        test_size=len(actual),
    )
