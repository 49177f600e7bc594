"""What changed between two versions of a dataset, for review.

Records are matched by id; stances by actor, topic and date, duplicates
included. A stance whose
date changed shows up at first as one removed and one added on the same actor
and topic; those are paired up again (in date order) and reported as a change
of date, with whatever else changed.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..checks import uniqueness
from ..checks.base import Context
from ..format import spec
from ..format.dataset import Reading
from ..format.model import Dataset, Stance, value_text
from ..problems import Problem, capped
from .compare import move

Key = tuple[str, str, str]  # actor, topic, date


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class StanceChange:
    before: Stance
    after: Stance
    fields: tuple[FieldChange, ...]

    @property
    def move(self) -> str | None:
        """The move on the scale ('lean-oppose -> oppose (down 1)'), if the position moved."""
        if self.before.position == self.after.position:
            return None
        return move(self.before.position, self.after.position)


@dataclass(frozen=True)
class Added:
    """Ids of records of one kind (actors, topics, sources) added and removed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    actors: Added
    topics: Added
    sources: Added
    stances_added: tuple[Stance, ...]
    stances_removed: tuple[Stance, ...]
    stances_changed: tuple[StanceChange, ...]

    @property
    def moved(self) -> tuple[StanceChange, ...]:
        return tuple(c for c in self.stances_changed if c.move)

    @property
    def edited(self) -> tuple[StanceChange, ...]:
        """Changed stances with changes other than a move of position."""
        return tuple(c for c in self.stances_changed if any(f.field != "position" for f in c.fields))


def _ids(before: Iterable[str], after: Iterable[str]) -> Added:
    """Ids added and removed, counting repeats: a second record with one id is an addition."""
    old, new = Counter(before), Counter(after)
    return Added(tuple((new - old).elements()), tuple((old - new).elements()))


def _key(stance: Stance) -> Key:
    return (stance.actor, stance.topic, str(stance.date))


def _fields(before: Stance, after: Stance) -> tuple[FieldChange, ...]:
    """What differs between two versions of a stance, key by key of the format, as text."""
    changes = []
    for field in spec.STANCE.fields:
        old, new = (value_text(field, getattr(stance, field.name)) for stance in (before, after))
        if old != new:
            changes.append(FieldChange(field.name, old, new))
    return tuple(changes)


def changes_between(before: Dataset, after: Dataset) -> Changes:
    """Everything that changed from `before` to `after`.

    Duplicates (two stances of one actor on one topic and date, or two actor
    files with one id) are never collapsed: stances of one key are paired in
    file order, and those left over are added or removed.
    """
    old, new = _by_key(before.stances), _by_key(after.stances)
    changed: list[StanceChange] = []
    removed: dict[tuple[str, str], list[Stance]] = defaultdict(list)
    unpaired: list[Stance] = []
    for key, stances in old.items():
        others = new.get(key, [])
        for earlier, later in zip(stances, others, strict=False):  # the longer keeps its extras
            if fields := _fields(earlier, later):
                changed.append(StanceChange(earlier, later, fields))
        removed[key[:2]] += stances[len(others) :]
    for key, stances in new.items():
        unpaired += stances[len(old.get(key, [])) :]
    # Pair a removed and an added stance of one actor on one topic: a change of date.
    added: list[Stance] = []
    for stance in sorted(unpaired, key=lambda s: s.date.first_day):
        candidates = removed.get(_key(stance)[:2])
        if candidates:
            earlier = min(candidates, key=lambda s: s.date.first_day)
            candidates.remove(earlier)
            changed.append(StanceChange(earlier, stance, _fields(earlier, stance)))
        else:
            added.append(stance)
    return Changes(
        actors=_ids((a.id for a in before.actors), (a.id for a in after.actors)),
        topics=_ids((t.id for t in before.topics), (t.id for t in after.topics)),
        sources=_ids((s.id for s in before.sources), (s.id for s in after.sources)),
        stances_added=tuple(added),
        stances_removed=tuple(s for group in removed.values() for s in group),
        stances_changed=tuple(sorted(changed, key=lambda c: _key(c.after))),
    )


def _by_key(stances: Iterable[Stance]) -> dict[Key, list[Stance]]:
    grouped: dict[Key, list[Stance]] = defaultdict(list)
    for stance in stances:
        grouped[_key(stance)].append(stance)
    return grouped


def side_problems(reading: Reading) -> tuple[Problem, ...]:
    """The problems of one side that `changes` lists: reading it, and duplicates, capped."""
    duplicates = uniqueness.check(reading.dataset, Context(today=datetime.date.today()))
    return tuple(capped(sorted([*reading.problems, *duplicates])))
