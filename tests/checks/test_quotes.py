"""The quotes check (checks/quotes.py): each code it declares, produced in memory against archived texts,
and how quotes and sources are compared (docs/format.md, Quotes)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from checking import FIXTURE, SOURCES, Example, assert_example, check_texts, codes, edited, sources_with, with_actor
from stancediff.checks.quotes import closest_passage, normalize
from stancediff.checks.validate import validate
from stancediff.problems import Report


def _quote_case(tmp_path: Path, sources_yaml: str, archive: tuple[str, bytes] | None = None) -> Report:
    folder = sources_with(tmp_path, *archive) if archive else SOURCES
    return check_texts({**FIXTURE, "sources.yaml": sources_yaml}, sources_dir=folder)


def _sources(old: str, new: str) -> str:
    return FIXTURE["sources.yaml"].replace(old, new, 1)


# Two quotes of the tram review that together reproduce more than its share.
OVER_QUOTED = (
    "source: tram-review-2021\n        quote: Her paper compares six cities of similar size over the decade"
    " after each introduced a charge. It finds that the effect on traffic was largest in the first year\n"
    "      - source: harbour-gazette-2021-03-03"
)


def _outside(tmp_path: Path) -> Report:
    """An archive the data puts outside the project (`archive: ../..`), whose file has no recorded sha256 to match."""
    positions = tmp_path / "project" / "positions"
    (positions / "actors").mkdir(parents=True)
    (tmp_path / "harbour-gazette.txt").write_text("not the project's")
    for name, text in {**FIXTURE, "sources.yaml": "archive: ../..\n" + FIXTURE["sources.yaml"]}.items():
        (positions / name).write_text(text, encoding="utf-8")
    return validate(positions, today=datetime.date(2026, 1, 1))


EXAMPLES = {
    "source-file-outside": Example(8, 11, _outside),
    "quote-not-found": Example(
        15, 16, lambda _: check_texts(edited("actors/mayor.yaml", "fairest way", "best way"), sources_dir=SOURCES)
    ),
    "source-file-missing": Example(
        7, 11, lambda t: _quote_case(t, _sources("file: harbour-gazette.txt", "file: gone.txt"))
    ),
    "source-file-unsafe": Example(
        7, 11, lambda t: _quote_case(t, _sources("file: harbour-gazette.txt", "file: ../x.txt"))
    ),
    "source-file-unreadable": Example(
        7, 11, lambda t: _quote_case(t, FIXTURE["sources.yaml"], ("harbour-gazette.txt", b"caf\xe9"))
    ),
    "quote-mid-word": Example(
        12, 16, lambda _: check_texts(with_actor('"A charge is the', '"harge is the'), sources_dir=SOURCES)
    ),
    "checksum-mismatch": Example(
        8, 13, lambda t: _quote_case(t, FIXTURE["sources.yaml"], ("harbour-gazette.txt", b"other"))
    ),
    "over-quoted": Example(
        9,
        9,
        lambda _: check_texts(with_actor("source: harbour-gazette-2021-03-03", OVER_QUOTED), sources_dir=SOURCES),
    ),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)


def test_archive_paths_are_relative(tmp_path: Path) -> None:
    absolute = os.path.abspath(SOURCES / "harbour-gazette.txt")
    found = codes(_quote_case(tmp_path, _sources("file: harbour-gazette.txt", f"file: {absolute}")))
    assert ("source-file-unsafe", 7, 11) in found


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
