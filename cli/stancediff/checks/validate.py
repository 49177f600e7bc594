"""Validate a dataset: read it, run every check, and count what was seen."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..format.dataset import display_path, read_dataset
from ..format.load import Loader
from ..format.model import Dataset
from ..problems import Problem, Raw, capped, problem
from . import CHECKS, Check, Context


@dataclass(frozen=True)
class Counts:
    files: int
    actors: int
    stances: int
    quotes: int
    quotes_checked: int
    quotes_unchecked: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]  # sorted by file, line and column; capped (see `problems.capped`)
    counts: Counts  # of every problem, listed or not

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean; 1 on errors, or on warnings too when `strict`."""
        return 1 if self.counts.errors or (strict and self.counts.warnings) else 0


def _guarded(name: str, check: Check, dataset: Dataset, context: Context, where: str) -> Iterator[Problem]:
    """The check's problems; if it fails on data nobody foresaw, those found so far and an internal error."""
    try:
        yield from check(dataset, context)
    except Exception as error:  # a bug of ours must not hide every other problem
        yield problem("internal-error", where, (1, 1), detail=Raw(f"the {name} check failed: {error!r}"))


def validate(
    root: Path,
    sources_dir: Path | None = None,
    today: datetime.date | None = None,
    loader: Loader | None = None,
) -> Report:
    reading = read_dataset(root, loader)
    dataset = reading.dataset
    context = Context(today=today or datetime.date.today(), sources_dir=sources_dir)
    problems = list(reading.problems)
    for name, check in CHECKS.items():
        problems.extend(_guarded(name, check, dataset, context, display_path(root)))
    problems.sort()
    stances = dataset.stances
    counts = Counts(
        files=reading.files,
        actors=len(dataset.actors),
        stances=len(stances),
        quotes=sum(len(stance.evidence) for stance in stances),
        quotes_checked=context.stats["quotes_checked"],
        quotes_unchecked=context.stats["quotes_unchecked"],
        errors=sum(p.severity == "error" for p in problems),
        warnings=sum(p.severity == "warning" for p in problems),
    )
    return Report(tuple(capped(problems)), counts)
