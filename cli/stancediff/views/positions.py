"""The side-by-side views (compare, diff, show, topic, agreement, timeline) as data.

Each function takes the dataset and the command's choices and returns a
`View`: a title, a few facts, tables of `Cell`s and closing notes, plus the
JSON document of the same content. A cell's style is a meaning (a position,
`reported`, `muted`), never a colour: the renderers in `render/` decide
how each format shows it. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..analysis import compare
from ..format.model import Actor, Dataset, PartialDate, Stance, Topic
from ..format.spec import POSITIONS
from ..text import count
from .columns import Column, Columns
from .records import actor_json, other_keys, source_json, stance_json, topic_json
from .view import SUMMARIES, Cell, Records, Table, View, position_cell, stance_columns, stance_values


def _as_of(as_of: PartialDate | None) -> tuple[tuple[str, str], ...]:
    return (("as of", str(as_of)),) if as_of else ()


def compare_view(
    dataset: Dataset,
    actors: Sequence[Actor],
    topics: Sequence[Topic],
    as_of: PartialDate | None = None,
    ids: bool = False,
    groups: Sequence[tuple[str, Sequence[Actor]]] = (),
    every: bool = False,
) -> View:
    """The matrix of current positions: actors (in the order given) by topics.

    Actors are labelled by name (by id with `ids`); with `groups`, one table a
    group. Without `every`, actors and topics with no stance shown are left
    out, and a note says so. The renderer lays the matrix out to fit
    (render/grid.py): topics as columns, or as rows, or under short keys that
    the notes list with each topic's proposition.
    """
    held = {actor.id: compare.current(actor.stances, as_of) for actor in actors}
    shown_topics = [t for t in topics if every or any(t.id in held[a.id] for a in actors)]
    kept = {a.id for a in actors if every or any(t.id in held[a.id] for t in shown_topics)}
    hidden_actors = [a for a in actors if a.id not in kept]
    hidden_topics = [t for t in topics if t not in shown_topics]
    parts: list[tuple[str | None, list[Actor]]] = [
        (label, [a for a in members if a.id in kept]) for label, members in groups
    ] or [(None, [a for a in actors if a.id in kept])]
    keys = tuple(str(n) for n in range(1, len(shown_topics) + 1))
    columns = ("actor", *(t.id if ids else t.title for t in shown_topics))
    tables = tuple(
        Table(
            columns,
            tuple(
                (
                    Cell(actor.id if ids else actor.name, "strong"),
                    *(position_cell(held[actor.id].get(t.id)) for t in shown_topics),
                )
                for actor in members
            ),
            title=f"{label} ({count(len(members), 'actor')})" if label is not None else None,
            matrix=True,
            keys=keys,
            flip=None if groups else "topic",
        )
        for label, members in parts
        if members
    )
    ordered = [a for _, members in parts for a in members]

    def data() -> dict[str, Any]:
        stances = [held[a.id][t.id] for a in ordered for t in shown_topics if t.id in held[a.id]]
        return {
            "as_of": str(as_of) if as_of else None,
            "topics": [topic_json(t) for t in shown_topics],
            "actors": [actor_json(a) for a in ordered],
            "groups": [{"label": label, "actors": [a.id for a in members]} for label, members in parts]
            if groups
            else None,
            "stances": [stance_json(s) for s in stances],
            "left_out": {"actors": [a.id for a in hidden_actors], "topics": [t.id for t in hidden_topics]},
        }

    notes = [f"{key} {t.id if ids else t.title}: {t.proposition}" for key, t in zip(keys, shown_topics, strict=True)]
    if hidden_actors or hidden_topics:
        left = " and ".join(
            text
            for text in (
                count(len(hidden_actors), "actor") if hidden_actors else "",
                count(len(hidden_topics), "topic") if hidden_topics else "",
            )
            if text
        )
        notes.append(f"{left} with no stance here left out; --all shows them")
    titles = {t.id: t.title for t in shown_topics}
    records = Records(
        ("topic", "topic_title", "actor", "actor_name", *stance_columns()),
        (
            (t.id, titles[t.id], a.id, a.name, *stance_values(held[a.id][t.id]))
            for a in ordered
            for t in shown_topics
            if t.id in held[a.id]
        ),
    )
    return View("Positions", data, _as_of(as_of), tables, tuple(notes), records=records, legend=True)


@dataclass(frozen=True)
class _Side:
    """One topic of a diff: the two actors' current stances on it and how they relate."""

    topic: Topic
    a: Stance | None
    b: Stance | None
    relation: str  # "agree", "differ", "opposed", "only a", "only b"


def diff_view(
    dataset: Dataset, a: Actor, b: Actor, as_of: PartialDate | None = None, quotes: bool = False, ids: bool = False
) -> View:
    """Two actors topic by topic: positions, relation and summaries side by side (by id with `ids`)."""
    label_a, label_b = (a.id, b.id) if ids else (a.name, b.name)
    held_a, held_b = compare.current(a.stances, as_of), compare.current(b.stances, as_of)
    sides = [
        _Side(t, held_a.get(t.id), held_b.get(t.id), compare.relation(held_a.get(t.id), held_b.get(t.id)))
        for t in dataset.topics
        if t.id in held_a or t.id in held_b
    ]

    def shown(side: _Side, a_is: str = a.id, b_is: str = b.id) -> str:
        return side.relation.replace("only a", f"only {a_is}").replace("only b", f"only {b_is}")

    layout: Columns[_Side] = Columns(
        (
            Column(
                "topic",
                lambda side: Cell(side.topic.id if ids else side.topic.title, "strong"),
                ("topic", "topic_title"),
                lambda side: (side.topic.id, side.topic.title),
            ),
            Column(
                label_a,
                lambda side: position_cell(side.a),
                ("actor_a", *stance_columns(quotes, "_a")),
                lambda side: (a.id, *stance_values(side.a, quotes)),
            ),
            Column(
                label_b,
                lambda side: position_cell(side.b),
                ("actor_b", *stance_columns(quotes, "_b")),
                lambda side: (b.id, *stance_values(side.b, quotes)),
            ),
            Column(
                "relation",
                lambda side: Cell(shown(side, label_a, label_b), side.relation.split()[0]),
                ("relation",),
                lambda side: (side.relation,),
            ),
            Column(f"summary of {label_a}", lambda side: Cell(_says(dataset, side.a, quotes)), prose=True),
            Column(f"summary of {label_b}", lambda side: Cell(_says(dataset, side.b, quotes)), prose=True),
        )
    )
    score, shared = compare.agreement(held_a, held_b)
    data = {
        "as_of": str(as_of) if as_of else None,
        "a": actor_json(a),
        "b": actor_json(b),
        "topics": [
            {
                "topic": side.topic.id,
                "relation": shown(side),
                "a": stance_json(side.a) if side.a else None,
                "b": stance_json(side.b) if side.b else None,
            }
            for side in sides
        ],
        "agreement": score,
        "shared_topics": shared,
    }
    notes = (SUMMARIES, _agreement_line(score, shared))
    table, csv = layout.table(sides), layout.records(sides)
    return View(f"{a.name} and {b.name}", data, _as_of(as_of), (table,), notes, csv, legend=True)


def _agreement_line(score: float | None, shared: int) -> str:
    if score is None:
        return "agreement: none (no topic in common)"
    return f"agreement: {score:.2f} over {count(shared, 'shared topic')}"


# The stance keys each view shows in its own way or leaves out on purpose (diff
# shows basis and conditions as marks on the position, and leaves out the
# rest); `other_keys` lists any other, so a key added to the format shows.
_HANDLED_BY_SHOW = frozenset(
    {"topic", "position", "date", "basis", "speaker", "summary", "conditions", "evidence", "note"}
)
_HANDLED_BY_DIFF = _HANDLED_BY_SHOW


def _says(dataset: Dataset, stance: Stance | None, quotes: bool) -> str:
    """A side's summary, and with `quotes` its evidence beneath, each quote with its source."""
    if stance is None:
        return ""
    lines = [stance.summary, *other_keys(stance, _HANDLED_BY_DIFF)]
    if quotes:
        lines += evidence_lines(dataset, stance)
    return "\n".join(lines)


def evidence_lines(dataset: Dataset, stance: Stance) -> list[str]:
    """Each quote of a stance, cited: '"We are willing ..." (Huawei willing to sign ..., 2019-05-15)'."""
    return [f'"{e.quote}" ({citation(dataset, e.source)})' for e in stance.evidence]


def citation(dataset: Dataset, source_id: str) -> str:
    """How every view cites a source: its title and date (its id, if it is not in the dataset)."""
    source = dataset.source_ids.get(source_id)
    return f"{source.title}, {source.date}" if source else source_id


def show_view(dataset: Dataset, actor: Actor, topics: Sequence[Topic] = (), ids: bool = False) -> View:
    """An actor's profile: who it is, and every stance with its evidence, current or superseded.

    Stances in the order of topics.yaml, then by date; topics by title (by id
    with `ids`). With `topics`, only the stances on those: the actor's history there.
    """
    facts = [("id", actor.id), ("kind", actor.kind)]
    facts += [(label, value) for label, value in (("country", actor.country), ("part of", actor.part_of)) if value]
    if actor.aliases:
        facts.append(("aliases", ", ".join(actor.aliases)))
    if actor.description:
        facts.append(("about", actor.description))
    wanted = {t.id for t in topics}
    place = {topic_id: index for index, topic_id in enumerate(dataset.topic_ids)}
    stances = sorted(
        (s for s in actor.stances if not wanted or s.topic in wanted),
        key=lambda s: (place.get(s.topic, len(place)), s.topic, s.date.first_day),
    )
    held = compare.current(stances)
    # a topic's stances are in date order, the current last: each other one is superseded by the next
    superseded_by = {
        id(stance): None if held[stance.topic] is stance else str(stances[index + 1].date)
        for index, stance in enumerate(stances)
    }

    def status(stance: Stance) -> Cell:
        later = superseded_by[id(stance)]
        return Cell("current", "strong") if later is None else Cell(f"superseded {later}", "muted")

    def detail(stance: Stance) -> Cell:
        lines = [stance.summary]
        if stance.conditions:
            lines.append("conditions: " + "; ".join(stance.conditions))
        lines += evidence_lines(dataset, stance)
        if stance.note:
            lines.append("note: " + stance.note)
        return Cell("\n".join([*lines, *other_keys(stance, _HANDLED_BY_SHOW)]))

    def title(stance: Stance) -> str | None:
        return dataset.topic_ids[stance.topic].title if stance.topic in dataset.topic_ids else None

    layout: Columns[Stance] = Columns(
        (
            Column(
                "topic",
                lambda s: Cell(s.topic if ids else title(s) or s.topic, "strong"),
                ("topic", "topic_title"),
                lambda s: (s.topic, title(s)),
            ),
            Column("position", position_cell, stance_columns(quotes=True), lambda s: stance_values(s, quotes=True)),
            Column("date", lambda s: Cell(str(s.date))),
            Column(
                "status",
                status,
                ("status", "superseded_by"),
                lambda s: ("current" if superseded_by[id(s)] is None else "superseded", superseded_by[id(s)]),
            ),
            Column("basis", lambda s: Cell(s.basis, s.basis)),
            Column("speaker", lambda s: Cell(s.speaker or ""), ("speaker",), lambda s: (s.speaker,), prose=True),
            Column("summary and evidence", detail, ("note",), lambda s: (s.note,), prose=True),
        )
    )
    cited = sorted({e.source for s in stances for e in s.evidence})
    sources = [dataset.source_ids[c] for c in cited if c in dataset.source_ids]
    source_rows = tuple(
        (Cell(s.id, "strong"), Cell(s.title), Cell(s.publisher or ""), Cell(str(s.date)), Cell(s.url or ""))
        for s in sources
    )
    data = {
        **actor_json(actor),
        "stances": [{**stance_json(s), "current": held[s.topic] is s} for s in stances],
        "sources": [source_json(s) for s in sources],
    }
    tables = (
        layout.table(stances, "Stances"),
        Table(("source", "title", "publisher", "date", "url"), source_rows, "Sources", prose=(1, 4)),
    )
    return View(actor.name, data, tuple(facts), tables, records=layout.records(stances), legend=True)


def topic_view(
    dataset: Dataset,
    topic: Topic,
    as_of: PartialDate | None = None,
    quotes: bool = False,
    ids: bool = False,
    long: bool = False,
) -> View:
    """A topic's spectrum: every actor's current stance, from support to oppose (with `quotes`, its evidence).

    Actors by name (by id with `ids`). One line an actor; with `long` (or
    `quotes`), each with its summary.
    """
    stances = compare.spectrum(dataset, topic, as_of)
    names = {a.id: a.name for a in dataset.actors}
    summary: tuple[Column[Stance], ...] = ()
    if long or quotes:
        summary = (Column("summary", lambda s: Cell(_says(dataset, s, quotes)), prose=True),)
    layout: Columns[Stance] = Columns(
        (
            Column(
                "actor",
                lambda s: Cell(s.actor if ids else names.get(s.actor, s.actor), "strong"),
                ("actor", "actor_name"),
                lambda s: (s.actor, names.get(s.actor)),
                name=True,  # a long name wraps rather than turn the table into cards
            ),
            Column("oppose...support", lambda s: Cell(_scale_bar(s.position), s.position)),
            Column("position", position_cell, stance_columns(quotes), lambda s: stance_values(s, quotes)),
            Column("date", lambda s: Cell(str(s.date))),
            Column("basis", lambda s: Cell(s.basis, s.basis)),
            *summary,
        )
    )
    counts = {p: sum(s.position == p for s in stances) for p in POSITIONS}
    tally = ", ".join(f"{n} {p}" for p, n in counts.items() if n) or "no stances"
    facts = (("proposition", topic.proposition), *_as_of(as_of))
    data = {
        "as_of": str(as_of) if as_of else None,
        "topic": topic_json(topic),
        "stances": [stance_json(s) for s in stances],
    }
    return View(
        topic.id if ids else topic.title,
        data,
        facts,
        (layout.table(stances),),
        (tally,),
        layout.records(stances),
        legend=True,
    )


def _short_move(move: str) -> str:
    """'lean-oppose -> oppose (down 1)' as a terminal table shows it: 'down 1' (--long and the other formats: all)."""
    return move.rsplit("(", 1)[1].rstrip(")") if " -> " in move else move


def _scale_bar(position: str) -> str:
    """The position as a mark on the five-point scale, oppose on the left: '···█·'."""
    slot = POSITIONS[position] + 2
    return "·" * slot + "█" + "·" * (4 - slot)


def timeline_view(
    dataset: Dataset,
    actors: Sequence[Actor],
    topics: Sequence[Topic],
    quotes: bool = False,
    ids: bool = False,
    long: bool = False,
) -> View:
    """Stances in date order, each shift of an actor on a topic marked with its move (with `quotes`, evidence).

    Actors by name and topics by title (by id with `ids`). One line a stance,
    as `git log --oneline`; with `long` (or `quotes`), each with its summary.
    """
    wanted = {t.id for t in topics}
    shifts = compare.timeline(s for a in actors for s in a.stances if s.topic in wanted)
    names = {a.id: a.name for a in actors}
    titles = {t.id: t.title for t in topics}
    summary: tuple[Column[compare.Shift], ...] = ()
    if long or quotes:
        summary = (Column("summary", lambda shift: Cell(_says(dataset, shift.stance, quotes)), prose=True),)
    layout: Columns[compare.Shift] = Columns(
        (
            Column("date", lambda shift: Cell(str(shift.stance.date))),
            Column(
                "actor",
                lambda shift: Cell(shift.stance.actor if ids else names[shift.stance.actor], "strong"),
                ("actor", "actor_name"),
                lambda shift: (shift.stance.actor, names[shift.stance.actor]),
                name=True,  # a long name wraps rather than turn the table into cards
            ),
            Column(
                "topic",
                lambda shift: Cell(shift.stance.topic if ids else titles[shift.stance.topic]),
                ("topic", "topic_title"),
                lambda shift: (shift.stance.topic, titles[shift.stance.topic]),
                name=True,
            ),
            Column(
                "position",
                lambda shift: position_cell(shift.stance),
                stance_columns(quotes),
                lambda shift: stance_values(shift.stance, quotes),
            ),
            Column(
                "move",
                lambda shift: Cell(
                    shift.move,
                    "strong" if shift.move not in ("", "unchanged") else "muted",
                    short=_short_move(shift.move),  # the position column shows where it moved to
                ),
                ("previous_position", "change"),
                lambda shift: (
                    shift.previous.position if shift.previous else None,
                    shift.stance.value - shift.previous.value if shift.previous else None,
                ),
            ),
            *summary,
        )
    )

    def data() -> dict[str, Any]:
        return {
            "stances": [
                {
                    **stance_json(shift.stance),
                    "previous_position": shift.previous.position if shift.previous else None,
                    "move": shift.move or None,
                }
                for shift in shifts
            ]
        }

    return View("Timeline", data, (), (layout.table(shifts),), records=layout.records(shifts), legend=True)
