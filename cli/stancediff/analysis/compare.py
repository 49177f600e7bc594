"""Comparing stances: the scale, relations, agreement and `--as-of`.

Pure functions from a `Dataset` to plain results; nothing here prints. The
rules are those of docs/format.md: the current stance of an actor on a topic
is its latest, or with `as_of` the latest dated on or before it (partial dates
count as their first day); two stances agree when equal, are opposed when on
opposite sides of neutral and differ otherwise; the agreement of two actors is
the mean of 1 - |a - b| / 4 over the topics both hold a stance on, weighted
by salience (`agreement`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..format.model import Dataset, PartialDate, Stance, Topic
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


# Pairs of actors sharing fewer topics than this rest on thin evidence: their agreement is one topic's
# closeness. Views list them apart, give them no interval, and default blocs keep them apart.
WELL_SHARED = 2

SALIENCE_WEIGHTS = {"low": 0.5, "medium": 1.0, "high": 2.0}
UNSTATED_WEIGHT = SALIENCE_WEIGHTS["medium"]


def salience_weight(stance: Stance) -> float:
    """How much a stance's topic counts in agreement: by its salience, medium when it gives none."""
    return SALIENCE_WEIGHTS[stance.salience] if stance.salience else UNSTATED_WEIGHT


def agreement(a: dict[str, Stance], b: dict[str, Stance], weighted: bool = True) -> tuple[float | None, int]:
    """The agreement of two actors' current stances, and over how many topics.

    The mean closeness over the topics both hold a stance on, each weighted by
    the mean of the two stances' salience weights (all 1 unless `weighted`).
    analysis/agreement.py computes the same for every pair at once.
    """
    shared = [topic for topic in a if topic in b]
    if not shared:
        return None, 0
    weights = [(salience_weight(a[t]) + salience_weight(b[t])) / 2 if weighted else 1.0 for t in shared]
    total = sum(w * closeness(a[t], b[t]) for w, t in zip(weights, shared, strict=True))
    return total / sum(weights), len(shared)


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
