"""A standard output that cannot encode UTF-8 (`PYTHONIOENCODING=ascii`, a C locale) fails no
command: each runs in a child process, as a user's shell runs it, on data beyond ASCII."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from commands import EXAMPLES, WRITES
from stancediff.render.encoding import never_fail
from test_changes import git
from test_views import stance, write_dataset

ASCII = {"PYTHONIOENCODING": "ascii"}
HOSTILE = "[red]Zed[/red] <b>x</b> *y* [z](https://example.org)"
C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}

# every command (tests/commands.py derives the list from `main`), and the view formats that write their own bytes
COMMANDS = [
    *(args for name, args in EXAMPLES.items() if name != "init"),  # init: test_init_on_an_ascii_stdout
    ["compare"],
    ["compare", "--format", "csv"],
    ["topic", "a", "--format", "json"],
    ["--help"],
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("encoding")
    positions = write_dataset(
        root,
        {
            "zoe": [stance("a", "support", "2020", "Zoé says “yes” — 是的 · 🚋", conditions=["if funded…"])],
            "bob": [stance("a", "oppose", "2020", "Bob says no.")],
            "eve": [stance("b", "support", "2020", "Eve says [bold]yes[/bold].")],
        },
        topics=("a", "b"),
    )
    archive = root / "archive"
    archive.mkdir()
    (archive / "paper.txt").write_text("Zoé says “yes” — 是的 · 🚋, and Bob says no.\n", encoding="utf-8")
    sources = positions / "sources.yaml"
    sources.write_text(
        "archive: ../archive\n"
        + sources.read_text(encoding="utf-8").replace("  id: paper", "  id: paper\n  file: paper.txt"),
        encoding="utf-8",
    )
    hostile = positions / "actors" / "eve.yaml"  # a name that rich, HTML and markdown would each read as markup
    hostile.write_text(hostile.read_text(encoding="utf-8").replace("name: Eve", f"name: '{HOSTILE}'"), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    actor = positions / "actors" / "zoe.yaml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("support", "oppose", 1), encoding="utf-8")
    return positions


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONUTF8", "PYTHONIOENC"))}
    environment.update({"COLUMNS": "80", "NO_COLOR": "1", **env})
    return subprocess.run(
        [sys.executable, "-m", "stancediff", *args], capture_output=True, env=environment, cwd=cwd, timeout=60
    )


@pytest.mark.parametrize("env", [ASCII, C_LOCALE], ids=["PYTHONIOENCODING=ascii", "C locale"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_command_fails_on_an_ascii_stdout(repo: Path, args: list[str], env: dict[str, str], tmp_path: Path) -> None:
    cwd = repo.parent
    if args[0] in WRITES:  # a command that writes gets its own copy, so that both locales write
        cwd = tmp_path / "copy"
        shutil.copytree(repo.parent, cwd)
    result = run(args, env, cwd)
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr  # 1: validate's errors (quotes not in the text) are data
    if args[0] not in ("report", "export"):  # files of their own, which declare UTF-8
        assert result.stdout.isascii()
    if b"Zed" in result.stdout:  # the hostile name is shown as it is, or escaped; never read as markup
        assert b"[/red]" in result.stdout or b"\\[/red\\]" in result.stdout or b"[/red\\]" in result.stdout, (
            result.stdout
        )
    if args[0] in ("show", "topic"):
        assert b'Zo\\xe9 says "yes" -- \\u662f\\u7684 . \\U0001f68b' in result.stdout or (
            b"Zo\\\\u00e9" in result.stdout  # JSON escapes it itself
        ), result.stdout


@pytest.mark.parametrize("env", [ASCII, C_LOCALE], ids=["PYTHONIOENCODING=ascii", "C locale"])
def test_init_on_an_ascii_stdout(tmp_path: Path, env: dict[str, str]) -> None:
    result = run(["init", "new"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new" / "topics.yaml").is_file()


def test_glyphs_fall_back_to_ascii() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    never_fail(stream)
    stream.write("· █ — café ✓")
    stream.flush()
    assert raw.getvalue() == b". # -- caf\\xe9 \\u2713"
