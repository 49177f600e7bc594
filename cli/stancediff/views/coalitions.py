"""The views of who sides with whom: agreement, blocs and contested, as data.

Built on analysis/agreement.py, blocs.py and contested.py; the methods are
named and cited there and in docs/views.md. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from ..analysis.agreement import Agreements
from ..analysis.blocs import Blocs, nearest_position
from ..analysis.compare import SALIENCE_WEIGHTS
from ..analysis.contested import SCALE, FaultLine
from ..format.model import Actor, PartialDate
from ..format.spec import POSITIONS
from ..text import count
from .records import actor_json, stance_json, topic_json
from .view import SYMBOLS, Cell, Records, Table, View

RANKED = 10  # pairs shown at each end of the ranking
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


def _score_cell(score: float, shared: int) -> Cell:
    if np.isnan(score):
        return Cell("", "muted", short="·")
    return Cell(f"{_score(score)} ({shared})", _style(score), short=_score(score).removeprefix("0"))


def _weighting(agreed: Agreements) -> str:
    if not agreed.weighted:
        return "unweighted: every shared topic counts the same"
    weights = ", ".join(f"{name} {weight:g}" for name, weight in SALIENCE_WEIGHTS.items())
    return f"weighted by salience ({weights}; unstated counts as medium); --unweighted for the plain mean"


def _pair_json(agreed: Agreements, i: int, j: int) -> dict[str, Any]:
    return {
        "a": agreed.actors[i].id,
        "b": agreed.actors[j].id,
        "agreement": float(agreed.score[i, j]),
        "shared_topics": int(agreed.shared[i, j]),
    }


def agreement_view(
    agreed: Agreements, order: Sequence[int], as_of: PartialDate | None = None, ids: bool = False
) -> View:
    """The ranked pairs, most and least aligned, then the matrix with actors in `order` (bloc order)."""
    count_ranked = agreed.count_ranked()

    def ranked(stop: int | None = None, least_first: bool = False) -> list[tuple[int, int]]:
        a, b = agreed.ranked(least_first, stop)
        return list(zip(a.tolist(), b.tolist(), strict=True))

    actors = agreed.actors

    def pair_row(i: int, j: int) -> tuple[Cell, ...]:
        score, shared = float(agreed.score[i, j]), int(agreed.shared[i, j])
        return (
            Cell(_score(score), _style(score)),
            Cell(str(shared)),
            Cell(f"{_label(actors[i], ids)} and {_label(actors[j], ids)}"),
        )

    columns = ("agreement", "shared topics", "pair")
    if count_ranked <= 2 * RANKED:
        tables = [
            Table(columns, tuple(pair_row(i, j) for i, j in ranked()), "Pairs, most to least aligned", prose=(2,))
        ]
    else:
        tables = [
            Table(columns, tuple(pair_row(i, j) for i, j in ranked(RANKED)), "Most aligned", prose=(2,)),
            Table(
                columns,
                tuple(pair_row(i, j) for i, j in ranked(RANKED, least_first=True)),
                "Least aligned",
                prose=(2,),
            ),
        ]
    notes = [_weighting(agreed)]
    if agreed.min_shared > 1:
        notes.append(f"pairs resting on fewer than {count(agreed.min_shared, 'shared topic')} have no agreement")
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
    if order and len(order) <= MATRIX_LIMIT:
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
        notes.append("matrix cells: agreement from 0 (opposite extremes) to 1 (same positions), (shared topics)")
    elif order:
        notes.append(
            f"the matrix of {count(len(actors), 'actor')} is left out here (more than {MATRIX_LIMIT}); "
            "--format csv or json has every pair"
        )

    def data() -> dict[str, Any]:
        square = np.ix_(everyone, everyone)
        scores = np.round(agreed.score[square], 6).astype(object)
        scores[np.isnan(agreed.score[square])] = None  # JSON null: no agreement
        return {
            "as_of": str(as_of) if as_of else None,
            "weighted": agreed.weighted,
            "min_shared": agreed.min_shared,
            "actors": [actor_json(actors[i]) for i in everyone],
            "agreement": scores.tolist(),
            "shared_topics": agreed.shared[square].tolist(),
            "most_aligned": _pair_json(agreed, *ranked(1)[0]) if count_ranked else None,
            "least_aligned": _pair_json(agreed, *ranked(1, least_first=True)[0]) if count_ranked else None,
        }

    def pairs() -> Iterator[tuple[str, str, str, str, float, int]]:
        """Every ranked pair, its values gathered by numpy, a slice at a time (two million at 2,000 actors)."""
        firsts, seconds = agreed.ranked()
        ids_, names = [a.id for a in actors], [a.name for a in actors]
        for start in range(0, len(firsts), 65_536):
            a, b = firsts[start : start + 65_536], seconds[start : start + 65_536]
            a_list, b_list = a.tolist(), b.tolist()
            yield from zip(
                map(ids_.__getitem__, a_list),
                map(ids_.__getitem__, b_list),
                map(names.__getitem__, a_list),
                map(names.__getitem__, b_list),
                np.round(agreed.score[a, b], 6).tolist(),  # as in the json; a shorter float is faster to write
                agreed.shared[a, b].tolist(),
                strict=True,
            )

    records = Records(("a", "b", "a_name", "b_name", "agreement", "shared_topics"), pairs())
    return View("Agreement", data, _as_of(as_of), tuple(tables), tuple(notes), records=records)


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
        rows.append(
            (
                Cell(f"bloc {number}", "strong"),
                Cell(_score(bloc.cohesion), _style(bloc.cohesion)) if bloc.cohesion is not None else Cell("-", "muted"),
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
    notes = (
        f"{count(len(rows), 'bloc')} of two or more; {count(len(alone), 'actor')} joined no bloc"
        + (f": {', '.join(_label(a, ids) for a in alone)}" if alone else ""),
        f"average-linkage clustering on 1 - agreement, cut where members agree less than {found.threshold:g} "
        "on average (--threshold); see docs/views.md",
        _weighting(agreed),
        "cohesion: the mean agreement of the bloc's pairs; "
        "++ support, + lean-support, 0 neutral, - lean-oppose, -- oppose (the members' mean)",
    )
    data = {
        "as_of": str(as_of) if as_of else None,
        "weighted": agreed.weighted,
        "min_shared": agreed.min_shared,
        "threshold": found.threshold,
        "order": [a.id for a in found.order],
        "blocs": [
            {
                "members": [a.id for a in bloc.members],
                "cohesion": bloc.cohesion,
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
        ("bloc", "actor", "name", "kind", "bloc_size", "cohesion"),
        (
            (number, actor.id, actor.name, actor.kind, len(bloc.members), bloc.cohesion)
            for number, bloc in enumerate(found.blocs, 1)
            for actor in bloc.members
        ),
    )
    return View("Blocs", data, _as_of(as_of), (table,), notes, records=records)


def contested_view(
    lines: Sequence[FaultLine], names: dict[str, str], as_of: PartialDate | None = None, ids: bool = False
) -> View:
    """Topics from most to least divided, with the count at each position and the actors at each pole.

    `names` gives each actor id's name, for the poles.
    """
    measured = [line for line in lines if line.agreement is not None]
    unmeasured = [line for line in lines if line.agreement is None]

    def pole(line: FaultLine, side: int) -> str:
        stances = line.pole(side)
        if not stances:
            return ""
        return SYMBOLS[stances[0].position] + " " + ", ".join(s.actor if ids else names[s.actor] for s in stances)

    rows = tuple(
        (
            Cell(line.topic.id if ids else line.topic.title, "strong"),
            Cell(f"{line.agreement:.2f}", _style((line.agreement + 1) / 2)),
            Cell(str(len(line.stances))),
            Cell(" ".join(str(n) for n in line.counts.values())),
            Cell(pole(line, 1), "support"),
            Cell(pole(line, -1), "oppose"),
        )
        for line in measured
    )
    table = Table(
        ("topic", "agreement A", "stances", "-- - 0 + ++", "support pole", "oppose pole"),
        rows,
        prose=(4, 5),
    )
    notes = [
        "agreement A (Van der Eijk 2001): 1 all hold one position, 0 spread evenly, "
        "-1 split between the two extremes; most divided first; see docs/views.md",
    ]
    if unmeasured:
        unranked = ", ".join(line.topic.id for line in unmeasured)
        notes.append(f"{count(len(unmeasured), 'topic')} with fewer than two stances, not ranked: {unranked}")
    data = {
        "as_of": str(as_of) if as_of else None,
        "topics": [
            {
                "topic": topic_json(line.topic),
                "agreement": line.agreement,
                "counts": line.counts,
                "stances": [stance_json(s) for s in line.stances],
                "support_pole": [s.actor for s in line.pole(1)],
                "oppose_pole": [s.actor for s in line.pole(-1)],
            }
            for line in lines
        ],
    }
    records = Records(
        ("topic", "title", "agreement", "stances", *SCALE),
        ((line.topic.id, line.topic.title, line.agreement, len(line.stances), *line.counts.values()) for line in lines),
    )
    return View("Contested topics", data, _as_of(as_of), (table,), tuple(notes), records=records)
