"""The references check (checks/references.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import Example, assert_example, check_texts, with_actor

EXAMPLES = {
    "unknown-topic": Example(5, 12, lambda _: check_texts(with_actor("topic: congestion-charge", "topic: tolls"))),
    "unknown-source": Example(
        11, 17, lambda _: check_texts(with_actor("source: harbour-gazette-2021-03-03", "source: g"))
    ),
    "unknown-actor": Example(
        4, 10, lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: city\n"))
    ),
    "part-of-cycle": Example(4, 10, lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: x\n"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
