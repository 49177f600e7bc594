"""The dataset's layout: topics.yaml, sources.yaml and one file per actor in actors/, in a positions folder.

This module finds the positions folder and reads it into a `Dataset`, with every problem:

    reading = read_dataset(find_positions(None))
    reading.dataset   # every record, with each value that conformed (see `model`)
    reading.problems  # what the loader and the schema check found, file by file

Each actor's id must match its file name. The folder of archived source
texts that sources.yaml names (`archive:`) must be there, or quotes cannot be
checked against it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from ..errors import DatasetNotFound
from ..problems import Code, Problem, Raw, problem
from . import spec
from .conform import Values, conform
from .load import Loaded, Loader, YamlMap
from .model import Actor, Archive, Dataset, Evidence, Located, Source, Stance, Topic

ENV_VAR = "STANCEDIFF_POSITIONS"
FOLDER = "positions"
ACTOR_SUFFIXES = (".yaml", ".yml")
TOPICS_NAME = "topics.yaml"
SOURCES_NAME = "sources.yaml"

_LOCATED = frozenset(Located.__dataclass_fields__)
_NOTHING: Mapping[str, object] = MappingProxyType({})
_NO_FILES: Mapping[str, bytes | Loaded] = MappingProxyType({})

# The model class of each record of the format.
MODEL: dict[str, type[Located]] = {
    spec.TOPIC.name: Topic,
    spec.SOURCE.name: Source,
    spec.ACTOR.name: Actor,
    spec.STANCE.name: Stance,
    spec.EVIDENCE.name: Evidence,
}


CODES: dict[str, Code] = {
    "missing-file": Code.error(
        "Missing file or folder",
        "{what} is missing",
        "Create it as `stancediff docs format` describes (`topics.yaml`, `sources.yaml`, `actors/`).",
    ),
    "skipped-file": Code.warning(
        "File not read",
        "not read: {reason}",
        "Rename it to end in `.yaml` and move it directly into actors/, or move it out of the dataset.",
    ),
    "id-mismatch": Code.error(
        "Actor id does not match file name",
        "actor id {value} does not match the file name {stem}",
        "Rename the file to `<id>.yaml` or change the id.",
    ),
}


def find_positions(option: Path | None, environ: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """The dataset folder: `--positions`, else $STANCEDIFF_POSITIONS, else the nearest positions/ upwards.

    `DatasetNotFound` when there is none, or what was named is not a dataset
    (naming the nearest dataset there is, where one can be seen).
    """
    if option is not None:
        chosen, how = option, "--positions"
    elif environ.get(ENV_VAR):
        chosen, how = Path(environ[ENV_VAR]), f"${ENV_VAR}"
    else:
        start = (cwd or Path.cwd()).resolve()
        found = next((folder / FOLDER for folder in (start, *start.parents) if (folder / FOLDER).is_dir()), None)
        if found is None:
            raise DatasetNotFound(
                f"no {FOLDER}/ folder in {start} or any folder above it; pass --positions DIR or set ${ENV_VAR}"
            )
        chosen, how = found, f"the nearest {FOLDER}/ folder,"
        if leads_outside(found, found.parent):  # committed, it would make the data read what it likes
            raise DatasetNotFound(
                f"{how} {found}, is a symbolic link leading outside {found.parent}; "
                "pass --positions DIR to read the folder it leads to"
            )
    if not chosen.is_dir():
        state = "is not a folder" if chosen.exists() else "does not exist"
        raise DatasetNotFound(
            f"{how} {chosen} {state}; give the folder that holds topics.yaml, sources.yaml and actors/"
        )
    if not is_dataset(chosen):
        nearest = _nearest_dataset(chosen)
        hint = f"did you mean {nearest}?" if nearest else "start one with `stancediff init`"
        raise DatasetNotFound(f"{how} {chosen} is not a dataset (no {TOPICS_NAME}, {SOURCES_NAME} or actors/); {hint}")
    return chosen


def leads_outside(path: Path, inside: Path) -> bool:
    """Whether `path` is a symbolic link whose target lies outside the folder `inside` (a real path)."""
    return path.is_symlink() and not path.resolve().is_relative_to(inside)


OUTSIDE = "a symbolic link leading outside the dataset"


def is_dataset(folder: Path) -> bool:
    """Whether `folder` holds any part of a dataset (what is missing, `validate` reports)."""
    return any((folder / name).exists() for name in (TOPICS_NAME, SOURCES_NAME, "actors"))


def _nearest_dataset(folder: Path) -> Path | None:
    """A dataset the user may have meant: `folder`/positions, else the nearest positions/ above it."""
    start = folder.resolve()
    for candidate in (start / FOLDER, *(parent / FOLDER for parent in start.parents)):
        if candidate != start and candidate.is_dir() and is_dataset(candidate):
            return candidate
    return None


@dataclass(frozen=True)
class Reading:
    dataset: Dataset
    problems: tuple[Problem, ...]
    files: int  # how many YAML files were read


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`path` as problems name it: relative to the working folder where it lies below it."""
    try:
        return str(path.resolve().relative_to((cwd or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def is_actor_file(name: str) -> bool:
    """Whether a file in actors/ is an actor file (dot files and other suffixes are ignored)."""
    return name.endswith(ACTOR_SUFFIXES) and not name.startswith(".")


def is_actor_path(name: str) -> bool:
    """Whether `name` ("actors/us.yaml"), relative to the dataset, is an actor file."""
    parts = PurePosixPath(name).parts
    return len(parts) == 2 and parts[0] == "actors" and is_actor_file(parts[1])


def skipped(name: str, folder: bool = False) -> str | None:
    """Why an entry of actors/ ("actors/US.YAML", "actors/old/", with `folder`) is not read; None if it is,
    or is a dot file, which is nobody's business."""
    parts = PurePosixPath(name).parts
    if parts[0] != "actors" or any(part.startswith(".") for part in parts) or is_actor_path(name):
        return None
    if folder or len(parts) > 2:
        return "actor files are read only directly in actors/, not in a folder below it"
    if parts[-1].lower().endswith(ACTOR_SUFFIXES):
        return "only names ending in .yaml or .yml, in lower case, are read"
    return "only names ending in .yaml or .yml are read in actors/"


@dataclass(frozen=True)
class Files:
    """The files of a dataset folder to read, and the entries of actors/ that are not read, with why."""

    root: Path
    inside: Path  # `root`'s real path: no file is read through a symbolic link leading outside it
    names: tuple[str, ...]  # topics.yaml, sources.yaml (where there), then actors/*.yaml, relative to `root`
    others: tuple[tuple[str, str], ...]
    has_actors: bool
    replaced: Mapping[str, bytes | Loaded]
    shown_root: str  # `root` as problems name it, worked out once: resolving paths costs on thousands of files

    def shown(self, name: str) -> str:
        return os.path.join(self.shown_root, name)

    def read(self, name: str, loader: Loader) -> bytes | Loaded:
        """The bytes of file `name`, or (as a `Loaded`) the file given loaded, or why it cannot be read."""
        if name in self.replaced:
            return self.replaced[name]
        path = self.root / name
        if leads_outside(path, self.inside):
            return Loaded.failed(self.shown(name), "unreadable", reason=OUTSIDE)
        return loader.read_path(path, self.shown(name))

    def load(self, name: str, loader: Loader) -> Loaded:
        data = self.read(name, loader)
        return data if isinstance(data, Loaded) else loader.load_bytes(data, self.shown(name))


def list_files(
    root: Path,
    replaced: Mapping[str, bytes | Loaded] = _NO_FILES,
    removed: Collection[str] = (),
    actors: Sequence[str] | None = None,
) -> Files:
    """The files of the dataset in `root` to read (see `read_dataset`)."""
    names = [name for name in (TOPICS_NAME, SOURCES_NAME) if (root / name).exists() or (root / name).is_symlink()]
    folder = root / "actors"
    inside = root.resolve()
    others: list[tuple[str, str]] = []
    if leads_outside(folder, inside):
        names.append("actors")  # not listed: refused as a file leading outside is
    elif actors is not None:
        names += actors
    elif folder.is_dir():
        for path in sorted(folder.iterdir()):
            name = f"actors/{path.name}"
            if is_actor_file(path.name):
                names.append(name)
            elif (reason := skipped(name, path.is_dir())) is not None:
                others.append((name + "/" if path.is_dir() else name, reason))
    names += [name for name in replaced if name not in names]
    if removed:
        names = [name for name in names if name not in removed or name in replaced]
    has_actors = folder.is_dir() or "actors" in names or any(name.startswith("actors/") for name in replaced)
    return Files(root, inside, tuple(names), tuple(others), has_actors, replaced, display_path(root))


def read_dataset(
    root: Path,
    loader: Loader | None = None,
    replaced: Mapping[str, bytes | Loaded] = _NO_FILES,
    removed: Collection[str] = (),
    actors: Sequence[str] | None = None,
) -> Reading:
    """Read topics.yaml, sources.yaml and actors/*.yaml under `root`; report what else is in actors/.

    `replaced` holds contents to read instead of what is on disk, by name
    ("actors/us.yaml"), new files too, and `removed` names files to leave
    unread: the dataset as a change would leave it.
    Contents may be given loaded already (under the name problems give the
    file here: `root` as `display_path` shows it, then the name).
    `actors` reads only those actor files (as `actor_files` names them), and
    reports nothing else of actors/: a part of the dataset, for reading it a
    part at a time.
    """
    chosen = loader or Loader()
    files = list_files(root, replaced, removed, actors)
    loaded = ((name, files.load(name, chosen)) for name in files.names)
    return assemble(root, loaded, files.has_actors, files.shown, files.others)


def load_inside(loader: Loader, path: Path, inside: Path, file: str) -> Loaded:
    """The file at `path`, unless it is a symbolic link leading outside the dataset folder `inside` (a real path)."""
    if leads_outside(path, inside):
        return Loaded.failed(file, "unreadable", reason=OUTSIDE)
    return loader.load_path(path, file)


def actor_files(root: Path) -> list[str]:
    """The actor files `read_dataset` reads, by name ("actors/us.yaml"), in the order it reads them."""
    folder = root / "actors"
    if leads_outside(folder, root.resolve()) or not folder.is_dir():
        return []  # `read_dataset` refuses a folder leading outside
    return [f"actors/{path.name}" for path in sorted(folder.iterdir()) if is_actor_file(path.name)]


def read_texts(files: Mapping[str, str | bytes], root: Path = Path(FOLDER), loader: Loader | None = None) -> Reading:
    """Read a dataset given as file contents by name ("topics.yaml", "actors/us.yaml"), as from disk.

    Problems name each file `root/name`. For tests, and for checking a change
    before it is written.
    """
    loader = loader or Loader()

    def shown(name: str) -> str:
        return os.path.join(str(root), name)

    others = [(name, reason) for name in files if (reason := skipped(name)) is not None]
    loaded = (
        (name, loader.load_bytes(text.encode("utf-8") if isinstance(text, str) else text, shown(name)))
        for name, text in sorted(files.items(), key=lambda item: is_actor_path(item[0]))  # sources.yaml first
        if name in (TOPICS_NAME, SOURCES_NAME) or is_actor_path(name)
    )
    return assemble(root, loaded, any(name.startswith("actors/") for name in files), shown, others)


def assemble(
    root: Path,
    loaded: Iterable[tuple[str, Loaded]],
    has_actors: bool,
    shown: Callable[[str], str],
    others: Iterable[tuple[str, str]] = (),
    kinds: tuple[str, ...] = spec.ACTOR_KINDS,
) -> Reading:
    """Build the dataset from its loaded files, named relative to `root` ("actors/us.yaml").

    `loaded` may be a generator, so that each file's tree is dropped once its
    records are built; sources.yaml must come before the actor files, whose
    kinds it may name (`actor_kinds`; else `kinds`). `shown` names a missing
    file in problems; `others` are the entries of actors/ that were not read,
    each with the reason.
    """
    problems: list[Problem] = [problem("skipped-file", shown(name), (1, 1), reason=Raw(why)) for name, why in others]
    topics: list[Topic] = []
    sources: list[Source] = []
    actors: list[Actor] = []
    archive: Archive | None = None
    max_quoted: float | None = None
    seen = set()
    for name, file in loaded:
        seen.add(name)
        problems.extend(file.problems)
        if file.tree is None:
            continue
        try:
            if name == TOPICS_NAME:
                values = conform(file.tree, spec.TOPICS_FILE, file.file, problems)
                topics += [build(spec.TOPIC, item, file.file) for item in values.values.get("topics", ())]
            elif name == SOURCES_NAME:
                values = conform(file.tree, spec.SOURCES_FILE, file.file, problems)
                sources += [build(spec.SOURCE, item, file.file) for item in values.values.get("sources", ())]
                if "archive" in values.values:
                    mark = values.marks["archive"]
                    archive = Archive(path=file.file, mark=mark, marks={}, folder=values.values["archive"])
                max_quoted = values.values.get("max_quoted")
                kinds = values.values.get("actor_kinds") or kinds
            else:
                actors.append(read_actor(file.tree, file.file, name, problems, kinds))
        except Exception as error:  # a bug of ours must not stop the other files
            detail = Raw.from_data(f"reading the records failed: {error!r}")
            problems.append(problem("internal-error", file.file, (1, 1), detail=detail))
    for name in (TOPICS_NAME, SOURCES_NAME):
        if name not in seen:
            problems.append(problem("missing-file", shown(name), (1, 1), what=name))
    if not has_actors:
        problems.append(problem("missing-file", shown("actors"), (1, 1), what="actors/"))
    dataset = Dataset(root, tuple(topics), tuple(sources), tuple(actors), archive, max_quoted, kinds)
    return Reading(dataset, tuple(problems), len(seen))


def build(record: spec.Record, values: Values, path: str, derived: Mapping[str, object] = _NOTHING) -> Any:
    """The model record of `values`: every key of `record`, None (or empty) where absent or invalid.

    `derived` holds what the record takes from its parent (a stance's actor),
    and is handed down to the records it holds.
    """
    model, keys, takes = _plan(record)
    given = values.values
    fields: dict[str, object] = {name: derived[name] for name in takes} if takes else {}
    for name, nested, many in keys:
        value = given.get(name)
        if nested is not None:
            value = tuple([build(nested, item, path, derived) for item in value]) if value else ()
        elif many and value is None:
            value = ()
        fields[name] = value
    return model(path=path, mark=values.mark, marks=values.marks, complete=values.complete, **fields)


_PLANS: dict[str, tuple[type[Located], tuple[tuple[str, spec.Record | None, bool], ...], tuple[str, ...]]] = {}


def _plan(
    record: spec.Record,
) -> tuple[type[Located], tuple[tuple[str, spec.Record | None, bool], ...], tuple[str, ...]]:
    """How to build a record: its model class, its keys, and what it takes from its parent (worked out once)."""
    plan = _PLANS.get(record.name)
    if plan is None:
        model = MODEL[record.name]
        keys = tuple((f.name, f.record if f.kind is spec.Kind.RECORDS else None, f.many) for f in record.fields)
        takes = tuple(
            name for name in model.__dataclass_fields__ if name not in record.by_name and name not in _LOCATED
        )
        plan = _PLANS[record.name] = (model, keys, takes)
    return plan


def read_actor(
    tree: YamlMap, path: str, name: str, problems: list[Problem], kinds: tuple[str, ...] = spec.ACTOR_KINDS
) -> Actor:
    """The actor of the file `name` ("actors/us.yaml"), loaded as `tree`, of one of `kinds`; its problems added
    to `problems`."""
    values = conform(tree, spec.actor_record(kinds), path, problems)
    actor_id = values.values.get("id")
    stem = PurePosixPath(name).stem
    if actor_id is not None and actor_id != stem:
        problems.append(problem("id-mismatch", path, values.marks["id"], value=actor_id, stem=stem))
    return build(spec.ACTOR, values, path, {"actor": actor_id})
