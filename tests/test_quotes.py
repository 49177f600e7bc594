"""How quotes and sources are compared (docs/format.md, Quotes)."""

from __future__ import annotations

import pytest

from stancediff.checks.quotes import closest_passage, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  two\n\tlines   here ", "two lines here"),  # white space collapsed, ASCII or not
        ("\u201cquoted\u201d and \u2018single\u2019", "\"quoted\" and 'single'"),  # curly quotes folded
        ("en\u2013dash, em\u2014dash, minus\u2212sign", "en-dash, em-dash, minus-sign"),  # dashes folded
        ("\ufb01ne caf\u00e9\u00a0bar", "fine caf\u00e9 bar"),  # NFKC: ligature split, no-break space
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_case_and_words_are_not_folded() -> None:
    assert normalize("We Are Willing") != normalize("we are willing")


def test_closest_passage_finds_the_near_miss() -> None:
    source = normalize("Park wrote that every city that has tried it has seen fewer cars and faster buses, she said.")
    score, passage = closest_passage("every city that has tried it has seen fewer cars and quicker buses", source)
    assert 80 <= score < 100
    assert "fewer cars and faster buses" in passage
