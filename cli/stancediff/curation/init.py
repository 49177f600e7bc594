"""`stancediff init`: a new, valid dataset to start from, written without overwriting anything."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path

from ..errors import StancediffError
from ..files import temporary_prefix
from ..format.schema import FILES, schema_text

EXAMPLE_TOPICS = """\
# yaml-language-server: $schema=schemas/topics.schema.json
# The propositions actors take stances on, each phrased so that "support"
# means agreeing with the sentence; `stancediff docs format` describes the format.
topics:
  - id: example-topic
    title: Example
    proposition: The city should adopt the example policy.
"""

EXAMPLE_ARTICLE = """\
The example article, Example Daily, 15 January 2024

The city council will vote next month on the example policy. Supporters say it
would pay for itself within five years; critics doubt the figures. Asked about
it on Monday, the example actor said: "We back it, with doubts." Others asked
for more time to study the plan before the vote.
"""
EXAMPLE_SOURCES = """\
# yaml-language-server: $schema=schemas/sources.schema.json
# The documents quotes come from. `archive:` is the folder of their archived
# texts, relative to this file; each source's `file:` is its text in that
# folder, and `sha256:` its checksum, so that `validate` proves every quote.
# `stancediff add source FILE` archives a text and fills in all three.
archive: archive
sources:
  - id: example-source
    title: The example article
    publisher: Example Daily
    date: 2024-01-15
    url: https://example.org/example-article
    file: example-article.txt
    sha256: {sha256}
"""

EXAMPLE_ACTOR = """\
# yaml-language-server: $schema=../schemas/actor.schema.json
# One file per actor; the id must equal the file name.
id: example-actor
name: Example Actor
kind: person
stances:
  - topic: example-topic
    position: lean-support
    date: 2024-01-15
    basis: stated
    summary: The example actor backs the example policy, with doubts.
    evidence:
      - source: example-source
        quote: "We back it, with doubts."
"""


class AlreadyExists(StancediffError):
    pass


class CannotCreate(StancediffError):
    """A folder is in the way, or the file system refused a write; nothing was left behind."""


def plan(directory: Path) -> dict[Path, str]:
    """Every file `init` writes under `directory`, with its content."""
    files = {
        directory / "topics.yaml": EXAMPLE_TOPICS,
        directory / "sources.yaml": EXAMPLE_SOURCES.format(sha256=hashlib.sha256(EXAMPLE_ARTICLE.encode()).hexdigest()),
        directory / "archive" / "example-article.txt": EXAMPLE_ARTICLE,
        directory / "actors" / "example-actor.yaml": EXAMPLE_ACTOR,
    }
    files.update({directory / "schemas" / f"{kind}.schema.json": schema_text(kind) for kind in FILES})
    return files


def create(directory: Path) -> list[Path]:
    """Write the new dataset; refuse, writing nothing, if any of its files exists or a folder is in the way.

    If writing fails midway (a full disk, a folder that may not be written),
    what was written is removed again, and `CannotCreate` says why.
    """
    files = plan(directory)
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        listed = ", ".join(str(path) for path in existing)
        raise AlreadyExists(f"not overwriting what exists: {listed}; choose another folder")
    for folder in dict.fromkeys(path.parent for path in files):
        blocked = _blocked(folder)
        if blocked:
            raise CannotCreate(f"cannot create the dataset in {directory}: {blocked}; nothing was written")
    made: list[Path] = []  # folders and files, in the order they were made
    path = directory
    try:
        for path, text in files.items():
            made += _make_folders(path.parent)
            write_new(path, text)
            made.append(path)
    except OSError as error:
        _remove(made)
        raise CannotCreate(f"cannot write {path}: {error.strerror or error}; nothing was written") from None
    except AlreadyExists:
        _remove(made)
        raise
    return list(files)


def _blocked(folder: Path) -> str | None:
    """What stands where `folder` or a folder above it must be, if anything: a file, a link to no folder."""
    for part in (*reversed(folder.parents), folder):
        if part.is_dir():
            continue
        if part.is_symlink():
            return f"{part} is a symbolic link to {os.readlink(part)}, which is not a folder"
        if part.exists():
            return f"{part} is a file, not a folder"
        return None  # missing from here down: init makes it
    return None


def _make_folders(folder: Path) -> list[Path]:
    """Make `folder` and the folders above it that are missing; those made, top first."""
    missing = [part for part in (folder, *folder.parents) if not part.is_dir()]
    for part in reversed(missing):
        part.mkdir()
    return list(reversed(missing))


def _remove(made: list[Path]) -> None:
    """Undo a failed `create`: remove what it made, last first."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()


def write_new(path: Path, text: str | bytes) -> None:
    """Write `path` atomically, failing if it exists (never overwriting it).

    The text (UTF-8, or bytes as they are) goes to a temporary file beside it,
    which is then hard-linked to `path`: the link appears whole or not at all,
    and fails if `path` exists. The file is created as any other (0666 less
    the umask: 0644 under 022).
    """
    temporary = path.with_name(f"{temporary_prefix(path.name)}{secrets.token_hex(8)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise AlreadyExists(f"not overwriting {path}, which appeared meanwhile") from None
    finally:
        os.unlink(temporary)
