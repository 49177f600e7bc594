"""The dataset as typed, immutable records: topics, sources, actors, stances.

Every record knows the file it came from (`path`, as problems name it) and
the line and column of itself and of each of its keys (`at`), so checks can
point at the exact spot. The model holds only what conformed to the format;
what did not was reported on loading.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..problems import Mark
from .spec import POSITIONS

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the source allows: 2019, 2019-05 or 2019-05-14.

    Partial dates compare by their first day (2019-09 sorts as 2019-09-01).
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate | None:
        """Read a date from YAML (a string, a year or a date object); None if invalid."""
        if isinstance(value, (datetime.datetime, bool)):
            return None
        if isinstance(value, datetime.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str):
            return None
        match = _DATE.fullmatch(value)
        if not match:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            return None
        return cls(year, month, day)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True, kw_only=True)
class Located:
    path: str
    mark: Mark  # where the record starts
    marks: Mapping[str, Mark]  # key name -> mark of its value

    def at(self, key: str = "") -> Mark:
        """Where `key`'s value (or, without a key, the record) stands in `path`."""
        return self.marks.get(key, self.mark)


@dataclass(frozen=True, kw_only=True)
class Topic(Located):
    id: str
    title: str
    proposition: str
    description: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Source(Located):
    id: str
    title: str
    date: PartialDate
    publisher: str | None = None
    url: str | None = None
    file: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, kw_only=True)
class Evidence(Located):
    source: str
    quote: str


@dataclass(frozen=True, kw_only=True)
class Stance(Located):
    actor: str
    topic: str
    position: str
    date: PartialDate
    basis: str
    summary: str
    evidence: tuple[Evidence, ...]
    speaker: str | None = None
    conditions: tuple[str, ...] = ()
    note: str | None = None

    @property
    def value(self) -> int:
        """The position on the scale, from +2 (support) to -2 (oppose)."""
        return POSITIONS[self.position]


@dataclass(frozen=True, kw_only=True)
class Actor(Located):
    id: str
    name: str
    kind: str
    country: str | None = None
    part_of: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None
    stances: tuple[Stance, ...] = ()


@dataclass(frozen=True)
class Dataset:
    """Everything read from one positions folder, in file order."""

    root: Path
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]

    @cached_property
    def topic_ids(self) -> dict[str, Topic]:
        return _first_by_id(self.topics)

    @cached_property
    def source_ids(self) -> dict[str, Source]:
        return _first_by_id(self.sources)

    @cached_property
    def actor_ids(self) -> dict[str, Actor]:
        return _first_by_id(self.actors)

    @cached_property
    def stances(self) -> tuple[Stance, ...]:
        """Every actor's stances, in file order."""
        return tuple(stance for actor in self.actors for stance in actor.stances)


def _first_by_id(records: tuple) -> dict:
    """Index records by id; where an id repeats, the first record stands."""
    index: dict = {}
    for record in records:
        index.setdefault(record.id, record)
    return index
