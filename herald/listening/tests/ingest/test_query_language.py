"""The query language: what parses, what each error says, and what matches."""

from __future__ import annotations

import pytest

from herald.listening.query_language import (
    InvalidQuery,
    as_test,
    compile_query,
    matches,
    parse,
    prepare,
)


def hits(expression: str, text: str, exclusions: str = "") -> bool:
    query = compile_query(query_id=1, expression=expression, exclusions=exclusions)
    return query.matches(prepare(text))


@pytest.mark.parametrize(
    ("expression", "text", "expected"),
    [
        ("bins", "My BINS were not collected", True),
        ("bins", "The binman came", False),
        ("bin*", "The binman came", True),
        ('"bin strike"', "Is the bin strike over?", True),
        ('"bin strike"', "strike at the bin depot", False),
        ("bins AND missed", "bins missed again", True),
        ("bins missed", "bins collected", False),
        ("bins OR recycling", "recycling day", True),
        ("bins AND NOT recycling", "bins and recycling", False),
        ("bins -recycling", "bins only", True),
        ("(bins OR waste) AND (strike OR missed)", "waste strike today", True),
        ("(bins OR waste) AND (strike OR missed)", "waste collected today", False),
        ("#aldermoor", "Love #Aldermoor today", True),
        ("aldermoor", "Love #Aldermoor today", True),
        ("#aldermoor", "Aldermoor council", False),
        ("@aldermoorcc", "thanks @AldermoorCC!", True),
        ("council's", "the council's office", True),
        ("bin*", "It's #binday", True),
        ("#ald*", "Love #Aldermoor today", True),
        ("#ald*", "Aldermoor council", False),
        ('"bin str*"', "bins strike", False),
    ],
)
def test_expressions_match_whole_words_case_insensitively(
    expression: str, text: str, expected: bool
) -> None:
    assert hits(expression, text) is expected


def test_exclusions_remove_matches() -> None:
    assert hits("aldermoor", "Aldermoor FC won", exclusions='FC OR "football club"') is False
    assert hits("aldermoor", "Aldermoor council tax", exclusions="FC") is True


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("", "Enter a query"),
        ('"bin strike', "missing its closing quote"),
        ("(bins OR waste", "missing its closing bracket"),
        ("bins)", "closing bracket has no opening"),
        ("bins AND", "ends where a word"),
        ("OR bins", "OR needs a word"),
        ("NOT bins", "not after NOT"),
        ('""', "needs at least one word"),
        ("bi*", "at least 3 letters"),
        ("()", "brackets are empty"),
    ],
)
def test_bad_queries_say_what_is_wrong(expression: str, message: str) -> None:
    with pytest.raises(InvalidQuery) as error:
        parse(expression)
    assert message in error.value.message


def test_exclusion_errors_name_the_exclusions() -> None:
    with pytest.raises(InvalidQuery, match="Exclusions: "):
        compile_query(query_id=1, expression="bins", exclusions="(fc")


def test_a_compiled_query_decides_as_the_tree_does() -> None:
    expressions = [
        "bins",
        "bin*",
        "#bin*",
        "@ald*",
        '"bin strike"',
        '"bin str*"',
        "bins AND NOT (recycling OR #waste)",
        '(pothole* OR roads) -(@aldermoorcc OR "thank you")',
    ]
    texts = [
        "Bins missed again #waste",
        "#binday tomorrow @AldermoorCC",
        "the bin strike, thank you",
        "Potholes on the roads",
        "recycling bins strike",
        "",
    ]
    for expression in expressions:
        node = parse(expression)
        test = as_test(node)
        for text in texts:
            prepared = prepare(text)
            assert test(prepared) is matches(node, prepared), (expression, text)
