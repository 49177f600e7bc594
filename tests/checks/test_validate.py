"""The run (checks/validate.py): its own codes, and one run that reports every independent defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import FIXTURE, SOURCES, Example, assert_example, check_texts, codes, edited, with_actor
from stancediff import checks
from stancediff.problems import Report


def _internal_error(tmp_path: Path) -> Report:
    def broken(actor: object, scope: object) -> object:
        raise RuntimeError("boom")

    saved = checks.OF_ACTOR["dates"]
    checks.OF_ACTOR["dates"] = broken  # a check with a bug: the run goes on and says so
    try:
        return check_texts(FIXTURE)
    finally:
        checks.OF_ACTOR["dates"] = saved


MANY_KEYS = "kind: person\n" + "".join(f"k{n}: v\n" for n in range(250))
UNUSED_TOPICS = "".join(f"  - id: u{n}\n    title: U\n    proposition: P.\n" for n in range(250))

EXAMPLES = {
    "internal-error": Example(1, 1, _internal_error),
    "more-problems": Example(204, 1, lambda _: check_texts(with_actor("kind: person\n", MANY_KEYS))),
    "more-warnings": Example(
        606, 9, lambda _: check_texts(edited("topics.yaml", "tags: [transport]", "tags: [transport]\n" + UNUSED_TOPICS))
    ),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)


def test_fixture_is_clean() -> None:
    assert codes(check_texts(FIXTURE, sources_dir=SOURCES)) == []


def test_one_run_finds_every_independent_defect() -> None:
    """A hand-written actor file full of mistakes: all of them in one run, none hidden by another."""
    actor = """\
id: mayor-of-the-city
name: Mayor
kind: mayor
country: es
part_of: council
stances:
  - topic: congestion-charges
    position: strongly-support
    date: 2999-01
    basis: stated
    summary: Backs it.
    evidence:
      - source: harbour-gazete
        quote: "A charge is the fairest way to pay for the trams,"
  - topic: congestion-charges
    position: support
    date: 2999-01
    basis: said
    summary: ""
    evidence: []
"""
    report = check_texts({**FIXTURE, "actors/mayor.yaml": actor}, sources_dir=SOURCES)
    assert [c for c in codes(report) if c[0] not in ("unused-topic",)] == [
        ("id-mismatch", 1, 5),
        ("invalid-choice", 3, 7),  # kind
        ("invalid-format", 4, 10),  # country
        ("unknown-actor", 5, 10),
        ("unknown-topic", 7, 12),
        ("invalid-choice", 8, 15),  # position
        ("future-date", 9, 11),
        ("unknown-source", 13, 17),
        ("duplicate-stance", 15, 5),
        ("unknown-topic", 15, 12),
        ("future-date", 17, 11),
        ("invalid-choice", 18, 12),  # basis
        ("empty-value", 19, 14),
        ("no-evidence", 20, 15),
    ]
