"""Inter-coder reliability: how far independent codings of the same sources agree, by Krippendorff's alpha.

The unit is (actor, topic, source): the position each coder recorded for that
actor on that topic citing that source. A coder who recorded none has no
value for the unit (missing data, which alpha allows); a coder who recorded
several (two dates from one source) has the latest, and is counted in
`Reliability.several`.

Krippendorff's alpha (Krippendorff, K. 2011, "Computing Krippendorff's
alpha-reliability", Annenberg School for Communication, University of
Pennsylvania; Krippendorff 2004, *Content Analysis*, 2nd ed., Sage, ch. 11)
is 1 - D_o / D_e, observed over expected disagreement, worked out from the
coincidence matrix: each unit with m >= 2 values adds every ordered pair of
its values from different coders, weighted 1 / (m - 1), so that o_ck counts
the pairable values, n in all. With n_c the values of category c,

    alpha = 1 - (n - 1) * sum o_ck d_ck / sum n_c n_k d_ck

over a metric d: nominal (0 when equal, else 1) for the basis, ordinal for
positions, d_ck = (sum of n_g for g from c to k - (n_c + n_k) / 2)^2 over the
five points of the scale (a point nobody used adds nothing). Alpha is 1 for
perfect agreement and 0 for agreement at chance; it is undefined (None) when
the values do not vary at all (D_e = 0) or nothing is pairable. The
thresholds are Krippendorff's (2004, p. 241): at least 0.800 reliable, from
0.667 tentative, below that not to be relied on.

The 95% interval is Krippendorff's bootstrap (the algorithm of Hayes, A. F.
and Krippendorff, K. 2007, "Answering the call for a standard reliability
measure for coding data", *Communication Methods and Measures* 1(1), 77-89):
M = min(25 q, (m - 1) n / 2) pairs of values drawn from the coincidences
(q the cells in use, m the coders), alpha = 1 - sum of their d / (M D_e),
clipped at -1, and resamples left without variation counted as 0, as the
algorithm corrects them; `bootstrap.RESAMPLES` resamples with a fixed seed.

numpy is used here only; the `krippendorff` package is the test oracle
(tests/test_reliability.py), not a dependency: it gives alpha alone, and the
units, pairable counts, disagreements and bootstrap need the coincidence
matrix anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..format.model import Actor, Dataset, Source, Stance, Topic
from ..format.spec import BASES, POSITIONS

if TYPE_CHECKING:
    import numpy as np

RELIABLE = 0.800
TENTATIVE = 0.667
SCALE = sorted(POSITIONS, key=POSITIONS.__getitem__)  # oppose .. support: the ordinal categories


@dataclass(frozen=True)
class Coding:
    """One coder's reading of a unit: the stance, and its quotes from the unit's source."""

    stance: Stance
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    actor: str
    topic: str
    source: str
    codings: tuple[Coding | None, ...]  # one per coder, None where the coder recorded no stance

    @property
    def found(self) -> int:
        return sum(c is not None for c in self.codings)

    @property
    def disagrees(self) -> bool:
        """Whether the coders who coded it differ on the position or the basis."""
        coded = [c.stance for c in self.codings if c is not None]
        return len({s.position for s in coded}) > 1 or len({s.basis for s in coded}) > 1


@dataclass(frozen=True)
class Alpha:
    metric: str  # "ordinal" or "nominal"
    value: float | None  # None when undefined: no variation, or nothing pairable
    interval: tuple[float, float] | None
    units: int  # units with at least two values: the pairable ones
    values: int  # pairable values, n

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "no variation" if self.values else "nothing pairable"
        if self.value >= RELIABLE:
            return "reliable"
        return "tentative" if self.value >= TENTATIVE else "unreliable"


@dataclass(frozen=True)
class Reliability:
    coders: tuple[str, ...]  # each coding's label
    units: tuple[Unit, ...]  # by actor, topic and source
    position: Alpha
    basis: Alpha
    topics: tuple[tuple[Topic, Alpha], ...]  # positions, per topic with a unit
    several: int  # units where a coder recorded more than one stance citing the source (the latest counts)
    actors: dict[str, Actor]  # by id, from the first coding that has each: to name the units
    sources: dict[str, Source]

    @property
    def partial(self) -> tuple[Unit, ...]:
        """The units some coders found and others did not: disagreement on what to code at all."""
        return tuple(u for u in self.units if u.found < len(self.coders))

    @property
    def disagreements(self) -> tuple[Unit, ...]:
        """The units coded by two coders or more whose positions or bases differ."""
        return tuple(u for u in self.units if u.found >= 2 and u.disagrees)


def reliability(codings: Sequence[tuple[str, Dataset]]) -> Reliability:
    """Krippendorff's alpha of the codings (label, dataset), two or more (see the module's docstring)."""
    coders = len(codings)
    found: dict[tuple[str, str, str], list[Coding | None]] = {}
    several = set()
    for n, (_, dataset) in enumerate(codings):
        for actor in dataset.actors:
            for stance in sorted(actor.stances, key=lambda s: s.date.first_day):  # the latest last, and kept
                for source in dict.fromkeys(e.source for e in stance.evidence):
                    key = (actor.id, stance.topic, source)
                    held = found.setdefault(key, [None] * coders)
                    if held[n] is not None:
                        several.add(key)
                    quotes = tuple(e.quote for e in stance.evidence if e.source == source)
                    held[n] = Coding(stance, quotes)
    units = tuple(Unit(*key, tuple(found[key])) for key in sorted(found))
    topics: dict[str, Topic] = {}
    actors: dict[str, Actor] = {}
    sources: dict[str, Source] = {}
    for _, dataset in codings:
        for topic in dataset.topics:
            topics.setdefault(topic.id, topic)
        for actor in dataset.actors:
            actors.setdefault(actor.id, actor)
        for cited in dataset.sources:
            sources.setdefault(cited.id, cited)
    positions = _values(units, lambda s: _POSITION[s.position])
    by_topic: dict[str, list[list[int]]] = {}
    for unit, values in zip(units, positions, strict=True):
        by_topic.setdefault(unit.topic, []).append(values)
    order = {topic: n for n, topic in enumerate(topics)}
    return Reliability(
        tuple(label for label, _ in codings),
        units,
        alpha(positions, len(SCALE), "ordinal", coders),
        alpha(_values(units, lambda s: _BASIS[s.basis]), len(BASES), "nominal", coders),
        tuple(
            (topics[topic], alpha(values, len(SCALE), "ordinal", coders))
            for topic, values in sorted(by_topic.items(), key=lambda item: order[item[0]])
        ),
        len(several),
        actors,
        sources,
    )


_POSITION = {position: n for n, position in enumerate(SCALE)}
_BASIS = {basis: n for n, basis in enumerate(BASES)}


def _values(units: Sequence[Unit], category: Callable[[Stance], int]) -> list[list[int]]:
    """Each unit's values as category indices, one per coder who coded it."""
    return [[category(c.stance) for c in u.codings if c is not None] for u in units]


def alpha(values: Sequence[Sequence[int]], categories: int, metric: str, coders: int) -> Alpha:
    """Krippendorff's alpha of units given as the category indices of their values, with its interval."""
    import numpy as np

    pairable = [unit for unit in values if len(unit) >= 2]
    rows = np.repeat(np.arange(len(pairable)), [len(unit) for unit in pairable])
    flat = np.fromiter((value for unit in pairable for value in unit), dtype=np.int64, count=rows.size)
    counts = np.bincount(rows * categories + flat, minlength=len(pairable) * categories)
    counts = counts.reshape(len(pairable), categories).astype(float)
    coincidence = coincidences(counts)
    total = float(coincidence.sum())
    expected = _expected_disagreement(coincidence, metric)
    if not pairable or expected == 0:
        return Alpha(metric, None, None, len(pairable), round(total))
    distance = _distance(coincidence, metric)
    value = 1 - float((coincidence * distance).sum()) / total / expected
    return Alpha(metric, value, _bootstrap(coincidence, distance, expected, coders), len(pairable), round(total))


def coincidences(counts: np.ndarray) -> np.ndarray:
    """The coincidence matrix of units given as counts per category (units x categories, each unit m >= 2)."""
    import numpy as np

    pairs = counts.sum(axis=1) - 1
    weighted = counts / pairs[:, None]
    return weighted.T @ counts - np.diag(weighted.sum(axis=0))


def _distance(coincidence: np.ndarray, metric: str) -> np.ndarray:
    """The squared difference of every two categories: nominal, or ordinal from the values' marginals."""
    import numpy as np

    size = len(coincidence)
    if metric == "nominal":
        return 1 - np.eye(size)
    marginal = coincidence.sum(axis=1)
    cumulative = np.concatenate(([0.0], np.cumsum(marginal)))
    c, k = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    low, high = np.minimum(c, k), np.maximum(c, k)
    between = cumulative[high + 1] - cumulative[low]  # sum of n_g from the lower category to the higher
    return (between - (marginal[c] + marginal[k]) / 2) ** 2


def _expected_disagreement(coincidence: np.ndarray, metric: str) -> float:
    """D_e: the disagreement expected by chance, sum n_c (n_k - [c = k]) d_ck / (n (n - 1))."""
    import numpy as np

    marginal = coincidence.sum(axis=1)
    total = marginal.sum()
    if total < 2:
        return 0.0
    expected = (np.outer(marginal, marginal) - np.diag(marginal)) / (total - 1)
    return float((expected * _distance(coincidence, metric)).sum() / total)


def _bootstrap(coincidence: np.ndarray, distance: np.ndarray, expected: float, coders: int) -> tuple[float, float]:
    """Krippendorff's bootstrap of alpha: the 95% interval (see the module's docstring)."""
    import numpy as np

    from .bootstrap import RESAMPLES, percentiles, rng

    total = coincidence.sum()
    upper = np.triu_indices(len(coincidence))
    chances = np.where(upper[0] == upper[1], 1.0, 2.0) * coincidence[upper] / total
    drawn = int(min(25 * np.count_nonzero(coincidence), (coders - 1) * total / 2))  # at least 1: n >= 2
    pairs = rng().multinomial(drawn, chances / chances.sum(), size=RESAMPLES)
    alphas = np.maximum(1 - (pairs @ distance[upper]) / (drawn * expected), -1.0)
    diagonal = np.count_nonzero(np.diag(coincidence))
    perfect = alphas == 1
    if diagonal == 1:
        alphas[perfect] = 0.0  # only matching pairs of the one category drawn: no variation, not agreement
    else:
        # as many of the resamples at 1 as would lack variation by chance are counted 0
        lacking = round(RESAMPLES * float(((np.diag(coincidence) / total) ** drawn).sum()))
        alphas[np.flatnonzero(perfect)[:lacking]] = 0.0
    low, high = percentiles(alphas)
    return float(low), float(high)
