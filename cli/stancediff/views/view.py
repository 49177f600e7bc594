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
LEGEND = (
    "++ support, + lean-support, 0 neutral, - lean-oppose, -- oppose; "
    "* reported by others, ~ inferred from actions, ^ with conditions"
)


@dataclass(frozen=True)
class Cell:
    text: str
    style: str | None = None  # a position name, a relation, "reported", "muted", "strong"
    short: str | None = None  # a narrower form for terminal tables, e.g. "++*" for "support*"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    title: str | None = None
    matrix: bool = False  # a label column and many narrow ones: laid out to fit the terminal (render/grid.py)
    prose: tuple[int, ...] = ()  # columns of sentences: they wrap and share the spare width
    keys: tuple[str, ...] = ()  # a matrix's short header per column after the first, for when full ones do not fit
    flip: str | None = None  # a matrix that may be shown columns as rows: the label column's header then


@dataclass(frozen=True)
class Records:
    """Rows of plain values (text and numbers, nothing decorated) for csv, where a view's tables are not data."""

    columns: tuple[str, ...]
    rows: Iterable[tuple[str | int | float | None, ...]]  # may be a generator: read once


@dataclass(frozen=True)
class View:
    title: str
    data: dict[str, Any] | Callable[[], dict[str, Any]]  # the JSON document, or what makes it when asked
    facts: tuple[tuple[str, str], ...] = ()
    tables: tuple[Table, ...] = ()  # the first is the one csv writes
    notes: tuple[str, ...] = ()
    records: Records | None = None  # what csv writes, when set; else the first table

    def document(self) -> dict[str, Any]:
        """The JSON document; a large view builds it only when a format asks for it."""
        return self.data() if callable(self.data) else self.data


def marks(stance: Stance) -> str:
    """The legend marks of a stance: * reported, ~ inferred, ^ with conditions."""
    text = MARKS.get(stance.basis, "")
    return text + (MARKS["conditions"] if stance.conditions else "")


def position_cell(stance: Stance | None) -> Cell:
    if stance is None:
        return Cell("", "muted", short="·")
    return Cell(stance.position + marks(stance), stance.position, short=SYMBOLS[stance.position] + marks(stance))
