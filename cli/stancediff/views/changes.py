"""The `changes` view: what moved between two versions of the dataset."""

from __future__ import annotations

from collections.abc import Mapping

from ..analysis.changes import Changes
from ..problems import Problem
from ..text import count
from .records import stance_json
from .view import Cell, Table, View, position_cell


def changes_view(
    changes: Changes,
    base: str,
    head: str,
    problems: dict[str, tuple[Problem, ...]],
    unreadable: dict[str, dict[str, tuple[Problem, ...]]] | None = None,
    names: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> View:
    """What changed between two versions of the dataset, for a reviewer.

    `problems` holds, per side label, the problems found reading that side;
    `unreadable`, per side label, the files that did not load, each with its
    errors (they are left out of the comparison). `names` and `titles` label
    actors and topics by id, as the tables show them (ids where absent, or
    with neither given); the list of records added, removed or renamed shows
    ids, which are what changed there.
    """
    unreadable = unreadable or {}

    def actor(actor_id: str) -> str:
        return (names or {}).get(actor_id, actor_id)

    def topic(topic_id: str) -> str:
        return (titles or {}).get(topic_id, topic_id)

    tables = []
    rows: tuple[tuple[Cell, ...], ...]
    broken = tuple(
        (
            Cell(label),
            Cell(name, "strong"),
            Cell(f"{found[0].line}:{found[0].column}: {found[0].code} {found[0].message}"),
        )
        for label, files in unreadable.items()
        for name, found in files.items()
    )
    if broken:
        tables.append(Table(("revision", "file", "first error"), broken, "Unreadable files, left out", prose=(2,)))
    if changes.current:
        rows = tuple(
            (Cell(actor(c.after.actor), "strong"), Cell(topic(c.after.topic)), Cell(c.move, c.after.position))
            for c in changes.current
        )
        tables.append(Table(("actor", "topic", "current position"), rows, "Current positions changed"))
    if changes.moved:
        rows = tuple(
            (
                Cell(actor(c.after.actor), "strong"),
                Cell(topic(c.after.topic)),
                Cell(str(c.after.date)),
                Cell(c.move or "", c.after.position),
            )
            for c in changes.moved
        )
        tables.append(Table(("actor", "topic", "date", "move"), rows, "Positions moved"))
    for title, stances in (("Stances added", changes.stances_added), ("Stances removed", changes.stances_removed)):
        if stances:
            rows = tuple(
                (
                    Cell(actor(s.actor), "strong"),
                    Cell(topic(s.topic)),
                    Cell(str(s.date)),
                    position_cell(s),
                    Cell(s.summary),
                )
                for s in stances
            )
            tables.append(Table(("actor", "topic", "date", "position", "summary"), rows, title, prose=(4,)))
    edits = tuple(
        (
            Cell(actor(c.after.actor), "strong"),
            Cell(topic(c.after.topic)),
            Cell(str(c.after.date)),
            Cell(f.field),
            Cell(f.before, "muted"),
            Cell(f.after),
        )
        for c in changes.edited
        for f in c.fields
        if f.field != "position"
    )
    if edits:
        tables.append(
            Table(("actor", "topic", "date", "field", "before", "after"), edits, "Stances edited", prose=(4, 5))
        )
    kinds = (("actor", changes.actors), ("topic", changes.topics), ("source", changes.sources))
    records = tuple(
        (Cell(kind), Cell(record_id, "strong"), Cell(change, "support" if change == "added" else "oppose"))
        for kind, ids in kinds
        for change, group in (("added", ids.added), ("removed", ids.removed))
        for record_id in group
    ) + tuple(
        (Cell(kind), Cell(old, "strong"), Cell(f"renamed to {new}", "neutral"))
        for kind, ids in kinds
        for old, new in ids.renamed
    )
    renamed = sum(len(ids.renamed) for _, ids in kinds)
    if records:
        tables.append(Table(("kind", "id", "change"), records, "Actors, topics and sources"))

    counts = [
        (len(broken), "file unreadable", "files unreadable"),
        (len(changes.current), "current position changed", "current positions changed"),
        (len(changes.moved), "position moved", "positions moved"),
        (len(changes.stances_added), "stance added", "stances added"),
        (len(changes.stances_removed), "stance removed", "stances removed"),
        (len(changes.edited), "stance edited", "stances edited"),
        (
            len(records) - renamed,
            "actor, topic or source added or removed",
            "actors, topics or sources added or removed",
        ),
        (
            renamed,
            "actor, topic or source renamed",
            "actors, topics or sources renamed",
        ),
    ]
    summary = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n) or "no changes"
    notes = [summary]
    for label, found in problems.items():
        errors = [p for p in found if p.severity == "error"]
        if errors:
            notes.append(f"{label} has {count(len(errors), 'error')} in its data; records with errors are left out:")
            notes += [f"  {p.file}:{p.line}:{p.column}: {p.code} {p.message}" for p in errors]
    data = {
        "base": base,
        "head": head,
        "actors": {
            "added": list(changes.actors.added),
            "removed": list(changes.actors.removed),
            "renamed": [{"from": old, "to": new} for old, new in changes.actors.renamed],
        },
        "topics": {
            "added": list(changes.topics.added),
            "removed": list(changes.topics.removed),
            "renamed": [{"from": old, "to": new} for old, new in changes.topics.renamed],
        },
        "sources": {
            "added": list(changes.sources.added),
            "removed": list(changes.sources.removed),
            "renamed": [{"from": old, "to": new} for old, new in changes.sources.renamed],
        },
        "stances": {
            "added": [stance_json(s) for s in changes.stances_added],
            "removed": [stance_json(s) for s in changes.stances_removed],
            "changed": [
                {
                    "actor": c.after.actor,
                    "topic": c.after.topic,
                    "date": str(c.after.date),
                    "move": c.move,
                    "changes": [{"field": f.field, "before": f.before, "after": f.after} for f in c.fields],
                    "before": stance_json(c.before),
                    "after": stance_json(c.after),
                }
                for c in changes.stances_changed
            ],
        },
        "current": [
            {"actor": c.after.actor, "topic": c.after.topic, "before": c.before.position, "after": c.after.position}
            for c in changes.current
        ],
        "unreadable": {label: sorted(files) for label, files in unreadable.items()},
        "problems": {
            label: [
                {"file": p.file, "line": p.line, "column": p.column, "code": p.code, "message": p.message}
                for p in found
            ]
            for label, found in problems.items()
        },
    }
    return View(f"Changes from {base} to {head}", data, (), tuple(tables), tuple(notes), legend=True)
