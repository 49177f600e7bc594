"""The dataset as typed, immutable records: topics, sources, actors, stances.

Every record knows the file it came from (`path`, as problems name it) and
the line and column of itself and of each of its keys (`at`), so checks can
point at the exact spot.

The classes follow `spec` key for key (tests/test_spec.py fails when they
drift). A record keeps every value that conformed to the format, even where
others did not, so that the checks can look at all of them in one run; such a
record is not `complete`, and a required value that was missing or invalid is
None on it (already reported). Views and analysis read only complete records
(`Dataset.complete_records`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ..problems import Mark
from .spec import ACTOR_KINDS, POSITIONS, Field, Kind


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
        """Read a date from YAML (a string, a year or a date object); None if invalid.

        The text must follow the format's date rule (`spec.Kind.DATE`), which
        admits real calendar dates only, in ASCII digits.
        """
        if isinstance(value, (datetime.datetime, bool)):
            return None
        if isinstance(value, datetime.date):  # a real calendar day: the rule asks only for four digits
            return cls(value.year, value.month, value.day) if value.year >= 1000 else None
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str) or not Kind.DATE.rule.accepts(value):
            return None
        year, *rest = map(int, value.split("-"))
        month, day = (*rest, None, None)[:2]
        return cls(year, month, day)

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day the date may stand for: 2019-06 may be any day up to 2019-06-30."""
        if self.day is not None:
            return self.first_day
        if self.month is None or self.month == 12:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month + 1, 1) - datetime.timedelta(days=1)

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
    complete: bool = True  # False: a required value was missing or invalid, and is None here

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
    salience: str | None = None
    conditions: tuple[str, ...] = ()
    note: str | None = None

    @property
    def value(self) -> int:
        """The position on the scale, from +2 (support) to -2 (oppose)."""
        return POSITIONS[self.position]

    @property
    def id(self) -> str:
        """The stance's id in every export and in `changes`: `actor:topic:date` ("us:huawei-in-5g:2019-09").

        One actor holds one stance on a topic at a date (the uniqueness check),
        so the id is unique in a valid dataset; it stays the same when other
        stances come and go or move, and when the stance's own summary,
        quotes, note or position are edited.
        """
        return stance_id(self.actor, self.topic, self.date)


def stance_id(actor_id: str, topic_id: str, date: PartialDate) -> str:
    """A stance's stable id, `us:huawei-in-5g:2019-05-15`: its actor, topic and date.

    One actor holds one stance per topic and date (the uniqueness check), so
    the id names one stance, and stays the same when other stances are added,
    removed or reordered, or when its summary, quotes or note change. The
    networks and the web annotations name stances by it.
    """
    return f"{actor_id}:{topic_id}:{date}"


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


@dataclass(frozen=True, kw_only=True)
class Archive(Located):
    """The `archive:` key of sources.yaml: where the archived texts are."""

    folder: str  # as written: relative to the folder of sources.yaml


@dataclass(frozen=True)
class Dataset:
    """Everything read from one positions folder, in file order."""

    root: Path
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    archive: Archive | None = None  # where sources.yaml says the archived texts are, if it says
    max_quoted: float | None = None  # the share of a source its quotes may reproduce, if sources.yaml says
    actor_kinds: tuple[str, ...] = ACTOR_KINDS  # sources.yaml's `actor_kinds`, else the format's own

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

    def complete_records(self) -> Dataset:
        """The dataset without the records that missed a required value: what views show."""
        if all(_whole(actor) for actor in self.actors) and all(r.complete for r in (*self.topics, *self.sources)):
            return self
        actors = tuple(
            replace(actor, stances=tuple(_trimmed(s) for s in actor.stances if s.complete))
            for actor in self.actors
            if actor.complete
        )
        return Dataset(
            self.root,
            tuple(t for t in self.topics if t.complete),
            tuple(s for s in self.sources if s.complete),
            actors,
            self.archive,
            self.max_quoted,
            self.actor_kinds,
        )


def _whole(actor: Actor) -> bool:
    return actor.complete and all(s.complete and all(e.complete for e in s.evidence) for s in actor.stances)


def _trimmed(stance: Stance) -> Stance:
    """The stance with only its complete evidence entries."""
    if all(e.complete for e in stance.evidence):
        return stance
    return replace(stance, evidence=tuple(e for e in stance.evidence if e.complete))


def _first_by_id(records: tuple) -> dict:
    """Index records by id; where an id repeats, the first record stands (records without one are left out)."""
    index: dict = {}
    for record in records:
        if record.id is not None:
            index.setdefault(record.id, record)
    return index


def value_text(field: Field, value: Any) -> str:
    """A key's value as one text, to compare and show: lists joined, records one per line."""
    if value is None:
        return ""
    if field.kind is Kind.RECORDS:
        assert field.record is not None
        kind = field.record
        return "\n".join(
            "; ".join(f"{f.name}: {value_text(f, getattr(item, f.name))}" for f in kind.fields) for item in value
        )
    if field.many:
        return "; ".join(value)
    return str(value)
