"""The views of who sides with whom: agreement, blocs and contested, as data.

Built on analysis/agreement.py, blocs.py and contested.py; the methods are
named and cited there and in docs/views.md. Nothing here prints.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..analysis.agreement import Agreements, Holdings, intervals
from ..analysis.blocs import Blocs, nearest_position
from ..analysis.compare import SALIENCE_WEIGHTS, WELL_SHARED
from ..analysis.contested import SCALE, STANDINGS, WELL_HELD, FaultLine
from ..format.model import Actor, PartialDate
from ..format.spec import POSITIONS
from ..text import count
from .records import actor_json, stance_json, topic_json
from .view import SYMBOLS, Cell, Matrix, Records, Table, Value, View

RANKED = 10  # pairs shown at each end of the ranking, with --long
SHORT = 5  # and by default
MATRIX_LIMIT = 60  # more actors than this, and the terminal shows no matrix (csv and json have every pair)
SCALE_NAMES = {value: name for name, value in POSITIONS.items()}


def _as_of(as_of: PartialDate | None) -> tuple[tuple[str, str], ...]:
    return (("as of", str(as_of)),) if as_of else ()


def _label(actor: Actor, ids: bool) -> str:
    return actor.id if ids else actor.name


def _score(score: float) -> str:
    return f"{score:.2f}"


def _style(score: float) -> str:
    """A score coloured on the positions' diverging scale: 1 is support-green, 0 oppose-red."""
    return SCALE_NAMES[round(score * 4) - 2]


def _interval(low: float, high: float) -> str:
    """A 95% interval as a table shows it: "0.50 to 1.00"; "-" where there is none."""
    return "-" if math.isnan(low) else f"{_score(low)} to {_score(high)}"


def _score_cell(score: float, shared: int) -> Cell:
    """A matrix cell: the agreement and, in brackets, the topics it rests on; muted when that is one."""
    if np.isnan(score):
        return Cell("", "muted", short="·")
    style = _style(score) if shared >= WELL_SHARED else "muted"
    return Cell(f"{_score(score)} ({shared})", style, short=f"{_score(score).removeprefix('0')}({shared})")


def _weighting(agreed: Agreements) -> str:
    if not agreed.weighted:
        return "unweighted: every shared topic counts the same"
    weights = ", ".join(f"{name} {weight:g}" for name, weight in SALIENCE_WEIGHTS.items())
    return f"weighted by salience ({weights}; unstated counts as medium); --unweighted for the plain mean"


def _pairs(ranked: tuple[np.ndarray, np.ndarray], start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    return list(zip(ranked[0][start:stop].tolist(), ranked[1][start:stop].tolist(), strict=True))


def _one_topic(held: Holdings, i: int, j: int) -> str:
    """The one topic a thinly evidenced pair shares, by title."""
    both = np.flatnonzero(held.held[i] & held.held[j])
    return held.topics[int(both[0])].title


def agreement_view(
    held: Holdings,
    agreed: Agreements,
    order: Sequence[int],
    as_of: PartialDate | None = None,
    ids: bool = False,
    long: bool = False,
) -> View:
    """The ranked pairs, most and least aligned, each with its interval; the pairs on one shared topic apart;
    then the matrix with actors in `order` (bloc order).

    `SHORT` pairs at each end by default, `RANKED` with `long`: the terminal
    view is a summary, and csv and json have every pair."""
    ranked = RANKED if long else SHORT
    thin_shown = 2 * RANKED if long else SHORT
    count_well, count_thin = agreed.count_ranked(thin=False), agreed.count_ranked(thin=True)
    # Only the pairs shown are sorted: picked out of two million in linear time.
    well = agreed.ranked(thin=False, limit=None if count_well <= 2 * ranked else ranked)
    well_last = agreed.ranked(least_first=True, thin=False, limit=ranked)
    thin = agreed.ranked(thin=True, limit=thin_shown)
    actors = agreed.actors
    low, high = intervals(held, agreed)

    def pair_row(i: int, j: int) -> tuple[Cell, ...]:
        score = float(agreed.score[i, j])
        return (
            Cell(_score(score), _style(score)),
            Cell(_interval(float(low[i, j]), float(high[i, j]))),
            Cell(str(int(agreed.shared[i, j]))),
            Cell(f"{_label(actors[i], ids)} and {_label(actors[j], ids)}"),
        )

    def thin_row(i: int, j: int) -> tuple[Cell, ...]:
        return (
            Cell(_score(float(agreed.score[i, j])), "muted"),
            Cell(_interval(float(low[i, j]), float(high[i, j]))),
            Cell(_one_topic(held, i, j)),
            Cell(f"{_label(actors[i], ids)} and {_label(actors[j], ids)}"),
        )

    columns = ("agreement", "95% interval", "shared topics", "pair")
    tables = []
    if count_well and count_well <= 2 * ranked:
        tables.append(
            Table(columns, tuple(pair_row(*p) for p in _pairs(well)), "Pairs, most to least aligned", prose=(3,))
        )
    elif count_well:
        tables.append(Table(columns, tuple(pair_row(*p) for p in _pairs(well, 0, ranked)), "Most aligned", prose=(3,)))
        tables.append(
            Table(columns, tuple(pair_row(*p) for p in _pairs(well_last, 0, ranked)), "Least aligned", prose=(3,))
        )
    if count_thin:
        tables.append(
            Table(
                ("agreement", "95% interval", "the one topic", "pair"),
                tuple(thin_row(*p) for p in _pairs(thin, 0, thin_shown)),
                "On one shared topic only: thin evidence",
                prose=(2, 3),
            )
        )
    notes = [_weighting(agreed)]
    if agreed.min_shared > 1:
        notes.append(f"pairs resting on fewer than {count(agreed.min_shared, 'shared topic')} have no agreement")
    if count_ranked := count_well + count_thin:
        notes.append("95% interval: Wilson's, over the pair's shared topics; see docs/views.md")
    if count_well > 2 * ranked:
        notes.append(
            f"{count(count_well, 'pair')} ranked; the {ranked} most and {ranked} least aligned are shown"
            + ("" if long else f" (--long: {RANKED} each)")
            + "; --format csv or json has every pair"
        )
    if count_thin > thin_shown:
        notes.append(
            f"{count(count_thin, 'pair')} rest on one shared topic; the {thin_shown} most aligned are shown; "
            "--format csv or json has every pair"
        )
    elif count_thin:
        notes.append(
            f"{count(count_thin, 'pair')} on one shared topic, listed apart: one topic's closeness, not a trend"
        )
    paired = agreed.paired()
    alone = [actors[i] for i in order if not paired[i]]
    everyone, order = list(order), [i for i in order if paired[i]]
    if not count_ranked:
        shared = f"{count(agreed.min_shared, 'topic')} or more" if agreed.min_shared > 1 else "a topic"
        notes.append(f"no pair of these actors shares {shared}: no agreement to show")
    elif alone:
        notes.append(
            f"{count(len(alone), 'actor')} with no agreement to show (no shared topic, or too few) "
            f"left out: {', '.join(sorted(_label(a, ids) for a in alone))}"
        )
    if order and not long:
        notes.append("--long adds the matrix of every pair, in bloc order, and more pairs at each end")
    elif order and len(order) <= MATRIX_LIMIT:
        rows = tuple(
            (
                Cell(f"{n} {_label(actors[i], ids)}", "strong"),
                *(
                    Cell("-", "muted") if i == j else _score_cell(float(agreed.score[i, j]), int(agreed.shared[i, j]))
                    for j in order
                ),
            )
            for n, i in enumerate(order, 1)
        )
        keys = tuple(str(n) for n in range(1, len(order) + 1))
        tables.append(
            Table(("actor", *(_label(actors[j], ids) for j in order)), rows, "Matrix, in bloc order", True, keys=keys)
        )
        notes.append(
            "matrix cells: agreement from 0 (opposite extremes) to 1 (same positions), (shared topics); "
            "muted on one topic"
        )
    elif order:
        notes.append(
            f"the matrix of {count(len(actors), 'actor')} is left out here (more than {MATRIX_LIMIT}); "
            "--format csv or json has every pair"
        )

    def data() -> dict[str, Any]:
        square = np.ix_(everyone, everyone)

        def pair_json(i: int, j: int) -> dict[str, Any]:
            return {
                "a": actors[i].id,
                "b": actors[j].id,
                "agreement": float(agreed.score[i, j]),
                "interval": [float(low[i, j]), float(high[i, j])],
                "shared_topics": int(agreed.shared[i, j]),
            }

        return {
            "as_of": str(as_of) if as_of else None,
            "weighted": agreed.weighted,
            "min_shared": agreed.min_shared,
            "actors": [actor_json(actors[i]) for i in everyone],
            "agreement": Matrix(agreed.score[square]),
            "interval_low": Matrix(low[square]),
            "interval_high": Matrix(high[square]),
            "shared_topics": Matrix(agreed.shared[square]),
            "most_aligned": pair_json(*_pairs(well, 0, 1)[0]) if count_well else None,
            "least_aligned": pair_json(*_pairs(well_last, 0, 1)[0]) if count_well else None,
            "thin_pairs": count_thin,
        }

    def records() -> Iterator[tuple[Value, ...]]:
        """Every ranked pair, its values gathered by numpy a slice at a time (two million at 2,000 actors)."""
        firsts, seconds = agreed.ranked()
        ids_, names = [a.id for a in actors], [a.name for a in actors]
        for start in range(0, len(firsts), _SLICE):
            a, b = firsts[start : start + _SLICE], seconds[start : start + _SLICE]
            a_list, b_list = a.tolist(), b.tolist()
            yield from zip(
                map(ids_.__getitem__, a_list),
                map(ids_.__getitem__, b_list),
                map(names.__getitem__, a_list),
                map(names.__getitem__, b_list),
                agreed.score[a, b].tolist(),
                low[a, b].tolist(),
                high[a, b].tolist(),
                agreed.shared[a, b].tolist(),
                strict=True,
            )

    fields = (
        "actor_a",
        "actor_b",
        "actor_a_name",
        "actor_b_name",
        "agreement",
        "agreement_low",
        "agreement_high",
        "shared_topics",
    )
    return View("Agreement", data, _as_of(as_of), tuple(tables), tuple(notes), records=Records(fields, records()))


_SLICE = 65_536  # pairs gathered at a time for csv


def _position_mark(mean: float) -> str:
    """A mean position as the symbol of the nearest point on the scale."""
    return SYMBOLS[nearest_position(mean)]


def blocs_view(found: Blocs, agreed: Agreements, as_of: PartialDate | None = None, ids: bool = False) -> View:
    """Each bloc: its members, cohesion, the positions it shares and the topics dividing it from other blocs.

    The table shows the blocs of two or more; a note names the actors that joined none.
    """

    def other(index: int) -> str:
        members = found.blocs[index].members
        return f"bloc {index + 1}" if len(members) > 1 else _label(members[0], ids)

    rows = []
    for number, bloc in enumerate(found.blocs, 1):
        if len(bloc.members) < 2:
            continue
        shares = "\n".join(
            f"{_position_mark(s.value)} {s.topic.id if ids else s.topic.title} ({s.holders})" for s in bloc.shares
        )
        divides = "\n".join(
            f"{d.topic.id if ids else d.topic.title}: {_position_mark(d.value)} vs {_position_mark(d.other_value)} "
            f"{other(d.other)}"
            for d in bloc.divides
        )
        fewest = bloc.fewest_shared or 0
        rows.append(
            (
                Cell(f"bloc {number}", "strong"),
                Cell(
                    f"{_score(bloc.cohesion or 0)}\n{fewest}+ {'topic, thin' if fewest < WELL_SHARED else 'topics'}",
                    _style(bloc.cohesion or 0) if fewest >= WELL_SHARED else "muted",
                ),
                Cell("\n".join(_label(a, ids) for a in bloc.members)),
                Cell(shares),
                Cell(divides),
            )
        )
    table = Table(
        ("bloc", "cohesion", "members", "positions shared (members holding)", "divided from"),
        tuple(rows),
        prose=(2, 3, 4),
    )
    alone = sorted((bloc.members[0] for bloc in found.blocs if len(bloc.members) == 1), key=lambda a: _label(a, ids))
    thin = [pair for bloc in found.blocs for pair in bloc.pairs if pair.thin]
    notes = [
        f"{count(len(rows), 'bloc')} of two or more; {count(len(alone), 'actor')} joined no bloc"
        + (f": {', '.join(_label(a, ids) for a in alone)}" if alone else ""),
        f"average-linkage clustering on 1 - agreement, cut where members agree less than {found.threshold:g} "
        f"on average (--threshold); no bloc holds two actors sharing fewer than "
        f"{count(found.min_shared, 'topic')} (--min-shared); see docs/views.md",
        _weighting(agreed),
        "cohesion: the mean agreement of the bloc's pairs, then the fewest topics any two members both hold a "
        "stance on; ++ support, + lean-support, 0 neutral, - lean-oppose, -- oppose (the members' mean)",
    ]
    if thin:
        notes.append(
            "thin: these pairs share one topic: "
            + "; ".join(f"{_label(p.a, ids)} and {_label(p.b, ids)} ({_score(p.agreement)})" for p in thin)
        )
    data = {
        "as_of": str(as_of) if as_of else None,
        "weighted": agreed.weighted,
        "min_shared": found.min_shared,
        "threshold": found.threshold,
        "order": [a.id for a in found.order],
        "blocs": [
            {
                "members": [a.id for a in bloc.members],
                "cohesion": bloc.cohesion,
                "fewest_shared": bloc.fewest_shared,
                "pairs": [
                    {"a": p.a.id, "b": p.b.id, "agreement": p.agreement, "shared_topics": p.shared, "thin": p.thin}
                    for p in bloc.pairs
                ],
                "shares": [
                    {
                        "topic": s.topic.id,
                        "position": nearest_position(s.value),
                        "mean": s.value,
                        "holders": s.holders,
                    }
                    for s in bloc.shares
                ],
                "divides": [
                    {"topic": d.topic.id, "other_bloc": d.other + 1, "mean": d.value, "other_mean": d.other_value}
                    for d in bloc.divides
                ],
            }
            for bloc in found.blocs
        ],
    }
    records = Records(
        ("bloc", "actor", "actor_name", "actor_kind", "bloc_size", "cohesion", "fewest_shared"),
        (
            (number, actor.id, actor.name, actor.kind, len(bloc.members), bloc.cohesion, bloc.fewest_shared)
            for number, bloc in enumerate(found.blocs, 1)
            for actor in bloc.members
        ),
    )
    return View("Blocs", data, _as_of(as_of), (table,), tuple(notes), records=records)


def contested_view(
    lines: Sequence[FaultLine], names: dict[str, str], as_of: PartialDate | None = None, ids: bool = False
) -> View:
    """Topics held by at least `WELL_HELD` actors, from most to least divided, with the count at each position,
    the interval of A and the actors at each pole; then the thinly held topics apart, and those held by one actor.

    `names` gives each actor id's name, for the poles.
    """
    by_standing = {standing: [line for line in lines if line.standing == standing] for standing in STANDINGS}

    def title(line: FaultLine) -> str:
        return line.topic.id if ids else line.topic.title

    def pole(line: FaultLine, side: int) -> str:
        stances = line.pole(side)
        if not stances:
            return ""
        return SYMBOLS[stances[0].position] + " " + ", ".join(s.actor if ids else names[s.actor] for s in stances)

    def row(line: FaultLine) -> tuple[Cell, ...]:
        agreement, (low, high) = line.agreement or 0.0, line.interval or (0.0, 0.0)
        return (
            Cell(title(line), "strong"),
            Cell(f"{agreement:.2f}", _style((agreement + 1) / 2) if line.standing == "ranked" else "muted"),
            Cell(f"{low:.2f} to {high:.2f}"),
            Cell(str(len(line.stances))),
            Cell(" ".join(str(n) for n in line.counts.values())),
            Cell(pole(line, 1), "support"),
            Cell(pole(line, -1), "oppose"),
        )

    columns = ("topic", "agreement A", "95% interval", "stances", "-- - 0 + ++", "support pole", "oppose pole")
    tables = [Table(columns, tuple(row(line) for line in by_standing["ranked"]), prose=(5, 6))]
    if by_standing["thin"]:
        tables.append(
            Table(
                columns,
                tuple(row(line) for line in by_standing["thin"]),
                "Thinly held: two stances, not ranked with the rest",
                prose=(5, 6),
            )
        )
    notes = [
        f"agreement A (Van der Eijk 2001): 1 all hold one position, 0 spread evenly, -1 split between the two "
        f"extremes; topics held by {WELL_HELD} actors or more, most divided first; 95% interval: the bootstrap "
        "over the topic's stances; see docs/views.md",
    ]
    if single := by_standing["single"]:
        held = "; ".join(
            f"{title(line)} ({line.stances[0].actor if ids else names[line.stances[0].actor]}, "
            f"{line.stances[0].position})"
            for line in single
        )
        notes.append(f"held by one actor only, so neither agreement nor division: {held}")
    if none := by_standing["none"]:
        notes.append(f"held by no actor shown: {', '.join(title(line) for line in none)}")
    data = {
        "as_of": str(as_of) if as_of else None,
        "well_held": WELL_HELD,
        "topics": [
            {
                "topic": topic_json(line.topic),
                "standing": line.standing,
                "agreement": line.agreement,
                "interval": list(line.interval) if line.interval else None,
                "counts": line.counts,
                "stances": [stance_json(s) for s in line.stances],
                "support_pole": [s.actor for s in line.pole(1)],
                "oppose_pole": [s.actor for s in line.pole(-1)],
            }
            for line in lines
        ],
    }
    records = Records(
        ("topic", "topic_title", "standing", "agreement", "agreement_low", "agreement_high", "stances", *SCALE),
        (
            (
                line.topic.id,
                line.topic.title,
                line.standing,
                line.agreement,
                *(line.interval or (None, None)),
                len(line.stances),
                *line.counts.values(),
            )
            for line in lines
        ),
    )
    return View("Contested topics", data, _as_of(as_of), tuple(tables), tuple(notes), records=records)
