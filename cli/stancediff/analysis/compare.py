"""Comparing stances: the scale, relations, agreement and `--as-of`.

Pure functions from a `Dataset` to plain results; nothing here prints. The
rules are those of docs/format.md: the current stance of an actor on a topic
is its latest, or with `as_of` the latest dated on or before it (partial dates
count as their first day); two stances agree when equal, are opposed when on
opposite sides of neutral and differ otherwise; the agreement of two actors is
the mean of 1 - |a - b| / 4 over the topics both hold a stance on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from ..format.model import Actor, Dataset, PartialDate, Stance, Topic
from ..format.spec import POSITIONS


def current(stances: Iterable[Stance], as_of: PartialDate | None = None) -> dict[str, Stance]:
    """Each topic's latest stance among `stances` (one actor's), dated on or before `as_of`."""
    latest: dict[str, Stance] = {}
    for stance in stances:
        if as_of is not None and stance.date.first_day > as_of.first_day:
            continue
        held = latest.get(stance.topic)
        if held is None or stance.date.first_day >= held.date.first_day:
            latest[stance.topic] = stance
    return latest


def relation(a: Stance | None, b: Stance | None) -> str:
    """agree, differ or opposed; 'only a' or 'only b' where one side has no stance."""
    if a is None or b is None:
        return "only a" if b is None else "only b"
    if a.value == b.value:
        return "agree"
    if a.value * b.value < 0:
        return "opposed"
    return "differ"


def closeness(a: Stance, b: Stance) -> float:
    """1 for the same position, 0 for opposite extremes."""
    return 1 - abs(a.value - b.value) / 4


@dataclass(frozen=True)
class Agreement:
    a: str
    b: str
    score: float | None  # None when the two share no topic
    shared: int


def agreement(a: dict[str, Stance], b: dict[str, Stance]) -> tuple[float | None, int]:
    """The agreement of two actors' current stances, and over how many topics."""
    shared = [topic for topic in a if topic in b]
    if not shared:
        return None, 0
    return sum(closeness(a[t], b[t]) for t in shared) / len(shared), len(shared)


def pairwise(actors: Sequence[Actor], as_of: PartialDate | None = None) -> list[Agreement]:
    """Agreement of every pair of `actors`, in the order given."""
    held = {actor.id: current(actor.stances, as_of) for actor in actors}
    pairs = []
    for a, b in combinations(actors, 2):
        score, shared = agreement(held[a.id], held[b.id])
        pairs.append(Agreement(a.id, b.id, score, shared))
    return pairs


def move(before: str, after: str) -> str:
    """How a position moved: 'lean-oppose -> oppose (down 1)', or 'unchanged'."""
    step = POSITIONS[after] - POSITIONS[before]
    if step == 0:
        return "unchanged"
    return f"{before} -> {after} ({'up' if step > 0 else 'down'} {abs(step)})"


def spectrum(dataset: Dataset, topic: Topic, as_of: PartialDate | None = None) -> list[Stance]:
    """Every actor's current stance on `topic`, from support to oppose."""
    stances = [held for actor in dataset.actors if (held := current(actor.stances, as_of).get(topic.id))]
    return sorted(stances, key=lambda s: (-s.value, s.actor))


@dataclass(frozen=True)
class Shift:
    stance: Stance
    previous: Stance | None  # the same actor's stance on the same topic just before

    @property
    def move(self) -> str:
        return "" if self.previous is None else move(self.previous.position, self.stance.position)


def timeline(stances: Iterable[Stance]) -> list[Shift]:
    """Stances in date order, each with the one it followed on the same actor and topic."""
    ordered = sorted(stances, key=lambda s: (s.date.first_day, s.actor, s.topic))
    last: dict[tuple[str, str], Stance] = {}
    shifts = []
    for stance in ordered:
        key = (stance.actor, stance.topic)
        shifts.append(Shift(stance, last.get(key)))
        last[key] = stance
    return shifts
