"""The schema (format/conform.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import Example, assert_example, check_texts, with_actor
from stancediff.format.dataset import read_texts

EXAMPLES = {
    "missing-key": Example(5, 5, lambda _: check_texts(with_actor("    position: support\n", ""))),
    "unknown-key": Example(4, 1, lambda _: check_texts(with_actor("kind: person\n", "kind: person\nnmae: Y\n"))),
    "wrong-type": Example(2, 7, lambda _: check_texts(with_actor("name: X", "name: yes"))),
    "empty-value": Example(2, 7, lambda _: check_texts(with_actor("name: X", 'name: "  "'))),
    "invalid-choice": Example(3, 7, lambda _: check_texts(with_actor("kind: person", "kind: people"))),
    "invalid-id": Example(5, 12, lambda _: check_texts(with_actor("topic: congestion-charge", "topic: Congestion"))),
    "invisible-character": Example(2, 7, lambda _: check_texts(with_actor("name: X", "name: X\u200bY"))),
    "invalid-format": Example(
        4, 10, lambda _: check_texts(with_actor("kind: person\n", 'kind: person\ncountry: "es"\n'))
    ),
    "invalid-date": Example(7, 11, lambda _: check_texts(with_actor("date: 2021-03", "date: 2021-02-30"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)


def test_an_incomplete_record_is_left_out_of_the_views_only() -> None:
    dataset = read_texts(with_actor("    position: support\n", "")).dataset
    (actor,) = [a for a in dataset.actors if a.id == "x"]
    assert [s.complete for s in actor.stances] == [False]
    assert actor.stances[0].topic == "congestion-charge"  # still there for the checks
    (shown,) = [a for a in dataset.complete_records().actors if a.id == "x"]
    assert shown.stances == ()
