"""CONTRIBUTING.md's recipe for a field, followed in a temporary copy, so the guide cannot go stale.

The recipe says a field is one `Field` in format/spec.py and a run of
docs/generate.py. Done to a copy of the package, the new key must then be
accepted by `validate`, documented in docs/format.md and present in the
JSON Schema, with no other file touched.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT, VALID

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
NEW_FIELD = '        Field("mood", Kind.TEXT, "How the actor sounded, in a word."),\n'


def _recipe(name: str) -> str:
    section = re.search(rf"^### {name}\n(.*?)(?=^### |^## |\Z)", GUIDE, re.M | re.S)
    assert section, f"CONTRIBUTING.md has no recipe '{name}'"
    return section.group(1)


def _run(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(copy / "cli"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True, timeout=120)


def test_the_field_recipe_adds_a_field_touching_only_what_it_names(tmp_path: Path) -> None:
    recipe = _recipe("A field of the format")
    assert "cli/stancediff/format/spec.py" in recipe and "python docs/generate.py" in recipe
    copy = tmp_path / "project"
    for part in ("cli", "docs", "schemas"):
        shutil.copytree(PROJECT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    spec = copy / "cli" / "stancediff" / "format" / "spec.py"
    text = spec.read_text(encoding="utf-8")
    anchor = '        Field("note", Kind.TEXT, "The curator\'s note: a judgement call, a caveat."),\n'
    assert text.count(anchor) == 1
    spec.write_text(text.replace(anchor, anchor + NEW_FIELD), encoding="utf-8")
    assert "cli/stancediff/format/model.py" in recipe
    model = copy / "cli" / "stancediff" / "format" / "model.py"
    text = model.read_text(encoding="utf-8")
    attribute = "    conditions: tuple[str, ...] = ()\n    note: str | None = None\n"
    assert text.count(attribute) == 1
    model.write_text(text.replace(attribute, attribute + "    mood: str | None = None\n"), encoding="utf-8")
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}

    generated = _run(copy, "docs/generate.py")
    assert generated.returncode == 0, generated.stderr

    changed = {
        p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file() and before.get(p) != p.read_bytes()
    }
    assert changed == {
        "docs/format.md",  # the key table
        "cli/stancediff/docs/format.md",  # its installed copy
        "schemas/actor.schema.json",
        "docs/cli.md",  # `add stance --mood`
        "cli/stancediff/docs/cli.md",  # its installed copy
        "docs/exports.md",  # the exports' new column
        "cli/stancediff/docs/exports.md",  # its installed copy
    }, changed
    assert "--mood" in (copy / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "| `mood` | no |" in (copy / "docs" / "format.md").read_text(encoding="utf-8")
    schema = json.loads((copy / "schemas" / "actor.schema.json").read_text(encoding="utf-8"))
    assert "mood" in json.dumps(schema)

    positions = tmp_path / "data" / "positions"
    shutil.copytree(VALID, tmp_path / "data", dirs_exist_ok=True)
    actor = next((positions / "actors").glob("*.yaml"))
    actor.write_text(actor.read_text(encoding="utf-8").replace("    summary:", "    mood: calm\n    summary:", 1))
    with_field = _run(copy, "-m", "stancediff", "validate", "--positions", str(positions))
    assert with_field.returncode == 0, with_field.stdout
    without = subprocess.run(
        [sys.executable, "-m", "stancediff", "validate", "--positions", str(positions)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert without.returncode == 1 and "mood" in without.stdout  # the unchanged package refuses the key
