"""The run: `validate` reads a dataset, runs every check on it, and counts what was seen.

Actor files are read and checked one at a time (`FileVerdict`: the problems of
the file and what the checks across files need of it), then the quotes of
every file are looked for in their sources, one text at a time, then the
checks across files run on what each file left. With a `Cache`, the verdict
of a file whose contents, name and context did not change is taken from it.

A check that fails on data nobody foresaw is reported as a problem, and the
other checks still run. Only so many problems are listed, per file and in
all; a last line says how many more there are.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..format.archive import archive_dir
from ..format.dataset import Reading, assemble, display_path, list_files, read_actor
from ..format.load import Loaded, Loader
from ..format.model import Actor
from ..problems import MAX_PER_FILE, MAX_PER_RUN, Code, Counts, Problem, Raw, Report, capped, problem
from . import ACROSS, OF_ACTOR, quotes
from .base import Context, Scope, Summary, summarize
from .cache import Cache

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


@dataclass
class FileVerdict:
    """What the checks found in one actor file, and what the checks across files need of it."""

    name: str  # relative to the dataset ("actors/us.yaml")
    problems: list[Problem]  # every one in this file: reading it, its schema, the checks of one actor, its quotes
    summary: Summary | None  # None: the file holds no actor
    quoted: quotes.Quoted = field(default_factory=quotes.Quoted)


def _guarded(name: str, where: str, check: Callable[..., Iterable[Problem]], *args: object) -> Iterator[Problem]:
    """The check's problems; if it fails on data nobody foresaw, those found so far and an internal error."""
    try:
        yield from check(*args)
    except Exception as error:  # a bug of ours must not hide every other problem
        yield problem("internal-error", where, (1, 1), detail=Raw.from_data(f"the {name} check failed: {error!r}"))


def validate(
    root: Path,
    sources_dir: Path | None = None,
    today: datetime.date | None = None,
    loader: Loader | None = None,
    max_quoted: float | None = None,
    cache: Cache | None = None,
) -> Report:
    """Read the dataset in `root` and run every check on it.

    Quotes are checked against `sources_dir` (--sources-dir), else the folder
    the dataset names with `archive:` in sources.yaml. With `cache`, files that
    did not change since it was written are not read again.
    """
    context = Context(today=today or datetime.date.today(), sources_dir=sources_dir, max_quoted=max_quoted)
    chosen = loader or Loader()
    files = list_files(root)
    actor_names = [name for name in files.names if name.startswith("actors/")]
    head = assemble(
        root,
        ((name, files.load(name, chosen)) for name in files.names if not name.startswith("actors/")),
        files.has_actors,
        files.shown,
        files.others,
    )
    checker = _Checker(head, context, cache.texts if cache is not None else {})
    key = checker.fingerprint(cache.version, chosen) if cache is not None else ""
    verdicts: list[FileVerdict] = []
    fresh: list[tuple[FileVerdict, list[quotes.Quote]]] = []
    digests: dict[str, str] = {}
    for name in actor_names:
        data = files.read(name, chosen)
        if isinstance(data, Loaded):
            verdicts.append(FileVerdict(name, list(data.problems), None))
            continue
        if cache is not None:
            digest = digests[name] = hashlib.sha256(data).hexdigest()
            kept = cache.verdict(name, digest, key, files.shown(name))
            if kept is not None:
                verdicts.append(kept)
                continue
        verdict, found = checker.of_file(name, chosen.load_bytes(data, files.shown(name)))
        verdicts.append(verdict)
        fresh.append((verdict, found))
    checker.locate(fresh)
    report = checker.report(verdicts, head.files + len(actor_names))
    if cache is not None and not checker.failed:
        cache.save(key, [(v, digests[v.name]) for v, _ in fresh], checker.texts.current(), files.shown)
    return report


def check_reading(reading: Reading, context: Context, only: Iterable[str] = ()) -> Report:
    """Run the checks (those named in `only`, else all) on a dataset as read: the report `validate` prints,
    its problems capped (`capped`), its counts of every problem.

    Without `context.sources_dir`, the archive is the one the dataset names (see `archive_dir`).
    """
    checker, verdicts = _checked(reading, context, only)
    return checker.report(verdicts, reading.files)


def check_all(reading: Reading, context: Context, only: Iterable[str] = ()) -> list[Problem]:
    """Every problem of a dataset as read, with those of the checks (named in `only`, else all), sorted:
    none left out, for what decides on them (`add`); `context.stats` counts the quotes checked."""
    checker, verdicts = _checked(reading, context, only)
    return checker.problems(verdicts)


def _checked(reading: Reading, context: Context, only: Iterable[str]) -> tuple[_Checker, list[FileVerdict]]:
    """The checker of a dataset read whole, and the verdict of each of its actors, quotes located."""
    dataset = reading.dataset
    head = Reading(replace(dataset, actors=()), reading.problems, reading.files)
    checker = _Checker(head, context, only=frozenset(only))
    fresh = [checker.of_actor(actor.path, actor, []) for actor in dataset.actors]
    checker.locate(fresh)
    return checker, [verdict for verdict, _ in fresh]


class _Checker:
    """The checks, given the topics and sources (`head`: the dataset without its actors).

    Without `context.sources_dir`, the archive is the one the dataset names (see `archive_dir`)."""

    def __init__(
        self,
        head: Reading,
        context: Context,
        known: dict[str, int | str] | None = None,
        only: frozenset[str] = frozenset(),
    ) -> None:
        self.head = head
        self.only = only
        dataset = head.dataset
        self.archive = archive_dir(dataset, context.sources_dir)
        self.scope = Scope(dataset, replace(context, archive=self.archive))  # its stats are the context's own
        self.texts = quotes.Texts(self.scope, known)
        self.where = display_path(dataset.root)
        self.failed = False  # whether a pass over every file failed (its verdicts are then not to be kept)

    def fingerprint(self, version: str, loader: Loader) -> str:
        """What the verdict of an actor file depends on besides the file itself, as one digest."""
        scope = self.scope
        parts = [
            version,
            [loader.max_bytes, loader.max_depth, loader.max_nodes],
            scope.context.today.isoformat(),
            list(self.head.dataset.actor_kinds),
            list(scope.topics),
            [[s.id, str(s.date) if s.date else None] for s in scope.sources.values()],
            self.texts.fingerprint(),
        ]
        return hashlib.sha256(json.dumps(parts).encode()).hexdigest()

    def of_file(self, name: str, loaded: Loaded) -> tuple[FileVerdict, list[quotes.Quote]]:
        problems = list(loaded.problems)
        if loaded.tree is None:
            return FileVerdict(name, problems, None), []
        try:
            actor = read_actor(loaded.tree, loaded.file, name, problems, self.head.dataset.actor_kinds)
        except Exception as error:  # a bug of ours must not stop the other files
            detail = Raw.from_data(f"reading the records failed: {error!r}")
            problems.append(problem("internal-error", loaded.file, (1, 1), detail=detail))
            return FileVerdict(name, problems, None), []
        return self.of_actor(name, actor, problems)

    def of_actor(self, name: str, actor: Actor, problems: list[Problem]) -> tuple[FileVerdict, list[quotes.Quote]]:
        for check_name, check in OF_ACTOR.items():
            if self.runs(check_name):
                problems.extend(_guarded(check_name, actor.path, check, actor, self.scope))
        return FileVerdict(name, problems, summarize(actor)), quotes.quotes_of(actor)

    def runs(self, name: str) -> bool:
        return not self.only or name in self.only

    def locate(self, fresh: list[tuple[FileVerdict, list[quotes.Quote]]]) -> None:
        """Look for the quotes of the files just read in their sources."""
        if not self.runs("quotes"):
            return
        try:
            found = self.texts.locate([quoted for _, quoted in fresh])
        except Exception as error:  # a bug of ours must not hide every other problem
            detail = Raw.from_data(f"the quotes check failed: {error!r}")
            self.head = replace(
                self.head, problems=(*self.head.problems, problem("internal-error", self.where, (1, 1), detail=detail))
            )
            self.failed = True  # so that no verdict of this run is kept: the next run must fail the same way
            for verdict, quoted in fresh:
                verdict.quoted.unchecked = len(quoted)
            return
        for (verdict, _), result in zip(fresh, found, strict=True):
            verdict.quoted = result
            verdict.problems.extend(result.problems)
            result.problems = []

    def problems(self, verdicts: list[FileVerdict]) -> list[Problem]:
        """Every problem, sorted: of the files (`verdicts`), of the topics and sources, and across files."""
        dataset = self.head.dataset
        problems = list(self.head.problems)
        if self.archive.problem is not None:
            problems.append(self.archive.problem)
        summaries = [v.summary for v in verdicts if v.summary is not None]
        for verdict in verdicts:
            problems.extend(verdict.problems)
        for name, check in ACROSS.items():
            if self.runs(name):
                problems.extend(_guarded(name, self.where, check, dataset, summaries, self.scope))
        if self.runs("quotes"):
            quoted = [v.quoted for v in verdicts]
            problems.extend(_guarded("quotes", self.where, quotes.across, dataset, quoted, self.texts))
        stats = self.scope.context.stats
        stats["quotes_checked"] += sum(v.quoted.checked for v in verdicts)
        stats["quotes_unchecked"] += sum(v.quoted.unchecked for v in verdicts)
        problems.sort()
        return problems

    def report(self, verdicts: list[FileVerdict], files: int) -> Report:
        problems = self.problems(verdicts)
        summaries = [v.summary for v in verdicts if v.summary is not None]
        counts = Counts(
            files=files,
            actors=len(summaries),
            stances=sum(s.stances for s in summaries),
            quotes=sum(s.quotes for s in summaries),
            quotes_checked=sum(v.quoted.checked for v in verdicts),
            quotes_unchecked=sum(v.quoted.unchecked for v in verdicts),
            errors=sum(p.severity == "error" for p in problems),
            warnings=sum(p.severity == "warning" for p in problems),
        )
        return Report(tuple(capped(problems)), counts)
