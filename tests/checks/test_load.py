"""Reading a file (format/load.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from checking import FIXTURE, Example, assert_example, check_texts, with_actor
from stancediff.checks.validate import validate
from stancediff.format.load import Loader
from stancediff.problems import Report


def _unreadable(tmp_path: Path) -> Report:
    positions = tmp_path / "positions"
    (positions / "actors" / "x.yaml").mkdir(parents=True)
    for name, text in FIXTURE.items():
        (positions / name).write_text(text, encoding="utf-8")
    return validate(positions, today=datetime.date(2026, 1, 1))


EXAMPLES = {
    "unreadable": Example(1, 1, _unreadable),
    "file-too-large": Example(1, 1, lambda _: check_texts(with_actor(), loader=Loader(max_bytes=100))),
    "not-utf8": Example(2, 8, lambda _: check_texts({**FIXTURE, "actors/x.yaml": b"id: x\nname: X\xe9\n"})),
    "bad-character": Example(2, 7, lambda _: check_texts(with_actor("name: X", 'name: "X\\x07"'))),
    "yaml-syntax": Example(3, 5, lambda _: check_texts(with_actor("name: X", "name: [X"))),
    "empty-file": Example(1, 1, lambda _: check_texts({**FIXTURE, "actors/x.yaml": "# nothing\n"})),
    "multiple-documents": Example(13, 1, lambda _: check_texts(with_actor('trams,"\n', 'trams,"\n---\nid: y\n'))),
    "root-not-mapping": Example(1, 1, lambda _: check_texts({**FIXTURE, "actors/x.yaml": "- x\n"})),
    "long-number": Example(2, 7, lambda _: check_texts(with_actor("name: X", "name: 1" + ":30" * 40))),
    "too-deep": Example(2, 70, lambda _: check_texts({**FIXTURE, "actors/x.yaml": "id: x\nname: " + "[" * 70 + "\n"})),
    "too-many-nodes": Example(3, 7, lambda _: check_texts(with_actor(), loader=Loader(max_nodes=6))),
    "duplicate-key": Example(3, 1, lambda _: check_texts(with_actor("name: X\n", "name: X\nname: Y\n"))),
    "key-not-string": Example(3, 1, lambda _: check_texts(with_actor("name: X\n", "name: X\n1: one\n"))),
    "anchor": Example(2, 7, lambda _: check_texts(with_actor("name: X", "name: &a X"))),
    "alias": Example(3, 14, lambda _: check_texts(with_actor("name: X\n", "name: &a X\ndescription: *a\n"))),
    "merge-key": Example(3, 1, lambda _: check_texts(with_actor("name: X\n", "name: X\n<<: {}\n"))),
    "tag": Example(2, 7, lambda _: check_texts(with_actor("name: X", "name: !!str X"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)


@pytest.mark.parametrize(
    ("actor", "hint"),
    [
        (
            "id: x\nname: X\nkind: person\nsummary: Reyes on rebates: no money\n",
            'a value holding ": " that is not quoted',
        ),
        ("id: x\n\tname: X\n", "indent with spaces, not tabs"),
        ("id: x\naliases: [a, b\nname: X\n", "close the [ opened at line 2"),
        ('id: x\nname: "unclosed\n', "close the quote opened at line 2"),
    ],
)
def test_a_syntax_error_names_its_likely_cause_and_fix(actor: str, hint: str) -> None:
    """libyaml's words alone ("mapping values are not allowed in this context") do not say what to do."""
    report = check_texts({**FIXTURE, "actors/x.yaml": actor})
    (found,) = [p for p in report.problems if p.code == "yaml-syntax"]
    assert hint in found.message, found.message
