"""The analyses on their own: agreement matrices, blocs and Van der Eijk's A, against hand-worked numbers."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from stancediff.analysis import compare
from stancediff.analysis.agreement import agreements, holdings, intervals
from stancediff.analysis.blocs import find_blocs, leaf_order, nearest_position
from stancediff.analysis.contested import van_der_eijk
from stancediff.format.dataset import read_dataset
from stancediff.format.spec import SALIENCE
from test_views import write_dataset

PROJECT = Path(__file__).resolve().parent.parent
POSITIONS = ("oppose", "lean-oppose", "neutral", "lean-support", "support")


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([0, 0, 5, 0, 0], 1.0),  # everyone in one category
        ([1, 1, 1, 1, 1], 0.0),  # uniform
        ([3, 0, 0, 0, 3], -1.0),  # split between the extremes
        ([0, 1, 1, 0, 0], 0.75),  # two adjacent categories: U = 1, S = 2: 1 - 1/4
        ([1, 1, 0, 0, 1], -5 / 18),  # TU 2, TDU 4: U = -10/18, times 1 - 2/4
        ([3, 0, 0, 0, 1], 0.0),  # layers: 10001 (2 actors, A -1) and 10000 (2 actors, A 1)
        ([2, 1, 0, 0, 0], 5 / 6),  # layers: 11000 (2 actors, 0.75) and 10000 (1 actor, 1)
    ],
)
def test_van_der_eijk_agreement(counts: list[int], expected: float) -> None:
    assert van_der_eijk(counts) == pytest.approx(expected)


def test_nearest_position_rounds_half_way_towards_neutral() -> None:
    assert [nearest_position(m) for m in (-2, -1.5, -1.4, -0.5, 0.5, 0.6, 1.5, 1.6)] == [
        "oppose",
        "lean-oppose",
        "lean-oppose",
        "neutral",
        "neutral",
        "lean-support",
        "lean-support",
        "support",
    ]


def random_dataset(tmp_path: Path, actors: int, topics: int, seed: int) -> Path:
    rng = random.Random(seed)
    crowd = {}
    for n in range(actors):
        stances = []
        for t in rng.sample(range(topics), rng.randint(0, topics)):
            extra = {"salience": rng.choice(["low", "medium", "high"])} if rng.random() < 0.5 else {}
            stances.append(
                {
                    "topic": f"t{t}",
                    "position": rng.choice(POSITIONS),
                    "date": "2020",
                    "basis": "stated",
                    "summary": "A stance.",
                    "evidence": [{"source": "paper", "quote": "a quote"}],
                    **extra,
                }
            )
        crowd[f"actor-{n:02d}"] = stances
    return write_dataset(tmp_path, crowd, tuple(f"t{t}" for t in range(topics)))


@pytest.mark.parametrize("weighted", [True, False])
def test_the_matrix_agrees_with_the_pair_by_pair_definition(tmp_path: Path, weighted: bool) -> None:
    dataset = read_dataset(random_dataset(tmp_path, 25, 6, seed=7)).dataset.complete_records()
    actors = sorted(dataset.actors, key=lambda a: a.id)
    agreed = agreements(holdings(actors, dataset.topics), weighted)
    checked = 0
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            if i == j:
                continue
            score, shared = compare.agreement(compare.current(a.stances), compare.current(b.stances), weighted)
            assert agreed.shared[i, j] == shared
            if score is None:
                assert math.isnan(agreed.score[i, j])
            else:
                assert agreed.score[i, j] == pytest.approx(score)
                checked += 1
    assert checked > 100


@pytest.mark.parametrize("weighted", [True, False])
def test_the_interval_matrix_agrees_with_wilson_pair_by_pair(tmp_path: Path, weighted: bool) -> None:
    """Wilson's interval with Kish's effective number of topics, (sum w)^2 / sum w^2, worked pair by pair."""
    dataset = read_dataset(random_dataset(tmp_path, 20, 6, seed=11)).dataset.complete_records()
    actors = sorted(dataset.actors, key=lambda a: a.id)
    held = holdings(actors, dataset.topics)
    agreed = agreements(held, weighted)
    low, high = intervals(held, agreed)
    z = 1.959963984540054
    checked = 0
    for i, a in enumerate(actors):
        for j, b in enumerate(actors):
            mine, theirs = compare.current(a.stances), compare.current(b.stances)
            shared = [t for t in mine if t in theirs]
            if i == j or not shared:
                continue
            w = [
                (compare.salience_weight(mine[t]) + compare.salience_weight(theirs[t])) / 2 if weighted else 1.0
                for t in shared
            ]
            n = sum(w) ** 2 / sum(x * x for x in w)
            p = sum(x * compare.closeness(mine[t], theirs[t]) for x, t in zip(w, shared, strict=True)) / sum(w)
            centre = (p + z * z / (2 * n)) / (1 + z * z / n)
            half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
            assert (low[i, j], high[i, j]) == (
                pytest.approx(max(centre - half, 0)),
                pytest.approx(min(centre + half, 1)),
            )
            checked += 1
    assert checked > 100


def test_blocs_are_deterministic_and_cover_every_actor(tmp_path: Path) -> None:
    dataset = read_dataset(random_dataset(tmp_path, 30, 5, seed=3)).dataset.complete_records()
    actors = sorted(dataset.actors, key=lambda a: a.id)
    held = holdings(actors, dataset.topics)
    agreed = agreements(held)
    first, second = find_blocs(held, agreed), find_blocs(held, agreed)
    assert [[a.id for a in b.members] for b in first.blocs] == [[a.id for a in b.members] for b in second.blocs]
    assert sorted(a.id for b in first.blocs for a in b.members) == [a.id for a in actors]
    assert [a.id for a in first.order] == [actors[i].id for i in leaf_order(agreed)]
    for bloc in first.blocs:  # every bloc of two or more holds together at the threshold, on average
        if bloc.cohesion is not None and len(bloc.members) == 2:
            assert bloc.cohesion >= first.threshold


def test_the_shipped_dataset_blocs() -> None:
    dataset = read_dataset(PROJECT / "positions").dataset.complete_records()
    actors = sorted(dataset.actors, key=lambda a: a.id)
    held = holdings(actors, dataset.topics)
    agreed = agreements(held)
    blocs = find_blocs(held, agreed)
    members = [sorted(a.id for a in b.members) for b in blocs.blocs if len(b.members) > 1]
    # Australia, New Zealand and the US agree on two topics or more; the UK National Security Council
    # shares Huawei in 5G alone with Huawei and China's foreign ministry, Japan one topic with New
    # Zealand: no coalition, as by default no bloc holds two actors sharing fewer than two topics.
    assert ["australia", "new-zealand", "us"] in members
    assert ["china-mfa", "huawei"] in members
    assert not any("uk-national-security-council" in m or "japan" in m for m in members)
    index = {a.id: n for n, a in enumerate(actors)}
    for bloc in members:
        assert all(agreed.shared[index[a], index[b]] >= 2 for a in bloc for b in bloc if a != b)
    loose = find_blocs(held, agreed, min_shared=1)  # as before: one shared topic is enough
    loose_members = [sorted(a.id for a in b.members) for b in loose.blocs]
    assert ["china-mfa", "huawei", "uk-national-security-council"] in loose_members
    assert ["japan", "new-zealand"] in loose_members


def test_every_salience_of_the_format_has_a_weight() -> None:
    assert tuple(compare.SALIENCE_WEIGHTS) == SALIENCE


def test_heavy_libraries_load_only_where_used() -> None:
    import subprocess
    import sys

    heavy = ("numpy", "scipy", "jinja2", "networkx", "pyarrow")
    code = f"import sys, stancediff.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"  # start-up stays light: validate, show, diff ... never pay for them
