"""What every dataset check receives besides the dataset, and what a check of one actor file looks up.

A check has two parts (see `checks/__init__.py`): `of_actor`, the problems of
one actor file given the topics and sources (`Scope`), and `across`, those
that need every file, read from each actor file's `Summary`. `validate` keeps
the first part's results per file in its cache (`checks/cache.py`).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..format.archive import ArchiveFolder
from ..format.model import Actor, Dataset, Source, Topic
from ..problems import Mark
from ..suggest import Suggester

MAX_QUOTED = 0.2  # the share of a source's words its quotes may reproduce, by default


@dataclass
class Context:
    today: datetime.date
    sources_dir: Path | None = None  # the folder of the archived source texts the user named (--sources-dir)
    archive: ArchiveFolder | None = None  # the archive the quotes are checked against (set by `validate._Checker`)
    # The share of a source's words its quotes may reproduce (--max-quoted); None: the dataset's
    # `max_quoted`, else MAX_QUOTED.
    max_quoted: float | None = None
    stats: Counter[str] = field(default_factory=Counter)  # counts for the summary, e.g. quotes_checked


class Scope:
    """What the checks of one actor file look up: the topics and sources by id (the first of each), hints."""

    def __init__(self, dataset: Dataset, context: Context) -> None:
        self.context = context
        self.topics: Mapping[str, Topic] = dataset.topic_ids
        self.sources: Mapping[str, Source] = dataset.source_ids
        # One suggester per kind of id, so that hints are remembered; a file's checks ask through `anew`,
        # with a budget of their own, so that its hints do not depend on the files read before it.
        self.topic_hints = Suggester(self.topics)
        self.source_hints = Suggester(self.sources)
        self.last_days = {s.id: (s.date.last_day, s) for s in self.sources.values() if s.date is not None}


@dataclass(frozen=True)
class Summary:
    """What the checks across files need of one actor file (`validate`'s cache keeps it per file)."""

    path: str
    mark: Mark  # where the actor starts
    id: str | None
    id_mark: Mark
    part_of: str | None
    part_of_mark: Mark
    topics: tuple[str, ...]  # the topics its stances name, each once
    sources: tuple[str, ...]  # the sources its evidence cites, each once
    stances: int
    quotes: int  # evidence entries

    def at(self, key: str = "") -> Mark:
        """Where `key`'s value stands, as `Located.at` says it (for the keys kept here)."""
        return {"id": self.id_mark, "part_of": self.part_of_mark}.get(key, self.mark)


def summarize(actor: Actor) -> Summary:
    stances = actor.stances
    return Summary(
        path=actor.path,
        mark=actor.mark,
        id=actor.id,
        id_mark=actor.at("id"),
        part_of=actor.part_of,
        part_of_mark=actor.at("part_of"),
        topics=tuple(dict.fromkeys(s.topic for s in stances if s.topic is not None)),
        sources=tuple(dict.fromkeys(e.source for s in stances for e in s.evidence if e.source is not None)),
        stances=len(stances),
        quotes=sum(len(s.evidence) for s in stances),
    )
