"""The unused-records check (checks/unused.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import FIXTURE, Example, assert_example, check_texts, edited

NEW_SOURCE = "sources:\n  - id: never-cited\n    title: T\n    date: 2020\n"

EXAMPLES = {
    "unused-topic": Example(
        2, 9, lambda _: check_texts(edited("topics.yaml", "id: congestion-charge", "id: never-used"))
    ),
    "unused-source": Example(2, 9, lambda _: check_texts(edited("sources.yaml", "sources:\n", NEW_SOURCE))),
    "no-stances": Example(1, 5, lambda _: check_texts({**FIXTURE, "actors/x.yaml": "id: x\nname: X\nkind: person\n"})),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
