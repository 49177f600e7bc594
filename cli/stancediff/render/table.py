"""The terminal table: rich on a terminal, plain text when piped.

Data text is made visible first (control characters spelled out) and handed
to rich as `Text`, never as markup; what rich wrote is made inert for a CI log.
"""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from ..text import inert_commands, visible, visible_lines
from ..views.view import LEGEND, Table, View, position_cells
from .console import console_for
from .grid import render_grid
from .long import LONG, render_long
from .styles import STYLES

PROSE_MIN_WIDTH = 16  # narrower, a column of sentences is hard to read
PROSE_READABLE_WIDTH = 28  # below this for each prose column, a table is shown as records
NAME_MIN_WIDTH = 14  # a column of names wraps down to this before a table is shown as records
TABLE_EDGE = 2  # the table's outer padding, beyond each column's own


def render_table(view: View, stream: TextIO) -> None:
    """The view as a table; no line of it reads as a GitHub workflow command, however the text wraps."""
    console, styled = console_for(stream)
    output = _Output(console)
    _print_view(view, console, styled, output)
    stream.write(inert_commands(output.text()))


class _Output:
    """What rich prints on `console`, captured, with text laid out elsewhere placed between in order."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.parts: list[str] = []
        self._capture = console.capture()
        self._capture.__enter__()

    def _collect(self) -> None:
        self._capture.__exit__(None, None, None)
        self.parts.append(self._capture.get())

    def raw(self, text: str) -> None:
        self._collect()
        self.parts.append(text)
        self._capture = self.console.capture()
        self._capture.__enter__()

    def text(self) -> str:
        self._collect()
        return "".join(self.parts)


def _print_view(view: View, console: Console, styled: bool, output: _Output) -> None:
    console.print(Text(visible(view.title), style="bold"))
    for label, value in view.facts:
        console.print(Text.assemble((f"{label}: ", "dim"), visible(value)))
    for table in view.tables:
        if not table.rows:
            continue
        if table.matrix:
            render_grid(table, console, styled)
        elif len(table.rows) > LONG:
            if (laid_out := render_long(table, console, styled)) is not None:
                output.raw(laid_out)
        elif _fits(table, console.width):
            console.print(_rich_table(table, list(range(len(table.columns)))))
        else:
            _print_records(table, console)
    if view.legend and position_cells(view):
        console.print(Text(LEGEND, style="dim"))
    for note in view.notes:
        console.print(Text(visible(note), style="dim"))


def _needed(table: Table, index: int) -> int:
    """The width a column takes: its longest line, plus padding and rule."""
    texts = [visible(table.columns[index])] + [row[index].shown for row in table.rows]
    return max(len(line) for text in texts for line in visible_lines(text)) + 3


def _fits(table: Table, width: int) -> bool:
    """Whether `table` fits `width` with its prose columns at a readable width."""
    fixed = sum(_needed(table, i) for i in range(len(table.columns)) if i not in table.prose and i not in table.names)
    names = sum(min(_needed(table, i), NAME_MIN_WIDTH + 3) for i in table.names)
    return TABLE_EDGE + fixed + names + len(table.prose) * (PROSE_READABLE_WIDTH + 3) <= width


def _print_records(table: Table, console: Console) -> None:
    """A table too wide for the terminal, one record at a time: 'column  value' lines."""
    if table.title:
        console.print(Text(visible(table.title), style="bold"))
    for row in table.rows:
        console.print(Text("\n".join(visible_lines(row[0].text)), style="bold underline"))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for index in range(1, len(table.columns)):
            cell = row[index]
            if cell.text:
                value = Text("\n".join(visible_lines(cell.text)), style=STYLES.get(cell.style or "", ""))
                grid.add_row(Text(visible(table.columns[index])), value)
        console.print(grid)
        console.print()


def _rich_table(table: Table, columns: list[int]) -> RichTable:
    rich = RichTable(box=box.SIMPLE_HEAD, title=visible(table.title) if table.title else None, title_justify="left")
    for index in columns:
        header = Text(visible(table.columns[index]), style="bold")
        if index in table.prose:
            rich.add_column(header, ratio=1, min_width=PROSE_MIN_WIDTH, overflow="fold")
        elif index in table.names:  # as wide as its longest name allows, wrapping only what must
            rich.add_column(header, min_width=min(_needed(table, index) - 3, NAME_MIN_WIDTH), overflow="fold")
        else:
            rich.add_column(header, no_wrap=True)
    for row in table.rows:
        rich.add_row(
            *(Text("\n".join(visible_lines(row[i].shown)), style=STYLES.get(row[i].style or "", "")) for i in columns)
        )
    return rich
