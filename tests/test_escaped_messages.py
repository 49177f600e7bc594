"""Every path and value in every message is made visible: no raw control character reaches a terminal or a CI log.

Paths come from the data too (a committed file name, the folder a dataset lies
in), so they are escaped where messages are made (`problems.problem`, and the
CLI's one-line errors), not renderer by renderer.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import VALID, invoke

CONTROLS = ("\x1b", "\x07", "\x9b")
HOSTILE_NAME = "\x1b]0;owned\x07\x1b[2J\x9b31m"


def raw_controls(text: str) -> list[str]:
    return [char for char in CONTROLS if char in text]


def outputs(positions: Path, *extra: str) -> dict[str, str]:
    found = {}
    for format_ in ("text", "github", "json"):
        result = invoke("validate", "--positions", str(positions), "--format", format_, *extra)
        found[format_] = result.stdout + result.stderr
    return found


def test_the_other_file_of_a_duplicate_id(tmp_path: Path) -> None:
    positions = tmp_path / "positions"
    shutil.copytree(VALID / "positions", positions)
    (positions / "actors" / f"a{HOSTILE_NAME}.yaml").write_text((positions / "actors" / "mayor.yaml").read_text())
    found = outputs(positions)
    for format_, text in found.items():
        assert raw_controls(text) == [], format_
    problems = json.loads(found["json"])["problems"]
    duplicate = next(p for p in problems if p["code"] == "duplicate-id")
    assert "already used at" in duplicate["message"] and "\\x1b]0;owned\\x07" in duplicate["message"]


def test_the_archive_folder_of_archive_missing(tmp_path: Path) -> None:
    positions = tmp_path / f"data{HOSTILE_NAME}" / "positions"
    shutil.copytree(VALID / "positions", positions)
    sources = positions / "sources.yaml"
    sources.write_text("archive: ../gone\n" + sources.read_text())
    found = outputs(positions)
    for format_, text in found.items():
        assert raw_controls(text) == [], format_
    (missing,) = json.loads(found["json"])["problems"]
    assert missing["code"] == "archive-missing" and "data\\x1b]0;owned\\x07" in missing["message"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "mayor"],  # a dataset found in a folder with such a name: the one-line errors name it
        ["quote", "x"],
        ["add", "topic", "--id", "x", "--title", "X", "--proposition", "X."],
    ],
    ids=" ".join,
)
def test_one_line_errors(tmp_path: Path, args: list[str]) -> None:
    folder = tmp_path / f"not a dataset{HOSTILE_NAME}"
    folder.mkdir()
    result = invoke(*args, "--positions", str(folder))
    assert result.exit_code == 2 and "not a dataset" in result.stderr
    assert raw_controls(result.stderr) == []
