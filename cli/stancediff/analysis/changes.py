"""What changed between two versions of a dataset, for review.

Records are matched by id; stances by actor, topic and date, duplicates
included. A file that does not load on one side (broken YAML, a record
without a required value) is left out of the comparison on both, and listed
as unreadable: its actor is not "removed", nor its stances. A stance whose
date changed shows up at first as one removed and one added on the same actor
and topic; those are paired up again (in date order) and reported as a change
of date, with whatever else changed.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..checks import check
from ..checks.base import Context
from ..format import spec
from ..format.dataset import SOURCES_NAME, TOPICS_NAME, Reading
from ..format.model import Dataset, Stance, value_text
from ..problems import Problem, capped
from .compare import current, move

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
class CurrentChange:
    """An actor's current position on a topic (its latest stance's) that is not what it was."""

    before: Stance
    after: Stance

    @property
    def move(self) -> str:
        return move(self.before.position, self.after.position)


@dataclass(frozen=True)
class Changes:
    actors: Added
    topics: Added
    sources: Added
    stances_added: tuple[Stance, ...]
    stances_removed: tuple[Stance, ...]
    stances_changed: tuple[StanceChange, ...]
    current: tuple[CurrentChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed (`changes --exit-code` exits 1 when something did)."""
        records = any(ids.added or ids.removed for ids in (self.actors, self.topics, self.sources))
        return not (records or self.stances_added or self.stances_removed or self.stances_changed)

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


def changes_between(before: Dataset, after: Dataset, left_out: Collection[str] = ()) -> Changes:
    """Everything that changed from `before` to `after`, but in the files `left_out` ("actors/us.yaml").

    Duplicates (two stances of one actor on one topic and date, or two actor
    files with one id) are never collapsed: stances of one key are paired in
    file order, and those left over are added or removed.
    """
    before, after = _without(before, left_out), _without(after, left_out)
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
        current=_current_changes(before, after),
    )


def _current_changes(before: Dataset, after: Dataset) -> tuple[CurrentChange, ...]:
    """Where an actor's current position on a topic differs: a later stance, or an edit of the latest."""
    found = []
    for actor_id, actor in after.actor_ids.items():
        earlier = before.actor_ids.get(actor_id)
        if earlier is None:
            continue
        held, now = current(earlier.stances), current(actor.stances)
        for topic, stance in sorted(now.items()):
            was = held.get(topic)
            if was is not None and was.position != stance.position:
                found.append(CurrentChange(was, stance))
    return tuple(found)


def dataset_name(path: str) -> str:
    """A file's name within its dataset, whichever side names it: "actors/us.yaml", "topics.yaml"."""
    file = PurePosixPath(path)
    return f"actors/{file.name}" if file.parent.name == "actors" else file.name


def unreadable(reading: Reading) -> dict[str, tuple[Problem, ...]]:
    """The files of one side that did not load as a whole, by `dataset_name`, each with its errors.

    An actor file is unreadable when its actor is missing or incomplete; topics.yaml
    and sources.yaml when not one of their records was read.
    """
    errors: dict[str, list[Problem]] = defaultdict(list)
    for found in reading.problems:
        if found.severity == "error":
            errors[found.file].append(found)
    dataset = reading.dataset
    loaded = {a.path for a in dataset.actors if a.complete} | {r.path for r in (*dataset.topics, *dataset.sources)}
    return {
        dataset_name(file): tuple(found)
        for file, found in errors.items()
        if file not in loaded and dataset_name(file) != "actors"  # the folder itself missing is not a file
    }


def _without(dataset: Dataset, left_out: Collection[str]) -> Dataset:
    if not left_out:
        return dataset
    return replace(
        dataset,
        topics=() if TOPICS_NAME in left_out else dataset.topics,
        sources=() if SOURCES_NAME in left_out else dataset.sources,
        actors=tuple(a for a in dataset.actors if dataset_name(a.path) not in left_out),
    )


def _by_key(stances: Iterable[Stance]) -> dict[Key, list[Stance]]:
    grouped: dict[Key, list[Stance]] = defaultdict(list)
    for stance in stances:
        grouped[_key(stance)].append(stance)
    return grouped


def side_problems(reading: Reading) -> tuple[Problem, ...]:
    """The problems of one side that `changes` lists: reading it, and duplicates, capped."""
    duplicates = check("uniqueness", reading.dataset, Context(today=datetime.date.today()))
    return tuple(capped(sorted([*reading.problems, *duplicates])))
