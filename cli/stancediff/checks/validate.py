"""The run: `validate` reads a dataset, runs every check on it, and counts what was seen.

A check that fails on data nobody foresaw is reported as a problem, and the
other checks still run. Only so many problems are listed, per file and in
all; a last line says how many more there are.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..format.archive import archive_dir
from ..format.dataset import Reading, display_path, read_dataset
from ..format.load import Loader
from ..format.model import Dataset
from ..problems import MAX_PER_FILE, MAX_PER_RUN, Code, Counts, Problem, Raw, Report, capped, problem
from . import CHECKS, Check, Context

CODES: dict[str, Code] = {
    "internal-error": Code.error(
        "Internal error",
        "stancediff failed here: {detail}",
        "This is a bug in stancediff; please report it with the file attached.",
    ),
    "more-problems": Code.error(
        "More problems not listed",
        "not listed {where}: {more} ({errors}, {warnings})",
        f"Fix the problems listed and run again; at most {MAX_PER_FILE:,} are listed per file "
        f"and {MAX_PER_RUN:,} in all. The line is an error when errors are among those left out "
        "(else it is `more-warnings`).",
    ),
    "more-warnings": Code.warning(
        "More warnings not listed",
        "not listed {where}: {more}",
        f"Fix the warnings listed and run again; at most {MAX_PER_FILE:,} problems are listed per file "
        f"and {MAX_PER_RUN:,} in all. Only warnings were left out.",
    ),
}


def _guarded(name: str, check: Check, dataset: Dataset, context: Context, where: str) -> Iterator[Problem]:
    """The check's problems; if it fails on data nobody foresaw, those found so far and an internal error."""
    try:
        yield from check(dataset, context)
    except Exception as error:  # a bug of ours must not hide every other problem
        yield problem("internal-error", where, (1, 1), detail=Raw.from_data(f"the {name} check failed: {error!r}"))


def validate(
    root: Path,
    sources_dir: Path | None = None,
    today: datetime.date | None = None,
    loader: Loader | None = None,
    max_quoted: float | None = None,
) -> Report:
    """Read the dataset in `root` and run every check on it.

    Quotes are checked against `sources_dir` (--sources-dir), else the folder
    the dataset names with `archive:` in sources.yaml.
    """
    context = Context(today=today or datetime.date.today(), sources_dir=sources_dir, max_quoted=max_quoted)
    return check_reading(read_dataset(root, loader), context)


def check_reading(reading: Reading, context: Context, only: Iterable[str] = ()) -> Report:
    """Run the checks (those named in `only`, else all) on a dataset as read: the report `validate` prints,
    its problems capped (`capped`), its counts of every problem.

    Without `context.sources_dir`, the archive is the one the dataset names (see `archive_dir`).
    """
    problems = check_all(reading, context, only)
    dataset = reading.dataset
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


def check_all(reading: Reading, context: Context, only: Iterable[str] = ()) -> list[Problem]:
    """Every problem of a dataset as read, with those of the checks (named in `only`, else all), sorted:
    none left out, for what decides on them (`add`); `context.stats` counts the quotes checked."""
    dataset = reading.dataset
    problems = list(reading.problems)
    archive = archive_dir(dataset, context.sources_dir)
    checking = replace(context, archive=archive)  # its stats are the context's own
    if archive.problem is not None:
        problems.append(archive.problem)
    where = display_path(dataset.root)
    for name, check in CHECKS.items():
        if not only or name in only:
            problems.extend(_guarded(name, check, dataset, checking, where))
    problems.sort()
    return problems
