"""`stancediff init`: a new, valid dataset to start from, written without overwriting anything."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import StancediffError
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

EXAMPLE_SOURCES = """\
# yaml-language-server: $schema=schemas/sources.schema.json
# The documents quotes come from. Add `file:` (the archived text, relative to
# the folder given to `validate --sources-dir`) to have every quote checked.
sources:
  - id: example-source
    title: The example article
    publisher: Example Daily
    date: 2024-01-15
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


def plan(directory: Path) -> dict[Path, str]:
    """Every file `init` writes under `directory`, with its content."""
    files = {
        directory / "topics.yaml": EXAMPLE_TOPICS,
        directory / "sources.yaml": EXAMPLE_SOURCES,
        directory / "actors" / "example-actor.yaml": EXAMPLE_ACTOR,
    }
    files.update({directory / "schemas" / f"{kind}.schema.json": schema_text(kind) for kind in FILES})
    return files


def create(directory: Path) -> list[Path]:
    """Write the new dataset; refuse, writing nothing, if any of its files exists."""
    files = plan(directory)
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        listed = ", ".join(str(path) for path in existing)
        raise AlreadyExists(f"not overwriting what exists: {listed}; choose another folder")
    for path, text in files.items():
        write_new(path, text)
    return list(files)


def write_new(path: Path, text: str) -> None:
    """Write `path` atomically, failing if it exists (never overwriting it).

    The text goes to a temporary file beside it, which is then hard-linked to
    `path`: the link appears whole or not at all, and fails if `path` exists.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise AlreadyExists(f"not overwriting {path}, which appeared meanwhile") from None
    finally:
        os.unlink(temporary)
