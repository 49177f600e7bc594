"""On a real terminal (a pty): colour by --color, NO_COLOR and FORCE_COLOR; long output through a pager."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID
from test_views import ACTORS, write_dataset

ESCAPE = b"\x1b["


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    return write_dataset(tmp_path, ACTORS)


def on_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run the CLI with its stdout on a pseudo-terminal; what it wrote there."""
    status, output, errors = run_on_terminal(args, env)
    assert status == 0, errors
    return output


def run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run the CLI with its stdout on a pseudo-terminal; its exit status, what it wrote there, and its stderr."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PAGER")}
    environment.update({"TERM": "xterm-256color", "COLUMNS": "120", **env})
    process = subprocess.Popen(
        [sys.executable, "-m", "stancediff", *args], stdout=follower, stderr=subprocess.PIPE, env=environment
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        output += chunk
    _, errors = process.communicate(timeout=60)
    os.close(leader)
    return process.returncode, output, errors


def test_colour_follows_the_option_and_the_environment(positions: Path) -> None:
    base = ["compare", "--positions", str(positions), "--no-pager"]
    assert ESCAPE in on_terminal(base, {})
    assert ESCAPE not in on_terminal(base, {"NO_COLOR": "1"})
    assert ESCAPE not in on_terminal([*base, "--color", "never"], {})
    assert ESCAPE in on_terminal(["--color", "always", *base], {"NO_COLOR": "1"})  # the option wins


def test_colour_when_piped_only_on_request(positions: Path) -> None:
    command = [sys.executable, "-m", "stancediff", "compare", "--positions", str(positions)]
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    plain = subprocess.run(command, capture_output=True, env=environment, check=True).stdout
    forced = subprocess.run(command, capture_output=True, env={**environment, "FORCE_COLOR": "1"}, check=True).stdout
    always = subprocess.run([*command, "--color", "always"], capture_output=True, env=environment, check=True).stdout
    assert ESCAPE not in plain and ESCAPE in forced and ESCAPE in always


def test_a_terminal_pages_through_the_chosen_pager(positions: Path, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    shown = on_terminal(["timeline", "--long", "--positions", str(positions)], {"STANCEDIFF_PAGER": f"cat > '{paged}'"})
    assert shown == b""  # everything went to the pager
    text = paged.read_bytes()
    assert b"Timeline" in text and ESCAPE in text  # styled, as on the terminal it stands for
    assert b"Alice cools on a." in text


def test_pager_order_and_no_pager(positions: Path, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > '{paged}'"}
    assert on_terminal(["timeline", "--positions", str(positions)], env) == b"" and paged.exists()
    paged.unlink()
    direct = on_terminal(["timeline", "--positions", str(positions), "--no-pager"], env)
    assert b"Timeline" in direct and not paged.exists()
    direct = on_terminal(["--no-pager", "validate", "--positions", str(positions)], env)
    assert b"0 errors" in direct and not paged.exists()
    none = on_terminal(["timeline", "--positions", str(positions)], {**env, "STANCEDIFF_PAGER": "cat"})
    assert b"Timeline" in none and not paged.exists()


@pytest.mark.parametrize("pager", ["/nowhere/pager", "no-such-pager-anywhere --flag", "/etc/hostname"])
def test_a_pager_that_cannot_run_loses_nothing(positions: Path, pager: str) -> None:
    """Not found, or not executable: the output is written without it, and a warning says why."""
    status, shown, errors = run_on_terminal(
        ["timeline", "--long", "--positions", str(positions)], {"STANCEDIFF_PAGER": pager}
    )
    assert status == 0 and b"Alice cools on a." in shown
    assert b"warning: the pager" in errors and pager.encode() in errors and b"without it" in errors


def test_never_a_pager_when_piped(positions: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    environment = {**os.environ, "STANCEDIFF_PAGER": f"touch '{marker}'; cat"}
    command = [sys.executable, "-m", "stancediff", "timeline", "--positions", str(positions)]
    result = subprocess.run(command, capture_output=True, env=environment, check=True)
    assert b"Timeline" in result.stdout and not marker.exists()


def test_json_is_indented_for_a_reader_and_compact_for_a_program(positions: Path) -> None:
    args = ["compare", "--positions", str(positions), "--format", "json", "--no-pager"]
    shown = on_terminal(args, {}).decode()
    assert shown.startswith("{\r\n  ") and json.loads(shown) == json.loads(
        subprocess.run([sys.executable, "-m", "stancediff", *args], capture_output=True, check=True).stdout
    )
    piped = subprocess.run([sys.executable, "-m", "stancediff", *args], capture_output=True, check=True).stdout
    assert piped.count(b"\n") == 1  # one line, as gh writes JSON for a program


@pytest.mark.parametrize(
    "command",
    [
        ["validate", "--format", "json"],
        ["quote", "voted on Tuesday to study", "--format", "json", "--sources-dir", str(VALID / "sources")],
    ],
    ids=" ".join,
)
def test_every_commands_json_follows_the_same_convention(command: list[str]) -> None:
    args = [*command, "--positions", str(VALID / "positions"), "--no-pager"]  # a dataset with its archive
    assert on_terminal(args, {}).decode().startswith("{\r\n  ")
    piped = subprocess.run([sys.executable, "-m", "stancediff", *args], capture_output=True).stdout
    assert piped.count(b"\n") == 1 and json.loads(piped)
