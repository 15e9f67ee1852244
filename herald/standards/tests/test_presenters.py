"""Highlighting findings in place: escaped text, overlapping spans marked once."""

from __future__ import annotations

from herald.standards.presenters import CheckResults, highlighted
from herald.standards.types import Category, Finding, Severity


def _finding(start: int, end: int, severity: Severity, rule: str = "r.x") -> Finding:
    return Finding(rule, Category.LEGAL, "k", severity, start, end, "m")


def test_the_text_is_escaped_around_and_inside_marks() -> None:
    text = "<script>x</script> & <b>"
    html = str(highlighted(text, [_finding(0, 8, Severity.ADVICE)]))
    assert html.startswith('<mark class="herald-mark herald-mark--advice">&lt;script&gt;</mark>')
    assert html.endswith("x&lt;/script&gt; &amp; &lt;b&gt;")
    assert "<script>" not in html


def test_overlapping_findings_share_one_mark_at_the_worst_severity() -> None:
    text = "Mr Smith of 12 High Street"
    findings = [_finding(0, 8, Severity.ADVICE), _finding(3, 26, Severity.BLOCK)]
    html = str(highlighted(text, findings))
    assert html.count("<mark") == 1
    assert 'herald-mark--block">Mr Smith of 12 High Street</mark>' in html
    assert 'href="#finding-1"' in html
    assert 'href="#finding-2"' in html


def test_whole_post_findings_are_listed_but_not_marked() -> None:
    results = CheckResults(text="Too long", findings=[_finding(0, 0, Severity.SIGN_OFF)])
    assert "<mark" not in str(results.highlighted)
    assert results.summary == "1 problem found: 1 needs sign-off."
    assert [g["label"] for g in results.groups] == ["Needs sign-off"]


def test_no_findings_reads_plainly() -> None:
    assert CheckResults(text="Hello", findings=[]).summary == "No problems found."
