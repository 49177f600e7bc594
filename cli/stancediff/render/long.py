"""A long table in the terminal: thousands of rows, laid out here rather than by rich.

rich measures and wraps every cell of a table through its renderables, which
is right for a screenful and takes most of a minute for the 50,000 rows of a
timeline of 2,000 actors. A table of more than `LONG` rows is laid out here in
one pass, in the same shape: each column as wide as its widest line, the
columns of sentences (`Table.prose`) sharing the width that is left and
wrapped at spaces, a header and a rule. Data text is made visible first and
styled as `Text`, never read as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..text import visible_lines
from ..views.view import Cell, Table
from .styles import STYLES

LONG = 500  # more rows than this, and a table is laid out here
GAP = "  "
MARGIN = "  "
PROSE_MIN_WIDTH = 16


def _lines(cell: Cell) -> list[str]:
    return visible_lines(cell.shown)


def wrap(line: str, size: int) -> list[str]:
    """`line` cut at spaces into lines of at most `size` (a longer word cut where it must); faster than textwrap."""
    if len(line) <= size:
        return [line]
    lines: list[str] = []
    current = ""
    for word in line.split():
        while len(word) > size:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:size])
            word = word[size:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= size:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def widths(table: Table, cells: list[list[list[str]]], width: int) -> list[int]:
    """Each column's width: its widest line, the prose columns sharing what is left (at least PROSE_MIN_WIDTH)."""
    natural = [max(len(line) for line in visible_lines(name)) for name in table.columns]
    for row in cells:
        for i, lines in enumerate(row):
            natural[i] = max(natural[i], *(len(line) for line in lines))
    fixed = sum(w for i, w in enumerate(natural) if i not in table.prose)
    room = width - len(MARGIN) - fixed - len(GAP) * (len(natural) - 1)
    share = max(PROSE_MIN_WIDTH, room // len(table.prose)) if table.prose else 0
    return [min(w, share) if i in table.prose else w for i, w in enumerate(natural)]


def render_long(table: Table, console: Console, styled: bool) -> str | None:
    """Draw `table`; unstyled, return it as text instead, for the caller to place (rich adds nothing to it)."""
    texts = [[_lines(cell) for cell in row] for row in table.rows]
    sizes = widths(table, texts, console.width)
    last = len(sizes) - 1
    text = Text()
    plain: list[str] = []  # unstyled, the lines are joined as strings: no span is made at all

    def line(pieces: list[tuple[str, str]]) -> None:
        while pieces and not pieces[-1][0].strip():
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
        if styled:
            text.append(MARGIN)
            for piece, style in pieces:
                text.append(piece, style=style)
            text.append("\n")
        else:
            plain.append(MARGIN + "".join(piece for piece, _ in pieces) + "\n")

    if table.title:
        line([(visible_lines(table.title)[0], "bold")])
    names = zip(table.columns, sizes, strict=True)
    line(
        [
            (visible_lines(name)[0].ljust(size) + (GAP if i < last else ""), "bold")
            for i, (name, size) in enumerate(names)
        ]
    )
    line([("─" * (sum(sizes) + len(GAP) * last), "dim")])
    for row, row_texts in zip(table.rows, texts, strict=True):
        cells = []
        for i, (cell, lines, size) in enumerate(zip(row, row_texts, sizes, strict=True)):
            if i in table.prose:
                lines = [part for text_line in lines for part in wrap(text_line, size)]
            cells.append((lines, STYLES.get(cell.style or "", "") if styled else ""))
        for n in range(max(len(lines) for lines, _ in cells)):
            line(
                [
                    ((lines[n] if n < len(lines) else "").ljust(size) + (GAP if i < last else ""), style)
                    for i, ((lines, style), size) in enumerate(zip(cells, sizes, strict=True))
                ]
            )
    if not styled:
        return "".join(plain) + "\n"  # a blank line after, as console.print leaves after the styled text
    console.print(text, no_wrap=True, crop=False, soft_wrap=True)
    return None
