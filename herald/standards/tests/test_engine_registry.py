"""The registry: settings applied, findings ordered, batch contexts, the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.standards.engine import check, check_batch, classifier, rule_catalogue
from herald.standards.engine.registry import TextNotCheckable
from herald.standards.types import CheckContext, RulePack, RuleSetting, Severity

TEXT = "Ring 07700 900123 or email jo@example.com"


def test_findings_come_in_position_order() -> None:
    assert [f.rule for f in check(TEXT)] == ["personal_data.phone", "personal_data.email"]


def test_a_switched_off_rule_finds_nothing() -> None:
    pack = RulePack(settings={"personal_data.phone": RuleSetting(enabled=False)})
    assert [f.rule for f in check(TEXT, CheckContext(pack=pack))] == ["personal_data.email"]


def test_a_council_can_change_a_rules_severity() -> None:
    pack = RulePack(settings={"personal_data.email": RuleSetting(severity=Severity.ADVICE)})
    found = {f.rule: f.severity for f in check(TEXT, CheckContext(pack=pack))}
    assert found == {"personal_data.phone": Severity.BLOCK, "personal_data.email": Severity.ADVICE}


def test_batch_takes_one_context_per_text() -> None:
    own = CheckContext(pack=RulePack(own_email_domains=frozenset({"example.com"})))
    results = check_batch([TEXT, TEXT], [CheckContext(), own])
    assert [[f.rule for f in r] for r in results] == [
        ["personal_data.phone", "personal_data.email"],
        ["personal_data.phone"],
    ]


def test_batch_matches_single_checks() -> None:
    texts = [TEXT, "", "Library opens at 9am"]
    assert check_batch(texts) == [check(t) for t in texts]


def test_batch_refuses_a_different_number_of_contexts() -> None:
    with pytest.raises(TextNotCheckable):
        check_batch([TEXT, TEXT], [CheckContext()])


def test_rule_ids_are_unique_and_named_by_category() -> None:
    ids = [info.id for info in rule_catalogue()]
    assert len(ids) == len(set(ids))
    assert all(info.id.split(".")[0] == info.category for info in rule_catalogue())
    assert {"personal_data.phone", "personal_data.email"} <= set(ids)


def test_the_classifier_cache_ignores_a_corrupt_file(tmp_path: Path) -> None:
    broken = tmp_path / "profanity-model.json"
    broken.write_text("{not json")
    assert classifier._from_cache(broken) is None
    assert classifier._from_cache(tmp_path / "missing.json") is None
