"""The evidence check (checks/evidence.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import ACTOR, Example, assert_example, check_texts, with_actor

EXAMPLES = {
    "no-evidence": Example(
        10, 15, lambda _: check_texts(with_actor(ACTOR[ACTOR.index("    evidence:") :], "    evidence: []\n"))
    ),
    "long-quote": Example(12, 16, lambda _: check_texts(with_actor("A charge is", "word " * 61 + "A charge is"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
