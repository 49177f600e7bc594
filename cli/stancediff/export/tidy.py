"""One tidy row per stance, for a spreadsheet: the stance, its actor and topic by name, and whether it is current.

The columns, from the format's stance keys in their order (`spec.STANCE`):
`id` (`actor:topic:date`, as in the other tables), `actor`, `actor_name`,
`actor_kind`; each value of the stance, with `topic_title` and
`topic_proposition` after `topic` and `value` after `position`; a list of
texts joined by "; " (`conditions`); a list of records as the ids it refers
to (`evidence` as `sources`, its source ids in order, without repeats); and
`current`, whether the stance is its actor's latest on its topic
(`analysis.compare.current`).

The CSV export adds the evidence itself (`with_evidence`): a pair of columns
`source_1`, `quote_1`, `source_2`, `quote_2`, ... for as many entries as the
stance with the most has, so that `stancediff import` reads every stance
back, quotes included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..format import spec
from ..format.model import Dataset, Stance
from ..format.spec import Kind
from .tables import REFERENCES, STANCE_ID, Column, Table, column_name, current_ids, value_columns

JOIN = "; "

Getter = Callable[[Stance], Any]


def tidy_stances(dataset: Dataset) -> Table:
    """The stances table of the CSV export and the data package; the dataset's stances are all taken as read."""
    actors, topics = dataset.actor_ids, dataset.topic_ids
    held = current_ids(dataset)
    pairs: list[tuple[Column, Getter]] = [
        (STANCE_ID, lambda s: s.id),
        (Column("actor", "string", "The actor's id.", required=True, references="actors"), lambda s: s.actor),
        (Column("actor_name", "string", "The actor's name.", required=True), lambda s: actors[s.actor].name),
        (
            Column("actor_kind", "string", "What sort of actor.", required=True, choices=dataset.actor_kinds),
            lambda s: actors[s.actor].kind,
        ),
    ]
    for field in spec.STANCE.fields:
        if field.kind is Kind.RECORDS:
            pairs += _referred(field)
        elif field.many:
            pairs.append(_joined(field))
        else:
            for column, get in value_columns(spec.STANCE, field):
                pairs.append((column, get))
                if column.name == "topic":
                    title = Column("topic_title", "string", "The topic's title.", required=True)
                    proposition = Column("topic_proposition", "string", "The topic's proposition.", required=True)
                    pairs.append((title, lambda s: topics[s.topic].title))
                    pairs.append((proposition, lambda s: topics[s.topic].proposition))
    pairs.append(
        (
            Column("current", "boolean", "Whether it is the actor's latest stance on the topic.", required=True),
            lambda s: s.id in held,
        )
    )
    rows = [tuple(get(stance) for _, get in pairs) for stance in dataset.stances]
    return Table("stances", "One row per stance.", tuple(column for column, _ in pairs), ("id",), rows)


def with_evidence(table: Table, dataset: Dataset) -> Table:
    """`table` (the tidy stances) with `source_N` and `quote_N` for each evidence entry of each stance."""
    most = max((len(stance.evidence) for stance in dataset.stances), default=1)
    columns = list(table.columns)
    for number in range(1, most + 1):
        columns += [
            Column(f"source_{number}", "string", f"The source of evidence entry {number}.", references="sources"),
            Column(f"quote_{number}", "string", f"The quote of evidence entry {number}."),
        ]
    rows = []
    for row, stance in zip(table.rows, dataset.stances, strict=True):
        cells: list[Any] = [value for entry in stance.evidence for value in (entry.source, entry.quote)]
        rows.append((*row, *cells, *[None] * (2 * most - len(cells))))
    return Table(table.name, table.description, tuple(columns), table.key, rows)


def _joined(field: spec.Field) -> tuple[Column, Getter]:
    description = f"{field.description} Joined by {JOIN!r}; one row each in `{column_name(spec.STANCE)}_{field.name}`."
    return Column(field.name, "string", description), lambda s: JOIN.join(getattr(s, field.name)) or None


def _referred(field: spec.Field) -> list[tuple[Column, Getter]]:
    """A list of records as the ids each reference key of theirs holds, in order and without repeats."""
    assert field.record is not None
    pairs: list[tuple[Column, Getter]] = []
    for key in field.record.fields:
        table = REFERENCES.get((field.record.name, key.name))
        if table is None:
            continue
        description = f"The ids of the {table} its {field.name} cites, joined by {JOIN!r}."

        def get(s: Stance, name: str = field.name, key_name: str = key.name) -> str:
            return JOIN.join(dict.fromkeys(getattr(item, key_name) for item in getattr(s, name)))

        pairs.append((Column(table, "string", description), get))
    return pairs
