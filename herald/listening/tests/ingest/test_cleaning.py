"""Markup and spacing reduced to plain text: the quick path for plain one-line ASCII posts gives
exactly what the full path gives."""

from __future__ import annotations

import random

import pytest

from herald.listening.ingest.cleaning import _plain_text_of_anything, plain_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Bins   missed  again  ", "Bins missed again"),
        ("Tab\tand\x0bvertical", "Tab andvertical"),
        ("Fish &amp; chips", "Fish & chips"),
        ("<p>One</p><p>Two <script>x()</script>three</p>", "One\nTwo three"),
        ("Caf\u0065\u0301 open", "Caf\u00e9 open"),
        ("bell\x07 rings", "bell rings"),
        ("   ", ""),
        ("", ""),
    ],
)
def test_plain_text(raw: str, expected: str) -> None:
    assert plain_text(raw) == expected


def test_the_quick_path_agrees_with_the_full_one() -> None:
    rng = random.Random(3)  # noqa: S311 - test data, not secrets
    alphabet = "ab &<>;\t\n\r\x07 ~é"
    for _ in range(3000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        assert plain_text(raw) == _plain_text_of_anything(raw), repr(raw)
