from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stancediff.cli import main

TESTS = Path(__file__).parent
VALID = TESTS / "fixtures" / "valid"
PROJECT = TESTS.parent


@dataclass
class Copy:
    """A copy of the valid fixture dataset, to break in one place."""

    root: Path

    @property
    def positions(self) -> Path:
        return self.root / "positions"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace the first `old` in positions/`name` by `new`; `old` must be there."""
        path = self.positions / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.positions / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test has a cache folder of its own (validate's cache), never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("STANCEDIFF_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Copy:
    shutil.copytree(VALID, tmp_path / "data")
    return Copy(tmp_path / "data")


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    """Run the real CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def validate_json(copy: Copy, *extra: str) -> tuple[int, dict]:
    result = invoke(
        "validate", "--positions", str(copy.positions), "--sources-dir", str(copy.sources), "--format", "json", *extra
    )
    return result.exit_code, json.loads(result.stdout)
