"""Training the router in pure Python: reading labelled CSVs, the split, the metrics, JSON weights."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from herald.listening.enrichment import training
from herald.listening.enrichment.router import Router
from herald.listening.enrichment.text import normalise
from herald.listening.tests.enrich.conftest import DATASET, EXAMPLES


def test_a_trained_router_routes_unseen_texts_and_survives_json() -> None:
    router = training.fit(EXAMPLES)
    again = Router.from_json(json.loads(json.dumps(router.as_json())))
    for text, expected in [
        ("my bin was not collected", "waste"),
        ("another pothole on our road", "roads"),
        ("when does the library open", "libraries"),
    ]:
        label, confidence = again.predict(normalise(text))
        assert label == expected
        assert confidence > 0.4


def test_a_router_in_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown router format"):
        Router.from_json({"format": "pickle", "labels": []})


def test_the_split_holds_out_each_label_in_proportion() -> None:
    train, test = training.stratified_split(EXAMPLES, test_size=0.34, seed=3)
    assert Counter(label for _, label in test) == {"waste": 2, "roads": 2, "libraries": 2}
    assert len(train) + len(test) == len(EXAMPLES)
    assert not set(train) & set(test)


def test_the_same_seed_gives_the_same_split() -> None:
    first = training.stratified_split(EXAMPLES, test_size=0.2, seed=9)
    assert first == training.stratified_split(EXAMPLES, test_size=0.2, seed=9)


def test_scores_are_accuracy_and_the_mean_of_each_labels_f1() -> None:
    result = training.scores(["a", "a", "b", "b"], ["a", "b", "b", "b"], train_size=10)
    assert result.accuracy == 0.75
    assert result.per_label["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert result.per_label["b"]["f1"] == 0.8
    assert result.macro_f1 == pytest.approx((0.6667 + 0.8) / 2)


def test_the_shipped_set_trains_a_router_well_above_chance() -> None:
    examples = training.read_examples(
        DATASET.read_text(), text_column="text", label_column="service"
    )
    result = training.evaluate(examples, test_size=0.2, seed=1)
    chance = 1 / len({label for _, label in examples})
    assert result.accuracy > 3 * chance
    assert result.test_size == pytest.approx(len(examples) * 0.2, abs=6)


def test_a_missing_column_is_named_with_the_columns_there_are() -> None:
    with pytest.raises(training.TrainingDataInvalid) as error:
        training.read_examples(
            "body,service\nx,waste\n", text_column="text", label_column="service"
        )
    assert "no column 'text'" in error.value.message
    assert "'body'" in error.value.message


def test_too_few_examples_of_a_label_are_named() -> None:
    examples = [*EXAMPLES, ("parking ticket", "parking")]
    with pytest.raises(training.TrainingDataInvalid, match=r"too few for: parking \(1\)"):
        training.check_examples(examples)


def test_one_label_alone_cannot_train() -> None:
    with pytest.raises(training.TrainingDataInvalid, match="at least two services"):
        training.check_examples([(text, "waste") for text, _ in EXAMPLES])


def test_rows_without_text_or_label_are_skipped() -> None:
    content = 'text,service\n"bin",waste\n,waste\n"pothole",\n'
    assert training.read_examples(content, text_column="text", label_column="service") == [
        ("bin", "waste")
    ]


def test_a_test_size_outside_zero_and_one_is_refused() -> None:
    with pytest.raises(training.TrainingDataInvalid, match="between 0 and 1"):
        training.stratified_split(EXAMPLES, test_size=1.5, seed=0)


def test_a_label_too_long_to_store_is_refused() -> None:
    examples = [*EXAMPLES, *[(f"text {i}", "x" * 65) for i in range(6)]]
    with pytest.raises(training.TrainingDataInvalid, match="at most 64 characters"):
        training.check_examples(examples)


def test_a_batch_is_routed_as_each_text_alone_would_be() -> None:
    examples = training.read_examples(
        DATASET.read_text(), text_column="text", label_column="service"
    )
    router = training.fit(examples, seed=1)
    norms = [normalise(text) for text, _ in examples] + ["", "zzz qqq"]  # nothing known: intercept
    together = router.predict_many(norms)
    assert len(together) == len(norms)
    for norm, (label, confidence) in zip(norms, together, strict=True):
        alone_label, alone_confidence = router.predict(norm)
        assert label == alone_label
        assert confidence == pytest.approx(alone_confidence, abs=1e-9)
    assert router.predict_many([]) == []
