"""Blocs: actors grouped by agreement, by average-linkage clustering.

The method (docs/views.md, *blocs*): the distance of two actors is
1 - agreement (analysis/agreement.py). Average-linkage (UPGMA) agglomerative
clustering (Sokal and Michener 1958; scipy's `linkage(method="average")`)
merges the closest groups first, the distance of two groups being the mean
distance of their members; the tree is cut where that mean exceeds
1 - `threshold`, so every bloc's members agree on average at least `threshold`
with each other group they were joined to. A pair resting on fewer than
`min_shared` shared topics (by default `DEFAULT_MIN_SHARED`, two), or on none,
is kept apart: its distance is `_APART`, more than any mean of the other
distances can bring under the cut, so no bloc ever holds such a pair. Actors
are taken in the order given (sorted by id by the callers), which makes the
result deterministic; the tree's leaf order is the bloc order that `compare`,
`agreement` and the report use to seat agreeing actors side by side.

Cohesion is the mean agreement of a bloc's pairs (`None` for a bloc of one),
and `fewest_shared` the fewest topics any of its pairs rests on: how much
evidence the bloc stands on. Positions a bloc shares are the topics on which at least two
members hold a stance and all of those are on one side of neutral (or all
neutral); topics dividing it from another bloc are those where the mean
positions of the two blocs lie on opposite sides of neutral (a mean is shown as
the nearest point of the scale, `nearest_position`), the widest gaps first (the first `DIVIDES_KEPT`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..format.model import Actor, Topic
from ..format.spec import POSITIONS
from .compare import WELL_SHARED

if TYPE_CHECKING:
    import numpy as np

    from .agreement import Agreements, Holdings

DEFAULT_THRESHOLD = 0.75
DEFAULT_MIN_SHARED = WELL_SHARED  # by default no bloc joins two actors on a single shared topic
POSITION_NAMES = {value: name for name, value in POSITIONS.items()}
DIVIDES_KEPT = 5  # the widest gaps kept per bloc


@dataclass(frozen=True)
class Shared:
    topic: Topic
    value: float  # the mean position of the members who hold a stance
    holders: int


@dataclass(frozen=True)
class Divide:
    topic: Topic
    other: int  # the index of the other bloc
    value: float  # this bloc's mean position
    other_value: float


@dataclass(frozen=True)
class Pair:
    a: Actor
    b: Actor
    agreement: float
    shared: int  # the topics both hold a stance on

    @property
    def thin(self) -> bool:
        """Whether the pair rests on fewer than `WELL_SHARED` topics (only with `min_shared` below it)."""
        return self.shared < WELL_SHARED


@dataclass(frozen=True)
class Bloc:
    members: tuple[Actor, ...]
    cohesion: float | None
    shares: tuple[Shared, ...]
    divides: tuple[Divide, ...]
    pairs: tuple[Pair, ...] = ()  # every pair of members, in member order

    @property
    def fewest_shared(self) -> int | None:
        """The fewest topics any pair of its members rests on; None for a bloc of one."""
        return min((pair.shared for pair in self.pairs), default=None)


@dataclass(frozen=True)
class Blocs:
    order: tuple[Actor, ...]  # every actor, agreeing actors side by side
    blocs: tuple[Bloc, ...]  # the largest first; a bloc of one is an actor that joined none
    threshold: float
    min_shared: int


def nearest_position(mean: float) -> str:
    """The point of the scale nearest a mean position; half-way between two, the one nearer neutral."""
    step = math.ceil(abs(mean) - 0.5)
    return POSITION_NAMES[int(math.copysign(step, mean)) if step else 0]


def leaf_order(agreed: Agreements, min_shared: int = DEFAULT_MIN_SHARED) -> list[int]:
    """The actors' indices in the leaf order of the clustering tree (pairs on fewer than `min_shared` topics apart)."""
    count = len(agreed.actors)
    if count < 3:
        return list(range(count))
    return [int(i) for i in _tree(agreed, min_shared)[1]]


def _tree(agreed: Agreements, min_shared: int) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np
    from scipy.cluster.hierarchy import leaves_list, linkage
    from scipy.spatial.distance import squareform

    count = len(agreed.actors)
    # A merge averages at most count^2 / 4 distances, each at least 0: with one of them count^2, the mean
    # stays above 1, and above any cut.
    apart = float(count * count)
    distance = np.where(np.isnan(agreed.score) | (agreed.shared < min_shared), apart, 1.0 - agreed.score)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return tree, leaves_list(tree)


def find_blocs(
    held: Holdings, agreed: Agreements, threshold: float = DEFAULT_THRESHOLD, min_shared: int = DEFAULT_MIN_SHARED
) -> Blocs:
    """Group the actors of `held` into blocs (see the module's docstring)."""
    import numpy as np

    count = len(agreed.actors)
    if count == 0:
        return Blocs((), (), threshold, min_shared)
    if count == 1:
        labels, order = np.zeros(1, dtype=int), [0]
    else:
        from scipy.cluster.hierarchy import fcluster

        tree, leaves = _tree(agreed, min_shared)
        labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
        order = [int(i) for i in leaves]
    groups: dict[int, list[int]] = {}
    for index in order:
        groups.setdefault(int(labels[index]), []).append(index)
    members = sorted(groups.values(), key=len, reverse=True)  # the largest first; stable, so in leaf order
    means = np.array([_mean_positions(held, group) for group in members])
    blocs = tuple(
        Bloc(
            tuple(agreed.actors[i] for i in group),
            _cohesion(agreed, group),
            _shares(held, group, means[n]),
            _divides(held, n, means),
            _pairs(agreed, group),
        )
        for n, group in enumerate(members)
    )
    return Blocs(tuple(agreed.actors[i] for i in order), blocs, threshold, min_shared)


def _cohesion(agreed: Agreements, group: list[int]) -> float | None:
    """The mean agreement of the group's pairs (every pair of a bloc has one: the others are kept apart)."""
    import numpy as np

    if len(group) < 2:
        return None
    block = agreed.score[np.ix_(group, group)]
    return float(block[np.triu_indices(len(group), k=1)].mean())


def _pairs(agreed: Agreements, group: list[int]) -> tuple[Pair, ...]:
    actors = agreed.actors
    return tuple(
        Pair(actors[i], actors[j], float(agreed.score[i, j]), int(agreed.shared[i, j]))
        for n, i in enumerate(group)
        for j in group[n + 1 :]
    )


def _mean_positions(held: Holdings, group: list[int]) -> np.ndarray:
    import numpy as np

    values = held.values[group]
    holders = (~np.isnan(values)).sum(axis=0)
    with np.errstate(invalid="ignore"):
        return np.where(holders > 0, np.nansum(values, axis=0) / np.maximum(holders, 1), np.nan)


def _shares(held: Holdings, group: list[int], mean: np.ndarray) -> tuple[Shared, ...]:
    import numpy as np

    values = held.values[group]
    shares = []
    for column, topic in enumerate(held.topics):
        on = values[:, column][~np.isnan(values[:, column])]
        if on.size >= 2 and len(set(np.sign(on).tolist())) == 1:
            shares.append(Shared(topic, float(mean[column]), int(on.size)))
    return tuple(shares)


def _divides(held: Holdings, index: int, means: np.ndarray) -> tuple[Divide, ...]:
    """The `DIVIDES_KEPT` widest gaps between this bloc's mean positions and another's, across neutral."""
    import numpy as np

    mine = means[index]
    with np.errstate(invalid="ignore"):
        across = (mine * means) < 0
    across[index] = False
    gap = np.where(across, np.abs(mine - means), 0.0)
    others, columns = np.nonzero(gap)
    order = np.lexsort((columns, others, -gap[others, columns]))[:DIVIDES_KEPT]
    return tuple(
        Divide(held.topics[c], int(o), float(mine[c]), float(means[o, c]))
        for o, c in zip(others[order].tolist(), columns[order].tolist(), strict=True)
    )
