"""Agreement of every pair of actors at once, weighted by salience, as matrices.

The agreement of two actors is the weighted mean, over the topics both hold a
current stance on, of their closeness 1 - |a - b| / 4 (1 for the same
position, 0 for opposite extremes). A topic's weight for the pair is the mean
of the two stances' salience weights (compare.SALIENCE_WEIGHTS; a stance
without salience counts as medium), as euandi weights agreement by salience; with
`weighted=False` every shared topic counts 1.

How much an agreement rests on goes with it: the number of shared topics,
and a 95% interval (`intervals`), Wilson's score interval (Wilson, E. B. 1927,
"Probable inference, the law of succession, and statistical inference",
*Journal of the American Statistical Association* 22, 209-212) for the mean
of closeness over the shared topics, with the effective number of topics
n = (sum w)^2 / sum w^2 (Kish, L. 1965, *Survey Sampling*, Wiley) as its
sample size (the number of shared topics when unweighted). Wilson's interval
assumes the variance p(1 - p) of an all-or-nothing score; a closeness between
0 and 1 with mean p varies at most that much (Bhatia, R. and Davis, C. 2000,
"A better bound on the variance", *American Mathematical Monthly* 107,
353-357), so the interval errs wide, never narrow. Unlike a percentile
bootstrap, it is never a point: two topics that agree fully give 0.34 to 1.

The sums run as matrix products over one-hot position indicators, so 2,000
actors take a handful of products of 2,000 x topics matrices instead of four
million Python-level pairs. numpy is imported here only, where it is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..format.model import Actor, PartialDate, Stance, Topic
from ..format.spec import POSITIONS
from .compare import WELL_SHARED, current, salience_weight

SCALE = sorted(POSITIONS.values())  # -2 .. 2


@dataclass(frozen=True)
class Holdings:
    """The current stances of `actors` on `topics`, as matrices (actors x topics)."""

    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    stances: tuple[dict[str, Stance], ...]  # per actor: topic id -> current stance
    values: np.ndarray  # the position's value, NaN where the actor holds none
    weights: np.ndarray  # the salience weight, 0 where the actor holds none

    @property
    def held(self) -> np.ndarray:
        return ~np.isnan(self.values)


def holdings(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None = None) -> Holdings:
    column = {topic.id: index for index, topic in enumerate(topics)}
    values = np.full((len(actors), len(topics)), np.nan)
    weights = np.zeros((len(actors), len(topics)))
    stances = []
    for row, actor in enumerate(actors):
        held = {t: s for t, s in current(actor.stances, as_of).items() if t in column}
        stances.append(held)
        for topic_id, stance in held.items():
            values[row, column[topic_id]] = stance.value
            weights[row, column[topic_id]] = salience_weight(stance)
    return Holdings(tuple(actors), tuple(topics), tuple(stances), values, weights)


@dataclass(frozen=True)
class Agreements:
    """Every pair's agreement (NaN where it rests on fewer than `min_shared` topics) and shared count."""

    actors: tuple[Actor, ...]
    score: np.ndarray  # n x n, symmetric, NaN on the diagonal
    shared: np.ndarray  # n x n, the number of topics both hold a stance on
    weighted: bool
    min_shared: int

    def ranked(
        self, least_first: bool = False, thin: bool | None = None, limit: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The index pairs (i < j) that have a score, as two arrays, from most to least aligned.

        With `least_first`, from least to most aligned. Either way a tie goes
        to the pair resting on more shared topics (the better evidenced), then
        to actor order. `thin` True keeps only the pairs on fewer than
        `WELL_SHARED` topics, False only the others. Arrays, not a list of
        tuples: 2,000 actors have two million pairs. With `limit`, only the
        first `limit` pairs: those are picked out in linear time before the
        few are sorted.
        """
        rows, columns = np.triu_indices(len(self.actors), k=1)
        scores = self.score[rows, columns]
        keep = ~np.isnan(scores)
        if thin is not None:
            keep &= (self.shared[rows, columns] < WELL_SHARED) == thin
        rows, columns, scores = rows[keep], columns[keep], scores[keep]
        key = scores if least_first else -scores
        if limit is not None and limit < len(key):
            bound = np.partition(key, limit - 1)[limit - 1]  # the limit-th key; ties with it are kept
            near = key <= bound
            rows, columns, key = rows[near], columns[near], key[near]
        shared = self.shared[rows, columns]
        # lexsort is stable and the pairs come in actor order: ties stay in it.
        order = np.lexsort((-shared, key))[:limit]
        return rows[order], columns[order]

    def count_ranked(self) -> int:
        """How many pairs have a score."""
        return int(np.count_nonzero(~np.isnan(self.score))) // 2

    def paired(self) -> np.ndarray:
        """Whether each actor has an agreement with any other."""
        return ~np.all(np.isnan(self.score), axis=1)


def agreements(held: Holdings, weighted: bool = True, min_shared: int = 1) -> Agreements:
    """The agreement of every pair of actors in `held` (see the module's docstring)."""
    present = held.held.astype(float)
    weights = held.weights if weighted else present
    onehot = [(held.values == value).astype(float) for value in SCALE]
    closeness = [[1 - abs(a - b) / 4 for b in SCALE] for a in SCALE]
    # sum over shared topics of w_a * closeness(a, b), for every ordered pair (a, b)
    half = sum(
        (weights * onehot[k]) @ sum(closeness[k][m] * onehot[m] for m in range(len(SCALE))).T for k in range(len(SCALE))
    )
    half_weight = weights @ present.T
    total = (half + half.T) / 2
    weight = (half_weight + half_weight.T) / 2
    shared = np.rint(present @ present.T).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where((shared >= max(min_shared, 1)) & (weight > 0), total / weight, np.nan)
    np.fill_diagonal(score, np.nan)
    return Agreements(held.actors, score, shared, weighted, min_shared)


Z = 1.959963984540054  # the standard normal's 97.5th percentile: a 95% interval


def intervals(held: Holdings, agreed: Agreements) -> tuple[np.ndarray, np.ndarray]:
    """The low and high ends of every pair's 95% interval (n x n; NaN where the pair has no agreement)."""
    present = held.held.astype(float)
    if agreed.weighted:
        weights = held.weights
        # a topic weighs (w_a + w_b) / 2 for the pair: sum w and sum w^2 over the shared topics
        total = (weights @ present.T + present @ weights.T) / 2
        squares = ((weights**2) @ present.T + 2 * weights @ weights.T + present @ (weights**2).T) / 4
        with np.errstate(invalid="ignore", divide="ignore"):
            size = total**2 / squares
    else:
        size = agreed.shared.astype(float)
    p = agreed.score
    with np.errstate(invalid="ignore", divide="ignore"):
        centre = (p + Z**2 / (2 * size)) / (1 + Z**2 / size)
        half = Z * np.sqrt(np.maximum(p * (1 - p), 0) / size + Z**2 / (4 * size**2)) / (1 + Z**2 / size)
    # at p = 0 the low end is 0 and at p = 1 the high end 1 exactly, where rounding would leave 1e-17
    low = np.where(p == 0, 0.0, np.clip(centre - half, 0, 1))
    return low, np.where(p == 1, 1.0, np.clip(centre + half, 0, 1))


def measure(
    actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None, weighted: bool, min_shared: int
) -> tuple[Holdings, Agreements]:
    """The actors' current stances as matrices, and every pair's agreement: what agreement and blocs start from."""
    held = holdings(actors, topics, as_of)
    return held, agreements(held, weighted, min_shared)
