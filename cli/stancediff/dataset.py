"""Find the positions folder and read it into a `Dataset`, with every problem.

    reading = read_dataset(find_positions(None))
    reading.dataset   # the records that conformed to the format
    reading.problems  # what the loader and the schema check found, file by file
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import spec
from .conform import Values, conform
from .errors import DatasetNotFound
from .load import Loader
from .model import Actor, Dataset, Evidence, Source, Stance, Topic
from .problems import Problem, problem

ENV_VAR = "STANCEDIFF_POSITIONS"
FOLDER = "positions"
ACTOR_SUFFIXES = (".yaml", ".yml")


def find_positions(option: Path | None, environ: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """The dataset folder: `--positions`, else $STANCEDIFF_POSITIONS, else the nearest positions/ upwards."""
    if option is not None:
        chosen, how = option, "--positions"
    elif environ.get(ENV_VAR):
        chosen, how = Path(environ[ENV_VAR]), f"${ENV_VAR}"
    else:
        start = (cwd or Path.cwd()).resolve()
        for folder in (start, *start.parents):
            if (folder / FOLDER).is_dir():
                return folder / FOLDER
        raise DatasetNotFound(
            f"no {FOLDER}/ folder in {start} or any folder above it; pass --positions DIR or set ${ENV_VAR}"
        )
    if not chosen.is_dir():
        state = "is not a folder" if chosen.exists() else "does not exist"
        raise DatasetNotFound(f"{how} {chosen} {state}; give the folder that holds topics.yaml, sources.yaml and actors/")
    return chosen


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


def read_dataset(root: Path, loader: Loader | None = None) -> Reading:
    """Read topics.yaml, sources.yaml and actors/*.yaml under `root`."""
    loader = loader or Loader()
    problems: list[Problem] = []
    files = 0

    def read(path: Path, record: spec.Record) -> tuple[str, Values | None]:
        nonlocal files
        shown = display_path(path)
        files += 1
        loaded = loader.load_path(path, shown)
        problems.extend(loaded.problems)
        if loaded.tree is None:
            return shown, None
        return shown, conform(loaded.tree, record, shown, problems)

    topics: list[Topic] = []
    sources: list[Source] = []
    for name, record in (("topics.yaml", spec.TOPICS_FILE), ("sources.yaml", spec.SOURCES_FILE)):
        path = root / name
        if not path.exists():
            problems.append(problem("missing-file", display_path(path), (1, 1), what=name))
            continue
        shown, values = read(path, record)
        if values is None:
            continue
        for item in values.values.get("topics", ()):
            topics.append(Topic(path=shown, mark=item.mark, marks=item.marks, **item.values))
        for item in values.values.get("sources", ()):
            sources.append(Source(path=shown, mark=item.mark, marks=item.marks, **item.values))

    actors: list[Actor] = []
    folder = root / "actors"
    if not folder.is_dir():
        problems.append(problem("missing-file", display_path(folder), (1, 1), what="actors/"))
    else:
        for path in sorted(folder.iterdir()):
            if path.suffix not in ACTOR_SUFFIXES or path.name.startswith("."):
                continue
            shown, values = read(path, spec.ACTOR)
            if values is not None:
                actors.append(_actor(values, shown, path.stem, problems))

    return Reading(Dataset(root, tuple(topics), tuple(sources), tuple(actors)), tuple(problems), files)


def _actor(values: Values, path: str, stem: str, problems: list[Problem]) -> Actor:
    fields = dict(values.values)
    actor_id = fields["id"]
    if actor_id != stem:
        problems.append(problem("id-mismatch", path, values.marks["id"], value=actor_id, stem=stem))
    fields["stances"] = tuple(
        Stance(
            path=path,
            mark=stance.mark, marks=stance.marks,
            actor=actor_id,
            **{
                **stance.values,
                "evidence": tuple(Evidence(path=path, mark=e.mark, marks=e.marks, **e.values) for e in stance.values["evidence"]),
            },
        )
        for stance in fields.get("stances", ())
    )
    return Actor(path=path, mark=values.mark, marks=values.marks, **fields)
