"""A view's columns, declared once: the table, markdown and CSV all take them from here.

A `Column` says how one thing about a row is shown: its header and `Cell`
in the table (and so in markdown), and the plain values it fills in the CSV,
under their own names. A column may be table-only (a picture, such as the
scale bar) or CSV-only (an id, a number), but never declared twice, so the
two cannot drift apart:

    layout = Columns((
        Column("actor", lambda s: Cell(s.actor, "strong"), ("actor",), lambda s: (s.actor,)),
        Column("position", lambda s: position_cell(s), stance_columns(), stance_values),
    ))
    layout.table(stances)      # a Table with the headers and cells
    layout.records(stances)    # Records with the CSV columns and values
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .view import Cell, Records, Table, Value

R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str | None  # the table's header; None: the column is not in the table
    cell: Callable[[R], Cell] | None
    csv: tuple[str, ...] = ()  # the CSV columns it fills; (): not in the CSV
    values: Callable[[R], tuple[Value, ...]] | None = None
    prose: bool = False  # sentences: they wrap and share the spare width
    name: bool = False  # names or titles: they wrap when the terminal is narrow, rather than make cards


@dataclass(frozen=True)
class Columns(Generic[R]):
    columns: tuple[Column[R], ...]

    def __post_init__(self) -> None:
        for column in self.columns:
            if (column.header is None) != (column.cell is None) or bool(column.csv) != (column.values is not None):
                raise ValueError(f"column {column.header or column.csv}: a header needs a cell, csv names values")

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns if c.header is not None)

    @property
    def csv(self) -> tuple[str, ...]:
        return tuple(name for c in self.columns for name in c.csv)

    def table(self, rows: Sequence[R], title: str | None = None) -> Table:
        cells = [c.cell for c in self.columns if c.cell is not None]
        shown = [c for c in self.columns if c.cell is not None]
        return Table(
            self.headers,
            tuple(tuple(cell(row) for cell in cells) for row in rows),
            title,
            prose=tuple(i for i, c in enumerate(shown) if c.prose),
            names=tuple(i for i, c in enumerate(shown) if c.name),
        )

    def records(self, rows: Iterable[R]) -> Records:
        filled = [c.values for c in self.columns if c.values is not None]
        return Records(self.csv, (tuple(v for values in filled for v in values(row)) for row in rows))
