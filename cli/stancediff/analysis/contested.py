"""Fault lines: topics ranked by how divided the actors are on them.

The measure is Van der Eijk's agreement A for ordered rating scales (Van der
Eijk, C. 2001, "Measuring agreement in ordered rating scales", Quality &
Quantity 35(3), 325-341), on the five-point scale from oppose to support. A
frequency distribution is cut into layers: each layer is the pattern of
categories still holding actors, as deep as the smallest count among them,
weighted by the actors it holds.
A layer's agreement is U * (1 - (S - 1) / (K - 1)), with K = 5 categories, S
the categories the layer uses and U its unimodality:

    U = ((K - 2) * TU - (K - 1) * TDU) / ((K - 2) * (TU + TDU))

over the triples of categories (i < j < k), TU counting those with pattern
1-1-0 or 0-1-1 and TDU those with 1-0-1 (U = 1 when there are none). A is the
layers' weighted mean: 1 when every actor holds the same position, 0 for a
uniform spread, -1 when they split evenly between the two extremes. Topics
are ranked from the lowest A (most divided) up; a topic with fewer than
`MIN_STANCES` current stances has no spread to measure and is listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from ..format.model import Actor, PartialDate, Stance, Topic
from ..format.spec import POSITIONS
from .compare import current

MIN_STANCES = 2
SCALE = sorted(POSITIONS, key=POSITIONS.__getitem__)  # oppose .. support


def van_der_eijk(counts: Sequence[int]) -> float:
    """Agreement A of a frequency distribution over ordered categories (see the module's docstring)."""
    k = len(counts)
    remaining = list(counts)
    total = sum(remaining)
    if total == 0:
        raise ValueError("no observations")
    result = 0.0
    while any(remaining):
        depth = min(n for n in remaining if n)
        pattern = [1 if n else 0 for n in remaining]
        result += depth * sum(pattern) * _layer_agreement(pattern)  # the layer holds depth actors per category
        remaining = [n - depth if n else 0 for n in remaining]
    return result / total if k > 1 else 1.0


def _layer_agreement(pattern: list[int]) -> float:
    k = len(pattern)
    used = sum(pattern)
    unimodal = deviating = 0
    for i, j, m in combinations(range(k), 3):
        triple = (pattern[i], pattern[j], pattern[m])
        if triple in ((1, 1, 0), (0, 1, 1)):
            unimodal += 1
        elif triple == (1, 0, 1):
            deviating += 1
    if unimodal + deviating == 0:
        unimodality = 1.0
    else:
        unimodality = ((k - 2) * unimodal - (k - 1) * deviating) / ((k - 2) * (unimodal + deviating))
    return unimodality * (1 - (used - 1) / (k - 1))


@dataclass(frozen=True)
class FaultLine:
    topic: Topic
    stances: tuple[Stance, ...]  # the current ones, from support to oppose
    counts: dict[str, int]  # position -> how many actors hold it, oppose first
    agreement: float | None  # Van der Eijk's A; None below MIN_STANCES

    def pole(self, side: int) -> tuple[Stance, ...]:
        """The stances at the far end of one side of the scale (side 1: support, -1: oppose)."""
        on_side = [s for s in self.stances if s.value * side > 0]
        if not on_side:
            return ()
        far = max(s.value * side for s in on_side)
        return tuple(s for s in on_side if s.value * side == far)


def fault_lines(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None = None) -> list[FaultLine]:
    """Every topic with its spread; the measurable ones from most divided up, then the rest in topic order."""
    held = [current(actor.stances, as_of) for actor in actors]
    lines = []
    for topic in topics:
        stances = sorted((h[topic.id] for h in held if topic.id in h), key=lambda s: (-s.value, s.actor))
        counts = {p: sum(s.position == p for s in stances) for p in SCALE}
        score = van_der_eijk(list(counts.values())) if len(stances) >= MIN_STANCES else None
        lines.append(FaultLine(topic, tuple(stances), counts, score))
    measured = sorted((f for f in lines if f.agreement is not None), key=lambda f: (f.agreement, -len(f.stances)))
    return measured + [f for f in lines if f.agreement is None]
