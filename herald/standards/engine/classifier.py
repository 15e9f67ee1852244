"""alt-profanity-check's trained model, scored without scikit-learn's per-call overhead.

The library is a TF-IDF vectoriser (single words, English stop words removed, L2-normalised)
feeding five linear SVMs, each with a sigmoid calibration, whose probabilities are averaged.
Measured on this project's machine: ``predict_prob`` costs about 7 ms for one text (sparse-matrix
set-up dominates) and about 24 µs a text in large batches. That is too slow for a check made as
someone types, and a third of the whole budget per post in batch mode.

So on first use we load the library's own fitted model (which imports scikit-learn: ~5 s, hence
lazily, once per process) and copy out its vocabulary, IDF weights, coefficients and calibration
into plain dicts and tuples. Scoring a post is then a few dictionary look-ups over its words,
giving the same probability as the library (a test compares the two).

The copied numbers are also written as JSON to a cache file named after the library's model
files (their size and modification time), so later processes load them in milliseconds without
importing scikit-learn at all. JSON, not pickle: a cache file must never be able to run code.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import os
import re
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # the vectoriser's own token pattern
_ANY_TOKEN = re.compile(r"\w+")
# ASCII word characters (what ``\w`` matches in ASCII) kept, everything else a space; as a bytes
# table, because bytes.translate is several times faster than str.translate.
_NON_WORD_TO_SPACE = bytes(c if chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256))


@dataclass(frozen=True)
class _Model:
    # word -> (idf, coefficient in each of the five SVMs)
    weights: dict[str, tuple[float, tuple[float, float, float, float, float]]]
    intercepts: tuple[float, ...]
    calibration: tuple[tuple[float, float], ...]  # (a, b) per SVM: p = 1 / (1 + exp(a*d + b))

    @functools.cached_property
    def positive_squares(self) -> dict[str, float]:
        """Per word, the square of its largest positive coefficient over the five SVMs."""
        return {w: max(0.0, *coefs) ** 2 for w, (_, coefs) in self.weights.items()}

    def decision_needed(self, threshold: float) -> float:
        """The least SVM decision value at which any one SVM's calibrated probability reaches
        ``threshold``: the average of five cannot reach it unless one does."""
        logit = math.log(1 / threshold - 1)
        return min((logit - b) / a for a, b in self.calibration)


_model: _Model | None = None
_lock = threading.Lock()


def _load() -> _Model:
    # ~5 s: scikit-learn comes with it; the library ships no type information.
    from profanity_check import profanity_check as library  # type: ignore[import-untyped]  # noqa: PLC0415

    vectoriser, model = library.vectorizer, library.model
    idf = vectoriser.idf_
    classifiers = model.calibrated_classifiers_
    coefficients = [c.estimator.coef_[0] for c in classifiers]
    if len(coefficients) != 5:  # ``score`` is unrolled for the library's five-fold model
        raise RuntimeError("alt-profanity-check's model changed shape; update the scorer.")
    c0, c1, c2, c3, c4 = coefficients
    weights = {
        word: (
            float(idf[i]),
            (float(c0[i]), float(c1[i]), float(c2[i]), float(c3[i]), float(c4[i])),
        )
        for word, i in vectoriser.vocabulary_.items()
        if word not in vectoriser.get_stop_words()
    }
    return _Model(
        weights=weights,
        intercepts=tuple(float(c.estimator.intercept_[0]) for c in classifiers),
        calibration=tuple(
            (float(c.calibrators[0].a_), float(c.calibrators[0].b_)) for c in classifiers
        ),
    )


def _cache_path() -> Path | None:
    spec = importlib.util.find_spec("profanity_check")  # finds it without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    stamp = "-".join(
        f"{f.stat().st_size}-{int(f.stat().st_mtime)}" for f in sorted(data.glob("*.joblib"))
    )
    folder = Path(os.environ.get("HERALD_CACHE_DIR") or Path(tempfile.gettempdir()) / "herald")
    return folder / f"profanity-model-{stamp}.json"


def _from_cache(path: Path) -> _Model | None:
    try:
        raw = json.loads(path.read_text())
        weights = {w: (idf, tuple(c)) for w, (idf, c) in raw["weights"].items()}
        return _Model(
            weights=weights,
            intercepts=tuple(raw["intercepts"]),
            calibration=tuple(tuple(p) for p in raw["calibration"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _to_cache(path: Path, current: _Model) -> None:
    raw = {
        "weights": current.weights,
        "intercepts": current.intercepts,
        "calibration": current.calibration,
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(raw))
        partial.replace(path)  # atomic: parallel test workers never read half a file
    except OSError:
        pass  # a read-only disk only costs the next process the slow load


def model() -> _Model:
    global _model  # noqa: PLW0603 — one copy per process, built on first use
    if _model is None:
        with _lock:
            if _model is None:
                path = _cache_path()
                loaded = _from_cache(path) if path else None
                if loaded is None:
                    loaded = _load()
                    if path:
                        _to_cache(path, loaded)
                _model = loaded
    return _model


def warm_up() -> None:
    """Load the model now (a web worker at start-up) rather than on the first check."""
    model()


def tokens(lowered: str) -> list[str]:
    """The vectoriser's tokens (runs of two or more word characters) of a lower-cased text.

    For ASCII, splitting after turning every non-word character into a space gives exactly the
    same tokens as the vectoriser's regex at a fraction of the cost; anything else uses the regex.
    """
    return [w for w in all_tokens(lowered) if len(w) > 1]


def all_tokens(lowered: str) -> list[str]:
    """Runs of word characters, single characters included."""
    if lowered.isascii():
        return lowered.encode("ascii").translate(_NON_WORD_TO_SPACE).decode("ascii").split()
    return _ANY_TOKEN.findall(lowered)


def may_reach(words: list[str], threshold: float) -> bool:
    """False when ``words`` certainly score below ``threshold``, found without scoring them.

    Each SVM's decision is its intercept plus the dot product of its coefficients with the
    L2-normalised TF-IDF vector; by Cauchy-Schwarz that dot product is at most the length of
    the positive coefficients of the words present. Ordinary posts fall far short, so the full
    score runs for about one post in thirty.
    """
    current = model()
    bound = math.sqrt(sum(map(current.positive_squares.get, words, repeat(0.0))))
    return max(current.intercepts) + bound >= _decision_needed(threshold)


@functools.lru_cache(maxsize=8)
def _decision_needed(threshold: float) -> float:
    return model().decision_needed(threshold)


def score(text: str) -> float:
    """The probability, 0 to 1, that ``text`` is offensive, as alt-profanity-check gives it."""
    return score_tokens(tokens(text.lower()))


def score_tokens(words: list[str]) -> float:
    """``score`` for a text already split by ``tokens``."""
    current = model()
    weights = current.weights
    tokens = [w for w in words if w in weights]
    # Unrolled over the five SVMs: this loop is the classifier's whole cost per post.
    sq = d0 = d1 = d2 = d3 = d4 = 0.0
    for word, n in Counter(tokens).items():
        idf, (c0, c1, c2, c3, c4) = weights[word]
        v = idf * n
        sq += v * v
        d0 += v * c0
        d1 += v * c1
        d2 += v * c2
        d3 += v * c3
        d4 += v * c4
    norm = math.sqrt(sq) or 1.0
    total = 0.0
    for dot, intercept, (a, b) in zip(
        (d0, d1, d2, d3, d4), current.intercepts, current.calibration, strict=True
    ):
        total += 1.0 / (1.0 + math.exp(a * (intercept + dot / norm) + b))
    return total / 5
