"""The dataset's layout (format/dataset.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import ACTOR, FIXTURE, Example, assert_example, check_texts, with_actor

EXAMPLES = {
    "missing-file": Example(1, 1, lambda _: check_texts({k: v for k, v in FIXTURE.items() if k != "topics.yaml"})),
    "skipped-file": Example(1, 1, lambda _: check_texts({**FIXTURE, "actors/x.YAML": ACTOR})),
    "id-mismatch": Example(1, 5, lambda _: check_texts(with_actor("id: x", "id: y"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
