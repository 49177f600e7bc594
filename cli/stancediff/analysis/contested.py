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
uniform spread, -1 when they split evenly between the two extremes.

How much a topic's A rests on goes with it: its number of stances and a 95%
interval over resampled stances (bootstrap.py). Topics held by at least
`WELL_HELD` actors are ranked first, from the lowest A (most divided) up;
then, apart, the thinly held ones (two stances: two actors at opposite
extremes already make A = -1), ranked the same way; then the topics held by
one actor, which have no spread at all, and those held by none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING

from ..format.model import Actor, PartialDate, Stance, Topic
from ..format.spec import POSITIONS
from .compare import current

if TYPE_CHECKING:
    import numpy as np

MIN_STANCES = 2  # fewer, and there is no spread to measure
WELL_HELD = 3  # topics held by fewer actors are thinly held: listed apart from the ranking
SCALE = sorted(POSITIONS, key=POSITIONS.__getitem__)  # oppose .. support


def van_der_eijk(counts: Sequence[int]) -> float:
    """Agreement A of a frequency distribution over ordered categories (see the module's docstring)."""
    import numpy as np

    if sum(counts) == 0:
        raise ValueError("no observations")
    return float(van_der_eijk_many(np.asarray([counts]))[0])


def van_der_eijk_many(counts: np.ndarray) -> np.ndarray:
    """A for each row of `counts` (distributions over the same ordered categories, none empty), layer by layer."""
    import numpy as np

    k = counts.shape[1]
    if k == 1:
        return np.ones(len(counts))
    table = _layer_table(k)
    bits = 1 << np.arange(k - 1, -1, -1)
    remaining = np.array(counts, dtype=np.int64)
    total = remaining.sum(axis=1)
    result = np.zeros(len(counts))
    while (held := remaining > 0).any():
        depth = np.where(held, remaining, np.iinfo(np.int64).max).min(axis=1)
        depth[~held.any(axis=1)] = 0
        # the layer holds `depth` actors in each category still held
        result += depth * held.sum(axis=1) * table[(held * bits).sum(axis=1)]
        remaining = np.where(held, remaining - depth[:, None], 0)
    return result / total


@cache
def _layer_table(k: int) -> np.ndarray:
    """Every layer's agreement, indexed by its pattern read as a binary number (first category highest)."""
    import numpy as np

    return np.array([_layer_agreement([(p >> (k - 1 - i)) & 1 for i in range(k)]) for p in range(1 << k)])


def _layer_agreement(pattern: list[int]) -> float:
    """A layer's agreement, by the categories it uses (a pattern of 1 and 0)."""
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
    interval: tuple[float, float] | None  # its 95% bootstrap interval; None below MIN_STANCES

    @property
    def standing(self) -> str:
        """How well held: "ranked" (at least WELL_HELD stances), "thin" (two), "single" (one) or "none"."""
        held = len(self.stances)
        if held >= WELL_HELD:
            return "ranked"
        return ("none", "single", "thin")[held]

    def pole(self, side: int) -> tuple[Stance, ...]:
        """The stances at the far end of one side of the scale (side 1: support, -1: oppose)."""
        on_side = [s for s in self.stances if s.value * side > 0]
        if not on_side:
            return ()
        far = max(s.value * side for s in on_side)
        return tuple(s for s in on_side if s.value * side == far)


STANDINGS = ("ranked", "thin", "single", "none")  # the order topics are listed in


def fault_lines(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None = None) -> list[FaultLine]:
    """Every topic with its spread: the well-held ones from most divided up, then the thinly held ones the
    same way, then those held by one actor, then by none (in topic order)."""
    from .bootstrap import van_der_eijk_interval

    held = [current(actor.stances, as_of) for actor in actors]
    lines = []
    for topic in topics:
        stances = sorted((h[topic.id] for h in held if topic.id in h), key=lambda s: (-s.value, s.actor))
        counts = {p: sum(s.position == p for s in stances) for p in SCALE}
        measured = len(stances) >= MIN_STANCES
        score = van_der_eijk(list(counts.values())) if measured else None
        interval = van_der_eijk_interval(list(counts.values())) if measured else None
        lines.append(FaultLine(topic, tuple(stances), counts, score, interval))
    return sorted(
        lines,
        key=lambda f: (STANDINGS.index(f.standing), f.agreement if f.agreement is not None else 0, -len(f.stances)),
    )
