"""The sources check (checks/sources.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import SOURCES, Example, assert_example, check_texts, edited

EXAMPLES = {
    "source-uncheckable": Example(
        9, 9, lambda _: check_texts(edited("sources.yaml", "    file: tram-review.txt\n", ""), sources_dir=SOURCES)
    ),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
