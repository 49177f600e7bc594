"""What every view is made of: a `View` of facts, `Table`s of `Cell`s and notes.

A cell's style is a meaning (a position, `reported`, `muted`), never a colour:
the renderers decide how each format shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..format.model import Stance

SYMBOLS = {"support": "++", "lean-support": "+", "neutral": "0", "lean-oppose": "-", "oppose": "--"}
MARKS = {"reported": "*", "inferred": "~", "conditions": "^"}
SUMMARIES = "summaries are the curator's own words; quotes are the source's"
MEANINGS = {"*": "reported by others", "~": "inferred from actions", "^": "with conditions"}
LEGEND = "++ support, + lean-support, 0 neutral, - lean-oppose, -- oppose; " + ", ".join(
    f"{mark} {meaning}" for mark, meaning in MEANINGS.items()
)
Value = str | int | float | None  # a value in a row of `Records`; None is an empty cell


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a position name, a relation, "reported", "muted", "strong"
    short: str | None = None  # a narrower form for terminal tables, e.g. "++*" for "support*"

    @property
    def shown(self) -> str:
        """What a terminal table shows: the short form where the cell has one."""
        return self.short if self.short is not None else self.text


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str | None = None
    matrix: bool = False  # a label column and many narrow ones: laid out to fit the terminal (render/grid.py)
    prose: tuple[int, ...] = ()  # columns of sentences: they wrap and share the spare width
    names: tuple[int, ...] = ()  # columns of names: they wrap too, but only as far as a name needs
    keys: tuple[str, ...] = ()  # a matrix's short header per column after the first, for when full ones do not fit
    flip: str | None = None  # a matrix that may be shown columns as rows: the label column's header then


@dataclass(frozen=True)
class Records:
    """A view as data for a spreadsheet: a row per thing, one plain value per named column.

    Ids are the keys, names and titles have columns of their own, a position
    its word and its number; nothing is decorated or abbreviated.
    """

    columns: tuple[str, ...]
    rows: Iterable[tuple[Value, ...]]  # may be a generator, read once: a million pairs need not be held


@dataclass(frozen=True)
class Matrix:
    """A matrix of numbers in a JSON document: a list of rows, NaN as null, floats rounded to `digits` places.

    `values` is a 2-D numpy array. render/json writes it a whole matrix at a
    time (2,000 actors' matrices hold four million numbers each), as the
    standard library would write `rows()`.
    """

    values: Any
    digits: int = 6

    def rows(self) -> list[list[float | int | None]]:
        """The matrix as plain lists, as JSON has it."""
        import numpy as np

        values = np.asarray(self.values)
        if values.dtype.kind == "f":
            values = np.round(values, self.digits)
        return [[None if x != x else x for x in row] for row in values.tolist()]


@dataclass(frozen=True)
class View:
    title: str
    data: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON document, or what makes it when asked
    facts: tuple[tuple[str, str], ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()
    records: Records | None = None  # what csv writes (else the first table)
    legend: bool = False  # its positions carry marks: each renderer adds the legend of its own cells

    def document(self) -> dict[str, Any]:
        """The JSON document; a large view builds it only when a format asks for it."""
        return self.data() if callable(self.data) else self.data


def marks(stance: Stance) -> str:
    """The legend marks of a stance: * reported, ~ inferred, ^ with conditions."""
    text = MARKS.get(stance.basis, "")
    return text + (MARKS["conditions"] if stance.conditions else "")


def position_cells(view: View) -> list[Cell]:
    """The cells of a view that show a position with its marks (those `position_cell` makes)."""
    return [
        cell
        for table in view.tables
        for row in table.rows
        for cell in row
        if cell.style in SYMBOLS and cell.short is not None
    ]


def used_marks(view: View) -> str:
    """The marks its position cells use ("*^"), in the legend's order."""
    used = {char for cell in position_cells(view) if cell.style for char in cell.text[len(cell.style) :]}
    return "".join(mark for mark in MEANINGS if mark in used)


STANCE_COLUMNS = ("date", "position", "value", "basis", "conditions", "summary")
QUOTE_COLUMNS = ("quotes", "sources")  # each quote, and the id of its source, one a line


def stance_columns(quotes: bool = False, suffix: str = "") -> tuple[str, ...]:
    """The columns `stance_values` fills ("position_a" with the suffix "_a")."""
    return tuple(name + suffix for name in (*STANCE_COLUMNS, *(QUOTE_COLUMNS if quotes else ())))


def stance_values(stance: Stance | None, quotes: bool = False) -> tuple[Value, ...]:
    """A stance as `Records` values: its position as word and number, basis and conditions apart.

    No stance: empty values.
    """
    if stance is None:
        return (None,) * len(stance_columns(quotes))
    values: tuple[Value, ...] = (
        str(stance.date),
        stance.position,
        stance.value,
        stance.basis,
        "\n".join(stance.conditions) or None,
        stance.summary,
    )
    if quotes:
        values += ("\n".join(e.quote for e in stance.evidence), "\n".join(e.source for e in stance.evidence))
    return values


def position_cell(stance: Stance | None) -> Cell:
    if stance is None:
        return Cell("", "muted", short="·")
    return Cell(stance.position + marks(stance), stance.position, short=SYMBOLS[stance.position] + marks(stance))
