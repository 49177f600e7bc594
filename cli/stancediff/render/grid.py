"""A matrix in the terminal: one grid that fits, in whichever layout fits.

A matrix `Table` (compare's positions, agreement's scores) has a label column
and many narrow columns. The layouts tried, in order, are: as built with its
full headers; flipped (columns as rows), when the table allows it; with each
column's short key for a header (the view's notes say what each key stands
for); each first with whole row labels, then with labels longer than
`LABEL_WIDTH` wrapped. The first that fits the width is drawn; when none does, the one needing
the fewest side-by-side parts is split into parts, each led by the label
column, as even as the widths allow.

The grid is laid out here rather than by rich's Table: cells are short and
one line, so a fixed layout is exact, and it draws a matrix of 2,000 rows in
a fraction of the time. Data text is made visible first and styled as `Text`,
never read as markup.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

from rich.console import Console
from rich.text import Text

from ..text import visible
from ..views.view import Cell, Table
from .styles import STYLES

HEADER_WIDTH = 9  # a full column header wraps at this width, at spaces and hyphens
LABEL_WIDTH = 24  # a row label wraps at this width, or at the room the terminal leaves if that is more
CONTINUATION = "  "  # a wrapped label's further lines are indented, so they cannot read as another row
MARGIN = 2  # spaces before the grid, as rich's tables have
RULE = "─"


@dataclass(frozen=True)
class Layout:
    table: Table
    headers: tuple[tuple[str, ...], ...]  # per column, its header's lines
    cells: tuple[int, ...]  # per column, its widest cell (worked out once per table, shared by its layouts)
    gap: int  # spaces between columns
    wrap_labels: int = 0  # the width row labels wrap at; 0: whole labels

    def width(self, index: int) -> int:
        widest = max(self.cells[index], *(len(line) for line in self.headers[index]))
        return min(widest, self.wrap_labels) if index == 0 and self.wrap_labels else widest


def _widest_cells(table: Table) -> tuple[int, ...]:
    return tuple(
        max((len(_cell_text(row[index])) for row in table.rows), default=0) for index in range(len(table.columns))
    )


def _cell_text(cell: Cell) -> str:
    """What the grid shows: the short form where a cell has one ("++*"), visible and on one line."""
    return visible(cell.shown).replace("\n", " ")


def flipped(table: Table) -> Table:
    """The table with columns as rows: its first column's header becomes `table.flip`."""
    assert table.flip is not None
    columns = (table.flip, *(row[0].text for row in table.rows))
    rows = tuple(
        (Cell(table.columns[j], "strong"), *(row[j] for row in table.rows)) for j in range(1, len(table.columns))
    )
    return Table(columns, rows, table.title, matrix=True)


def _full(table: Table, cells: tuple[int, ...]) -> Layout:
    headers = tuple(
        (visible(name),) if index == 0 else tuple(textwrap.wrap(visible(name), HEADER_WIDTH, break_long_words=False))
        for index, name in enumerate(table.columns)
    )
    return Layout(table, tuple(h or ("",) for h in headers), cells, gap=2)


def _keyed(table: Table, cells: tuple[int, ...]) -> Layout:
    headers = ((visible(table.columns[0]),), *((visible(key),) for key in table.keys))
    return Layout(table, headers, cells, gap=1)


def layouts(table: Table, width: int) -> list[Layout]:
    """The layouts to try, in order of preference; each with whole row labels, then with long ones wrapped.

    A label wraps at the room the other columns leave on one line, and never
    narrower than `LABEL_WIDTH`: the spare width is used before a label wraps.
    """
    cells = _widest_cells(table)
    found = [_full(table, cells)]
    if table.flip is not None:
        turned = flipped(table)
        found.append(_full(turned, _widest_cells(turned)))
    if table.keys:
        found.append(_keyed(table, cells))

    def wrapped(layout: Layout) -> Layout:
        others = sum(layout.width(i) + layout.gap for i in range(1, len(layout.table.columns)))
        return replace(layout, wrap_labels=max(LABEL_WIDTH, width - MARGIN - others))

    return [variant for layout in found for variant in (layout, wrapped(layout))]


def parts(layout: Layout, width: int) -> list[list[int]]:
    """Split the columns into as few parts as fit `width`, each led by column 0, as even as they allow."""
    rest = list(range(1, len(layout.table.columns)))
    if not rest:
        return [[0]]
    sizes = {index: layout.width(index) + layout.gap for index in rest}
    room = width - MARGIN - layout.width(0)

    def fits(part: list[int]) -> bool:
        return len(part) == 1 or sum(sizes[i] for i in part) <= room

    count = 1
    while True:
        per = -(-len(rest) // count)  # ceiling division
        split = [rest[i : i + per] for i in range(0, len(rest), per)]
        if all(fits(p) for p in split) or per == 1:
            return [[0, *p] for p in split]
        count += 1


def choose(table: Table, width: int) -> tuple[Layout, list[list[int]]]:
    """The first layout that fits in one part, else the one needing the fewest parts."""
    best: tuple[Layout, list[list[int]]] | None = None
    for layout in layouts(table, width):
        split = parts(layout, width)
        if len(split) == 1:
            return layout, split
        if best is None or len(split) < len(best[1]):
            best = (layout, split)
    assert best is not None
    return best


def render_grid(table: Table, console: Console, styled: bool) -> None:
    """Draw `table` on `console`; `styled` says whether its styles show (without, no spans are made)."""
    layout, split = choose(table, console.width)
    if table.title:
        console.print(Text(visible(table.title), style="bold"))
    for part in split:
        console.print(_draw(layout, part, styled), no_wrap=True, crop=False, soft_wrap=True)


def _draw(layout: Layout, part: list[int], styled: bool) -> Text:
    widths = [layout.width(i) for i in part]
    gap = " " * layout.gap
    text = Text()

    def line(pieces: list[tuple[str, str]]) -> None:
        """Append one line of (text, style) pieces, without trailing spaces."""
        while pieces and not pieces[-1][0].rstrip():
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
        for piece, style in pieces:
            text.append(piece, style=style if styled else None)
        text.append("\n")

    height = max(len(layout.headers[i]) for i in part)
    for row in range(height):
        pieces = [(" " * MARGIN, "")]
        for n, (index, size) in enumerate(zip(part, widths, strict=True)):
            lines = layout.headers[index]
            shown = lines[row - (height - len(lines))] if row >= height - len(lines) else ""
            pieces.append((shown.ljust(size) + (gap if n < len(part) - 1 else ""), "bold"))
        line(pieces)
    total = sum(widths) + layout.gap * (len(part) - 1)
    line([(" " * MARGIN + RULE * total, "dim")])
    for cells in layout.table.rows:
        labels = textwrap.wrap(
            _cell_text(cells[0]), widths[0], subsequent_indent=CONTINUATION, break_long_words=True
        ) or [""]
        for n, label in enumerate(labels):
            pieces = [(" " * MARGIN, ""), (label.ljust(widths[0]), STYLES.get(cells[0].style or "", ""))]
            if n == 0:  # the cells beside the label's first line
                for index, size in zip(part[1:], widths[1:], strict=True):
                    cell = cells[index]
                    pieces.append((gap, ""))
                    pieces.append((_cell_text(cell).ljust(size), STYLES.get(cell.style or "", "")))
            line(pieces)
    text.append("\n")
    return text
