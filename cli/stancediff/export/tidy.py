"""One tidy row per stance, for a spreadsheet: the stance, its actor and topic by name, and whether it is current.

The columns, from the format's stance keys in their order (`spec.STANCE`):
`id` (as in the other tables), `actor`, `actor_name`, `actor_kind`; each
value of the stance, with `topic_title` after `topic` and `value` after
`position`; a list of texts joined by "; " (`conditions`); a list of records
as the ids it refers to (`evidence` as `sources`, its source ids in order,
without repeats); and `current`, whether the stance is its actor's latest on
its topic (`analysis.compare.current`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..format import spec
from ..format.model import Dataset, Stance
from ..format.spec import Kind
from .tables import REFERENCES, Column, Table, column_name, current_numbers, stance_numbers, value_columns

JOIN = "; "

Getter = Callable[[int, Stance], Any]


def tidy_stances(dataset: Dataset) -> Table:
    """The stances table of the CSV export and the data package; the dataset's stances are all taken as read."""
    actors, topics = dataset.actor_ids, dataset.topic_ids
    held = current_numbers(dataset)
    pairs: list[tuple[Column, Getter]] = [
        (Column("id", "integer", "The stance's number, in file order from 1.", required=True), lambda n, s: n),
        (Column("actor", "string", "The actor's id.", required=True, references="actors"), lambda n, s: s.actor),
        (Column("actor_name", "string", "The actor's name.", required=True), lambda n, s: actors[s.actor].name),
        (
            Column("actor_kind", "string", "What sort of actor.", required=True, choices=spec.ACTOR_KINDS),
            lambda n, s: actors[s.actor].kind,
        ),
    ]
    for field in spec.STANCE.fields:
        if field.kind is Kind.RECORDS:
            pairs += _referred(field)
        elif field.many:
            pairs.append(_joined(field))
        else:
            for column, get in value_columns(spec.STANCE, field):
                pairs.append((column, _of_stance(get)))
                if column.name == "topic":
                    title = Column("topic_title", "string", "The topic's title.", required=True)
                    pairs.append((title, lambda n, s: topics[s.topic].title))
    pairs.append(
        (
            Column("current", "boolean", "Whether it is the actor's latest stance on the topic.", required=True),
            lambda n, s: n in held,
        )
    )
    rows = [tuple(get(number, stance) for _, get in pairs) for number, stance in stance_numbers(dataset)]
    return Table("stances", "One row per stance.", tuple(column for column, _ in pairs), ("id",), rows)


def _of_stance(get: Callable[[Stance], Any]) -> Getter:
    """A getter of one value of the stance, whatever its number."""
    return lambda n, s: get(s)


def _joined(field: spec.Field) -> tuple[Column, Getter]:
    description = f"{field.description} Joined by {JOIN!r}; one row each in `{column_name(spec.STANCE)}_{field.name}`."
    return Column(field.name, "string", description), lambda n, s: JOIN.join(getattr(s, field.name)) or None


def _referred(field: spec.Field) -> list[tuple[Column, Getter]]:
    """A list of records as the ids each reference key of theirs holds, in order and without repeats."""
    assert field.record is not None
    pairs: list[tuple[Column, Getter]] = []
    for key in field.record.fields:
        table = REFERENCES.get((field.record.name, key.name))
        if table is None:
            continue
        description = f"The ids of the {table} its {field.name} cites, joined by {JOIN!r}."

        def get(n: int, s: Stance, name: str = field.name, key_name: str = key.name) -> str:
            return JOIN.join(dict.fromkeys(getattr(item, key_name) for item in getattr(s, name)))

        pairs.append((Column(table, "string", description), get))
    return pairs
