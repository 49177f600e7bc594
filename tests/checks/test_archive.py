"""The archive's location (format/archive.py): each code it declares, produced from YAML text in memory.

What may be read from where is tested through the CLI in tests/test_archive.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import Example, assert_example, check_texts, edited

EXAMPLES = {
    "archive-missing": Example(
        1, 10, lambda _: check_texts(edited("sources.yaml", "sources:\n", "archive: no-such-folder\nsources:\n"))
    ),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
