"""The uniqueness check (checks/uniqueness.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import ACTOR, Example, assert_example, check_texts, edited, with_actor

NEW_TOPIC = "topics:\n  - id: weekend-charge\n    title: T\n    proposition: P.\n"

EXAMPLES = {
    "duplicate-id": Example(9, 9, lambda _: check_texts(edited("topics.yaml", "topics:\n", NEW_TOPIC))),
    "duplicate-stance": Example(
        13, 5, lambda _: check_texts(with_actor('trams,"\n', 'trams,"\n' + ACTOR.split("stances:\n")[1]))
    ),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
