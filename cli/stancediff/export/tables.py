"""The dataset as relational tables, derived from the format's definition (`spec`).

The SQLite export and the data package write these tables (the tidy stances
of `tidy` take their columns from `value_columns` too), so a key added to
the format reaches every export without a change here. The derivation, from
each record of `spec`:

- a record becomes a table named by the key that lists it (`topics`,
  `sources`, `actors`, `stances`, `evidence`), keyed by its `id`; a stance's
  id is `actor:topic:date` (`Stance.id`), which stays the same when other
  stances come, go or move; a nested record with no id (an evidence entry) is
  keyed by its parent's key and its `ordinal`, its place in the parent's list
  from 1;
- a nested record's table has a column for its parent's key (`stances.actor`,
  `evidence.stance`), after its own `id`; a stance also has its `ordinal`
  among its actor's stances (the file order, which settles which of two
  stances of the same first day is current);
- a value becomes a text column (dates as precise as the data: `2019`,
  `2019-05`, `2019-05-14`), NOT NULL where the format requires it, with its
  choices where it has them;
- a list of texts becomes a child table `<record>_<key>` (`topic_tags`,
  `actor_aliases`, `stance_conditions`) of (parent, ordinal, value);
- a reference to another record (`REFERENCES`) becomes a foreign key;
  tests/test_export.py fails when the format gains an id key not listed there;
- a stance also has `value`, its position on the scale, from 2 to -2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from ..analysis.compare import current
from ..format import spec
from ..format.model import Dataset
from ..format.spec import Kind, Record

# Which table each reference key points to (its `id`), by (record name, key).
REFERENCES: dict[tuple[str, str], str] = {
    (spec.ACTOR.name, "part_of"): "actors",
    (spec.STANCE.name, "topic"): "topics",
    (spec.EVIDENCE.name, "source"): "sources",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless type: "string", "integer", "boolean"
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    references: str | None = None  # the table whose `id` this column holds
    bounds: tuple[int, int] | None = None  # the least and greatest value of an integer
    partial_date: bool = False  # a "string" holding a date as precise as the data: 2019, 2019-05, 2019-05-14


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the primary key
    rows: list[tuple[Any, ...]]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


Getter = Callable[[Any], Any]

# Columns worked out from a record rather than read from it, each after the key it follows.
VALUE = Column(
    "value",
    "integer",
    "The position on the five-point scale: 2 support, 1 lean-support, 0 neutral, -1 lean-oppose, -2 oppose.",
    required=True,
    bounds=(min(spec.POSITIONS.values()), max(spec.POSITIONS.values())),
)
DERIVED: dict[tuple[str, str], tuple[tuple[Column, Getter], ...]] = {
    (spec.STANCE.name, "position"): ((VALUE, attrgetter("value")),),
}

_ROOTS: tuple[tuple[str, Record], ...] = (
    ("topics", spec.TOPIC),
    ("sources", spec.SOURCE),
    ("actors", spec.ACTOR),
)


def column_name(record: Record) -> str:
    """The column that holds a record's key in its children: `stance`, `evidence_entry`."""
    return record.name.replace(" ", "_")


def value_columns(record: Record, field: spec.Field) -> list[tuple[Column, Getter]]:
    """The column of one value of a record, and the derived columns that follow it, each with its getter."""
    column = Column(
        field.name,
        "string",
        field.description,
        required=field.required,
        choices=field.choices,
        references=REFERENCES.get((record.name, field.name)),
        partial_date=field.kind is Kind.DATE,
    )
    get: Getter = attrgetter(field.name)
    if field.kind is Kind.DATE:
        get = _date_text(field.name)
    return [(column, get), *DERIVED.get((record.name, field.name), ())]


def _date_text(name: str) -> Getter:
    def get(item: Any) -> str | None:
        value = getattr(item, name)
        return None if value is None else str(value)

    return get


def own_columns(record: Record) -> list[tuple[Column, Getter]]:
    """The columns of a record's own values (not its lists), in the order of the format."""
    return [pair for field in record.fields if not field.many for pair in value_columns(record, field)]


def dataset_tables(dataset: Dataset) -> list[Table]:
    """Every table of the dataset, parents before children (so foreign keys hold as they are written)."""
    tables: list[Table] = []
    for name, record in _ROOTS:
        if record is spec.ACTOR:
            record = spec.actor_record(dataset.actor_kinds)  # its kinds, for the CHECK and the data package
        _add(tables, name, record, [(None, item) for item in getattr(dataset, name)], parent=None)
    return tables


def _has_id(record: Record) -> bool:
    """Whether a record has an id of its own: a key `id`, or a stance's `actor:topic:date`."""
    return "id" in record.by_name or record is spec.STANCE


STANCE_ID = Column(
    "id", "string", "The stance's id: its actor, topic and date, as `us:huawei-in-5g:2019-09`.", required=True
)
ORDINAL = Column("ordinal", "integer", "Its place in its parent's list, from 1.", required=True)


def _add(
    tables: list[Table],
    name: str,
    record: Record,
    pairs: Sequence[tuple[Any, Any]],
    parent: tuple[Record, str] | None,
) -> None:
    """Add the table of `record`, then its children's; `pairs` are (the parent's key, the item), in file order."""
    columns: list[Column] = []
    if record is spec.STANCE:
        columns.append(STANCE_ID)
    if parent is not None:
        columns += [_parent_column(*parent), ORDINAL]
    own = own_columns(record)
    columns += [column for column, _ in own]
    getters = [get for _, get in own]
    keyed = []  # (the item's key, the item)
    rows = []
    ordinal = 0
    previous = None
    for parent_key, item in pairs:
        ordinal = ordinal + 1 if parent_key == previous else 1
        previous = parent_key
        head = [item.id] if record is spec.STANCE else []
        if parent is not None:
            head += [parent_key, ordinal]
        keyed.append((item.id if _has_id(record) else (parent_key, ordinal), item))
        rows.append((*head, *[get(item) for get in getters]))
    key = ("id",) if _has_id(record) else (columns[0].name, "ordinal")
    tables.append(Table(name, f"The {record.plural}.", tuple(columns), key, rows))
    for field in record.fields:
        if field.kind is Kind.RECORDS:
            assert field.record is not None
            children = [(key, child) for key, item in keyed for child in getattr(item, field.name)]
            _add(tables, field.name, field.record, children, (record, name))
        elif field.many:
            tables.append(_list_table(record, name, field, keyed))


def _parent_column(record: Record, table: str) -> Column:
    """The column that names the record (of `table`) a row belongs to."""
    return Column(column_name(record), "string", f"The {record.name} it belongs to.", required=True, references=table)


def _list_table(record: Record, parent_table: str, field: spec.Field, keyed: list[tuple[Any, Any]]) -> Table:
    parent = _parent_column(record, parent_table)
    columns = (
        parent,
        Column("ordinal", "integer", "Its place in the list, from 1.", required=True),
        Column("value", "string", field.description, required=True),
    )
    rows = [
        (key, ordinal, value) for key, item in keyed for ordinal, value in enumerate(getattr(item, field.name), start=1)
    ]
    name = f"{parent.name}_{field.name}"
    return Table(name, f"The {field.name} of each {record.name}.", columns, (parent.name, "ordinal"), rows)


def current_ids(dataset: Dataset) -> set[str]:
    """The ids of the current stances: each actor's latest on each topic, as `analysis.compare.current` has it."""
    return {stance.id for actor in dataset.actors for stance in current(actor.stances).values()}
