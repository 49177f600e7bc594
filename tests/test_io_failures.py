"""I/O trouble is a message and exit status 2, never a traceback or a hang, and it loses nothing.

A full disk (/dev/full for stdout) and a file-size limit (RLIMIT_FSIZE, which
makes every write past it fail with EFBIG), while `report`, `export` and `add`
write, and while a view writes its output; a FIFO, /dev/stdout, a folder or
nothing where a file is read or replaced; a name as long as a name may be.
Each runs the real console script in a child process, with a timeout.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, VALID
from stancediff.curation.write import LOCK_NAME

SHIPPED = PROJECT / "positions"
LIMIT = 4096  # bytes a file may grow to under the file-size limit: less than any report or export


def stancediff(
    *args: str, cwd: Path | None = None, stdout: object = subprocess.PIPE, file_limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-c", "from stancediff.cli import run; run()", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "80"},
        preexec_fn=limited,
        timeout=60,
    )


def a_message(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 2, one line on stderr that says what happened, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert result.stderr.startswith("Error: ") and all(word in result.stderr for word in words), result.stderr


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    shutil.copytree(VALID, tmp_path / "data")
    return tmp_path / "data" / "positions"


def listing(folder: Path) -> list[tuple[str, bytes]]:
    """The files in `folder` and their bytes, but the lock file that commands writing a dataset leave."""
    return sorted((p.name, p.read_bytes() if p.is_file() else b"") for p in folder.iterdir() if p.name != LOCK_NAME)


# A file-size limit while writing

WRITERS = {
    "report": ["report", "-o", "new.html"],
    "report --force": ["report", "-o", "out.html", "--force"],
    "export sqlite": ["export", "--format", "sqlite", "-o", "out.html", "--force"],
    "export csv": ["export", "--format", "csv", "-o", "out.html", "--force"],
    "export json": ["export", "--format", "json", "-o", "out.html", "--force"],
    "export datapackage": ["export", "--format", "datapackage", "-o", "package"],
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_file_size_limit_while_writing(tmp_path: Path, name: str) -> None:
    (tmp_path / "out.html").write_text("<p>kept</p>")
    before = listing(tmp_path)
    result = stancediff(*WRITERS[name], "--positions", str(SHIPPED), cwd=tmp_path, file_limit=LIMIT)
    a_message(result, "cannot write")
    assert "File too large" in result.stderr or "disk I/O error" in result.stderr  # SQLite's words for it
    assert listing(tmp_path) == before  # the old file as it was, no temporary file left


def test_a_file_size_limit_while_adding(positions: Path) -> None:
    topics = positions / "topics.yaml"
    topics.write_bytes(topics.read_bytes() + b"# " + b"padding " * 600 + b"\n")  # just under the limit
    size = topics.stat().st_size
    before = listing(positions)
    args = ["add", "topic", "--id", "new-one", "--title", "New", "--proposition", "A new one.", "--positions"]
    result = stancediff(*args, str(positions), file_limit=size + 10)
    assert result.returncode == 2 and "File too large" in result.stderr and "Traceback" not in result.stderr
    assert listing(positions) == before
    actor = stancediff(
        "add",
        "actor",
        "--id",
        "x",
        "--name",
        "X" * 5000,
        "--kind",
        "person",
        "--positions",
        str(positions),
        file_limit=4096,
    )
    assert actor.returncode == 2 and "File too large" in actor.stderr and "Traceback" not in actor.stderr
    assert listing(positions / "actors") == listing(VALID / "positions" / "actors")


# A full disk under stdout


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "--positions", str(SHIPPED)],  # a little output, written when Python flushes it at exit
        ["docs", "format"],  # more than a buffer: written while the page is written
        ["validate", "--positions", str(SHIPPED)],
        ["report", "-o", "-", "--positions", str(SHIPPED)],
        ["export", "--format", "json", "-o", "-", "--positions", str(SHIPPED)],
        ["explain", "quote-not-found"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_full_disk_under_stdout(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = stancediff(*args, stdout=full)
    a_message(result, "No space left on device")


# What is not a regular file, and names too long


def test_report_to_a_fifo_or_to_dev_stdout_is_refused_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    a_message(stancediff("report", "-o", str(fifo), "--positions", str(SHIPPED)), "is a FIFO", "- for stdout")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    piped = subprocess.run(
        f"'{sys.executable}' -m stancediff report -o /dev/stdout --positions '{SHIPPED}' | cat",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "is a FIFO" in piped.stderr and "Traceback" not in piped.stderr and piped.stdout == ""


def test_report_with_the_longest_name_a_file_may_have(tmp_path: Path) -> None:
    name = "r" * 250 + ".html"
    result = stancediff("report", "-o", name, "--positions", str(SHIPPED), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]
    a_message(stancediff("report", "-o", "r" * 300, "--positions", str(SHIPPED), cwd=tmp_path), "File name too long")


@pytest.mark.parametrize("kind", ["missing", "folder", "fifo"])
def test_add_topic_needs_topics_yaml_to_be_a_file(positions: Path, kind: str) -> None:
    topics = positions / "topics.yaml"
    topics.unlink()
    if kind == "folder":
        topics.mkdir()
    elif kind == "fifo":
        os.mkfifo(topics)
    args = ["add", "topic", "--id", "new-one", "--title", "New", "--proposition", "A new one."]
    result = stancediff(*args, "--positions", str(positions))
    a_message(result, "topics.yaml", {"missing": "does not exist", "folder": "is a folder", "fifo": "is a FIFO"}[kind])
