"""The trained service router at run time: TF-IDF features and a multinomial logistic regression,
read from the plain JSON a ``RouterModel`` stores (never pickle: a model row is data, not code).

``features`` is shared with training so a text is seen the same way in both.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

FORMAT = "tfidf-logreg-1"
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words that say nothing about which service a resident means.
_STOP_WORDS = (
    "a an the and or but of to in on at for from by with is are was were be been it its this that "
    "these those i me my we our you your he she they them their his her there here so as if not "
    "do does did have has had just can could would will shall should may might am im i'm it's "
    "what when where who which how all any some very"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


_stems: dict[str, str] = {}
_PAIR = "{} {}".format


def features(norm: str) -> dict[str, float]:
    """Term frequencies (sublinear) of the words and word pairs in a normalised text."""
    if len(_stems) > 200_000:  # a memo of the words seen, bounded against unending vocabulary
        _stems.clear()
    stems = _stems
    words = []
    for word in _TOKEN.findall(norm):
        stem = stems.get(word)
        if stem is None:
            stem = stems[word] = "" if word in _STOP or len(word) < 2 else _stem(word)
        if stem:
            words.append(stem)
    terms = [*words, *map(_PAIR, words, words[1:])]
    found = dict.fromkeys(terms, 1.0)
    if len(found) < len(terms):  # some term repeats: count them (most texts repeat none)
        found = {term: 1.0 + math.log(n) if n > 1 else 1.0 for term, n in Counter(terms).items()}
    return found


def _stem(word: str) -> str:
    # A light touch: plurals and -ing/-ed forms meet their word ("bins" and "bin", "libraries"
    # and "library", "parking" stays as it is: it is the service's name).
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if len(word) > 5 and word.endswith("ed"):
        return word[:-2]
    return word


@dataclass(frozen=True)
class Router:
    """A trained router's parameters: per term its IDF and one weight per label."""

    labels: tuple[str, ...]
    idf: dict[str, float]
    coef: dict[str, list[float]]
    intercept: list[float]

    def vector(self, norm: str) -> dict[str, float]:
        """The L2-normalised TF-IDF vector over the terms the router knows."""
        idf = self.idf
        vec = {t: tf * idf[t] for t, tf in features(norm).items() if t in idf}
        length = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / length for t, v in vec.items()} if length else {}

    def probabilities(self, norm: str) -> list[float]:
        # The same as softmax(scores(vector(norm))), faster: the known terms' weight rows are
        # transposed and summed in C rather than added up one term at a time.
        idf, coef = self.idf, self.coef
        known = [(tf * idf[t], coef[t]) for t, tf in features(norm).items() if t in coef]
        if not known:
            return softmax(list(self.intercept))
        values = [v for v, _ in known]
        length = math.sqrt(sum(v * v for v in values))
        scale = [v / length for v in values]
        columns = zip(*(row for _, row in known), strict=True)
        return softmax(
            [b + math.sumprod(col, scale) for b, col in zip(self.intercept, columns, strict=True)]
        )

    def scores(self, vec: dict[str, float]) -> list[float]:
        scores = list(self.intercept)
        coef = self.coef
        for term, value in vec.items():
            weights = coef.get(term)
            if weights is not None:
                scores = [s + value * w for s, w in zip(scores, weights, strict=True)]
        return scores

    def predict(self, norm: str) -> tuple[str, float]:
        """The most likely label and its probability."""
        probs = self.probabilities(norm)
        best = max(range(len(probs)), key=probs.__getitem__)
        return self.labels[best], probs[best]

    def predict_many(self, norms: Sequence[str]) -> list[tuple[str, float]]:
        """``predict`` for a batch: the texts' features gathered in Python, then scored together
        as arrays (one product and softmax for the batch, not a loop per text and label)."""
        if not norms:
            return []
        index, weights = self._arrays()
        idf = self.idf
        columns: list[int] = []
        values: list[float] = []
        counts: list[int] = []
        for norm in norms:
            before = len(columns)
            for term, tf in features(norm).items():
                at = index.get(term)
                if at is not None:
                    columns.append(at)
                    values.append(tf * idf[term])
            counts.append(len(columns) - before)
        rows = np.repeat(np.arange(len(norms)), counts)
        value = np.asarray(values, dtype=np.float64)
        lengths = np.sqrt(np.bincount(rows, value * value, minlength=len(norms)))
        scaled = value / lengths[rows] if len(value) else value
        scores = np.empty((len(norms), len(self.labels)))
        for label in range(len(self.labels)):
            column = weights[columns, label] if columns else np.empty(0)
            scores[:, label] = np.bincount(rows, column * scaled, minlength=len(norms))
        scores += np.asarray(self.intercept)
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        chosen = probs[np.arange(len(norms)), best]
        return [
            (self.labels[at], float(p))
            for at, p in zip(best.tolist(), chosen.tolist(), strict=True)
        ]

    def _arrays(self) -> tuple[dict[str, int], NDArray[np.float64]]:
        """Each known term's row, and the weights as a terms x labels array (made once)."""
        made = self.__dict__.get("_made")
        if made is None:
            terms = list(self.coef)
            weights = np.array([self.coef[t] for t in terms], dtype=np.float64).reshape(
                len(terms), len(self.labels)
            )
            made = ({t: i for i, t in enumerate(terms)}, weights)
            object.__setattr__(self, "_made", made)  # a cache on a frozen value
        return made

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "labels": list(self.labels),
            "idf": {t: round(v, 5) for t, v in self.idf.items()},
            "coef": {t: [round(w, 5) for w in ws] for t, ws in self.coef.items()},
            "intercept": [round(w, 5) for w in self.intercept],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Router:
        if data.get("format") != FORMAT:
            raise ValueError(f"Unknown router format {data.get('format')!r}")
        return cls(
            labels=tuple(data["labels"]),
            idf={str(t): float(v) for t, v in data["idf"].items()},
            coef={str(t): [float(w) for w in ws] for t, ws in data["coef"].items()},
            intercept=[float(w) for w in data["intercept"]],
        )


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
