"""CSV: the view's main table, for a spreadsheet."""

from __future__ import annotations

import csv
from typing import TextIO

from ..text import visible, visible_lines
from ..views.view import View


def _inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(view: View, stream: TextIO) -> None:
    """The view's records where it has them, else its main table: one header row and a row per line."""
    writer = csv.writer(stream, lineterminator="\n")
    if view.records is not None:
        writer.writerow(view.records.columns)
        writer.writerows(
            tuple(_inert(visible(value)) if isinstance(value, str) else value for value in row)
            for row in view.records.rows
        )
        return
    table = view.tables[0]
    writer.writerow([_inert(visible(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([_inert("\n".join(visible_lines(cell.text))) for cell in row])
