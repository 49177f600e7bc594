"""CSV: the view's main table, for a spreadsheet."""

from __future__ import annotations

import csv
from typing import TextIO

from ..text import visible, visible_lines
from ..views.view import View


def inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(view: View, stream: TextIO) -> None:
    """The view's main table, one header row and a row per line of it."""
    table = view.tables[0]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([inert(visible(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([inert("\n".join(visible_lines(cell.text))) for cell in row])
