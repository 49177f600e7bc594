"""What changed between two versions of a dataset, for review.

Records are matched by id; stances by actor, topic and date. A stance whose
date changed shows up at first as one removed and one added on the same actor
and topic; those are paired up again (in date order) and reported as a change
of date, with whatever else changed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from ..format import spec
from ..format.model import Dataset, Stance, value_text
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


def _ids(before: Mapping[str, object], after: Mapping[str, object]) -> Added:
    return Added(tuple(i for i in after if i not in before), tuple(i for i in before if i not in after))


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
    """Everything that changed from `before` to `after`."""
    old = {_key(s): s for s in before.stances}
    new = {_key(s): s for s in after.stances}
    changed = [StanceChange(old[k], new[k], fields) for k in new if k in old and (fields := _fields(old[k], new[k]))]
    # Pair a removed and an added stance of one actor on one topic: a change of date.
    removed: dict[tuple[str, str], list[Stance]] = defaultdict(list)
    for key, stance in old.items():
        if key not in new:
            removed[key[:2]].append(stance)
    added: list[Stance] = []
    for stance in sorted((s for k, s in new.items() if k not in old), key=lambda s: s.date.first_day):
        candidates = removed.get(_key(stance)[:2])
        if candidates:
            earlier = min(candidates, key=lambda s: s.date.first_day)
            candidates.remove(earlier)
            changed.append(StanceChange(earlier, stance, _fields(earlier, stance)))
        else:
            added.append(stance)
    return Changes(
        actors=_ids(before.actor_ids, after.actor_ids),
        topics=_ids(before.topic_ids, after.topic_ids),
        sources=_ids(before.source_ids, after.source_ids),
        stances_added=tuple(added),
        stances_removed=tuple(s for group in removed.values() for s in group),
        stances_changed=tuple(sorted(changed, key=lambda c: _key(c.after))),
    )
