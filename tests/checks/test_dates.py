"""The dates check (checks/dates.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import Example, assert_example, check_texts, with_actor

EXAMPLES = {
    "future-date": Example(7, 11, lambda _: check_texts(with_actor("date: 2021-03", "date: 2999"))),
    "stance-after-sources": Example(7, 11, lambda _: check_texts(with_actor("date: 2021-03", "date: 2021-04"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
