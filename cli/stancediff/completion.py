"""Shell completion of a dataset's ids (actors, topics, sources) and its actor kinds.

Completion runs each time the user presses TAB, on whatever dataset is at
hand, so it reads only the file it needs (topics.yaml for topics, the actor
files for actors: only their names when there are many) and on any trouble
(no dataset, broken YAML) offers nothing: a shell must never show a
traceback in the middle of a line.
"""

from __future__ import annotations

from pathlib import Path

from .format import spec
from .format.dataset import (
    SOURCES_NAME,
    TOPICS_NAME,
    assemble,
    find_positions,
    is_actor_file,
    leads_outside,
    load_inside,
)
from .format.load import Loader
from .format.model import Dataset
from .format.spec import ACTOR_KINDS
from .text import visible

MAX_READ_ACTORS = 200  # up to this many actor files are read for names and aliases; beyond, ids alone, to stay quick

Records = list[tuple[str, tuple[str, ...]]]  # an id, then its names (the first is shown beside it)


def complete(positions: Path | None, kind: str, incomplete: str) -> list[tuple[str, str]]:
    """The ids of `kind` ("actor", "topic" or "source") that `incomplete` begins, each with its name.

    An id is offered when it, or its record's name or an alias, begins with
    `incomplete` in any case. Nothing at all when the dataset cannot be read.
    """
    try:
        root = find_positions(positions)
        records = {"actor": _actors, "topic": _topics, "source": _sources}[kind](root)
    except Exception:  # whatever went wrong, completion offers nothing rather than a traceback
        return []
    start = incomplete.casefold()
    return [
        (record_id, visible(names[0]) if names else "")  # a name reaches the shell's menu: no escape codes
        for record_id, names in records
        if any(name.casefold().startswith(start) for name in (record_id, *names))
    ]


def dataset_kinds(positions: Path | None) -> tuple[str, ...]:
    """The dataset's actor kinds, from sources.yaml alone; the format's own when it names none or cannot be read."""
    try:
        return _read(find_positions(positions), [SOURCES_NAME]).actor_kinds
    except Exception:  # completion offers the defaults rather than a traceback
        return ACTOR_KINDS


def _read(root: Path, names: list[str]) -> Dataset:
    loader = Loader()
    inside = root.resolve()
    loaded = ((name, load_inside(loader, root / name, inside, name)) for name in names)
    return assemble(root, loaded, True, str).dataset


def _actors(root: Path) -> Records:
    """Actor ids from the file names (an actor's id is its file's stem), with names and aliases where few."""
    folder = root / "actors"
    if leads_outside(folder, root.resolve()):
        return []
    stems = sorted(path.name for path in folder.iterdir() if is_actor_file(path.name))
    if len(stems) > MAX_READ_ACTORS:  # ids alone, and only those that can be ids
        return [(stem, ()) for name in stems if spec.Kind.ID.rule.accepts(stem := name.rsplit(".", 1)[0])]
    actors = _read(root, [f"actors/{name}" for name in stems]).actors
    return [(a.id, tuple(n for n in (a.name, *a.aliases) if n)) for a in actors if a.id]


def _topics(root: Path) -> Records:
    """Topic ids, from topics.yaml alone, with their titles."""
    return [(t.id, (t.title,) if t.title else ()) for t in _read(root, [TOPICS_NAME]).topics if t.id]


def _sources(root: Path) -> Records:
    """Source ids, from sources.yaml alone, with their titles."""
    return [(s.id, (s.title,) if s.title else ()) for s in _read(root, [SOURCES_NAME]).sources if s.id]
