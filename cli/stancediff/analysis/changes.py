"""What changed between two versions of a dataset, for review.

Records are matched by id; stances by actor, topic and date. A record whose
id alone changed (every other key the same, as `stancediff rename` leaves it)
is reported as renamed, and the stances that refer to it are compared under
the new id. A file that does not load on one side (broken YAML, a record
without a required value) is left out of the comparison on both, and listed
as unreadable: its actor is not "removed", nor its stances. A record that
repeats an earlier one's id (a second actor file of one actor), and a stance
that repeats an earlier one of its actor on one topic and date, carry an
error and are left out too, as `changes` says of records with errors. A stance whose
date changed shows up at first as one removed and one added on the same actor
and topic; those are paired up again (in date order) and reported as a change
of date, with whatever else changed.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, TypeVar

from ..checks import check
from ..checks.base import Context
from ..format import spec
from ..format.dataset import SOURCES_NAME, TOPICS_NAME, Reading
from ..format.model import Dataset, Stance, value_text
from ..problems import Problem, capped
from .compare import current, move

Key = tuple[str, str, str]  # actor, topic, date
Record = TypeVar("Record")


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
    """Ids of records of one kind (actors, topics, sources) added, removed and renamed (old, new)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...] = ()


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
        records = any(ids.added or ids.removed or ids.renamed for ids in (self.actors, self.topics, self.sources))
        return not (records or self.stances_added or self.stances_removed or self.stances_changed)

    @property
    def moved(self) -> tuple[StanceChange, ...]:
        return tuple(c for c in self.stances_changed if c.move)

    @property
    def edited(self) -> tuple[StanceChange, ...]:
        """Changed stances with changes other than a move of position."""
        return tuple(c for c in self.stances_changed if any(f.field != "position" for f in c.fields))


def _ids(before: Iterable[str], after: Iterable[str], renames: Mapping[str, str]) -> Added:
    """Ids added, removed and renamed, counting repeats: a second record with one id is an addition."""
    old, new = Counter(before), Counter(after)
    added = [i for i in (new - old).elements() if i not in renames.values()]
    removed = [i for i in (old - new).elements() if i not in renames]
    return Added(tuple(added), tuple(removed), tuple(renames.items()))


# Keys that a rename may change besides the id: what refers to other records, and an actor's stances.
_FOLLOWING = ("id", "part_of", "stances")


def _renames(before: Sequence[Any], after: Sequence[Any], record: spec.Record) -> dict[str, str]:
    """Records whose id alone changed: old id -> new id.

    A record that went and one that came are a rename when every other key of
    theirs (but references and an actor's stances) is the same, and neither
    is as like another record that went or came.
    """
    old_ids, new_ids = Counter(r.id for r in before), Counter(r.id for r in after)
    gone = [r for r in before if r.id not in new_ids and old_ids[r.id] == 1]
    came = [r for r in after if r.id not in old_ids and new_ids[r.id] == 1]
    if not gone or not came:
        return {}

    def signature(item: Any) -> tuple[str, ...]:
        return tuple(value_text(f, getattr(item, f.name)) for f in record.fields if f.name not in _FOLLOWING)

    went: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for item in gone:
        went[signature(item)].append(item.id)
    arrived: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for item in came:
        arrived[signature(item)].append(item.id)
    return {ids[0]: arrived[key][0] for key, ids in went.items() if len(ids) == 1 and len(arrived.get(key, ())) == 1}


def _renamed(dataset: Dataset, renames: Mapping[str, Mapping[str, str]]) -> Dataset:
    """`dataset` with the renamed ids in place of the old ones, everywhere they are referred to."""
    topics, sources, actors = renames["topic"], renames["source"], renames["actor"]
    if not (topics or sources or actors):
        return dataset

    def stance(item: Stance) -> Stance:
        evidence = tuple(replace(e, source=sources.get(e.source, e.source)) for e in item.evidence)
        return replace(
            item, actor=actors.get(item.actor, item.actor), topic=topics.get(item.topic, item.topic), evidence=evidence
        )

    return replace(
        dataset,
        topics=tuple(replace(t, id=topics.get(t.id, t.id)) for t in dataset.topics),
        sources=tuple(replace(s, id=sources.get(s.id, s.id)) for s in dataset.sources),
        actors=tuple(
            replace(
                a,
                id=actors.get(a.id, a.id),
                part_of=actors.get(a.part_of, a.part_of) if a.part_of else a.part_of,
                stances=tuple(stance(s) for s in a.stances),
            )
            for a in dataset.actors
        ),
    )


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

    Duplicates (a second record with the id of an earlier one, a second
    stance of one actor on one topic and date) are left out on both sides.
    """
    before, after = _distinct(_without(before, left_out)), _distinct(_without(after, left_out))
    renames = {
        kind: _renames(getattr(before, f"{kind}s"), getattr(after, f"{kind}s"), record)
        for kind, record in (("topic", spec.TOPIC), ("source", spec.SOURCE), ("actor", spec.ACTOR))
    }
    ids = {
        kind: _ids(
            (r.id for r in getattr(before, f"{kind}s")), (r.id for r in getattr(after, f"{kind}s")), renames[kind]
        )
        for kind in renames
    }
    before = _renamed(before, renames)
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
        actors=ids["actor"],
        topics=ids["topic"],
        sources=ids["source"],
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


def _distinct(dataset: Dataset) -> Dataset:
    """`dataset` without the records that repeat an earlier one's id, nor the stances that repeat an earlier
    one of their actor's topic and date: each carries an error (`duplicate-id`, `duplicate-stance`)."""
    actors = []
    for actor in _first_of_each(dataset.actors, lambda a: a.id):
        stances = _first_of_each(actor.stances, lambda s: (s.topic, s.date))
        actors.append(actor if len(stances) == len(actor.stances) else replace(actor, stances=stances))
    topics = _first_of_each(dataset.topics, lambda t: t.id)
    sources = _first_of_each(dataset.sources, lambda s: s.id)
    return replace(dataset, topics=topics, sources=sources, actors=tuple(actors))


def _first_of_each(records: tuple[Record, ...], key: Callable[[Record], object]) -> tuple[Record, ...]:
    """The records but those whose key an earlier one has."""
    first: dict[object, Record] = {}
    for record in records:
        first.setdefault(key(record), record)
    return records if len(first) == len(records) else tuple(first.values())


def _by_key(stances: Iterable[Stance]) -> dict[Key, list[Stance]]:
    grouped: dict[Key, list[Stance]] = defaultdict(list)
    for stance in stances:
        grouped[_key(stance)].append(stance)
    return grouped


def side_problems(reading: Reading) -> tuple[Problem, ...]:
    """The problems of one side that `changes` lists: reading it, and duplicates, capped."""
    duplicates = check("uniqueness", reading.dataset, Context(today=datetime.date.today()))
    return tuple(capped(sorted([*reading.problems, *duplicates])))
