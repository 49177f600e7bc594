"""CSV: the view as data for a spreadsheet (its `Records`, else its main table)."""

from __future__ import annotations

import csv
from typing import TextIO

from ..text import inert_commands, visible, visible_lines
from ..views.view import Value, View


def inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's CSV injection advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(value: Value) -> str | int | float:
    """A number as it is (-2 must stay a number a spreadsheet sums), text made visible and inert."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    return inert("\n".join(visible_lines(value)))


class _Inert:
    """A stream whose every row, printed in a CI log, starts no line with a workflow command (`::error`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(inert_commands(text))


def render_csv(view: View, stream: TextIO) -> None:
    """One header row, then a row per record (or per line of the main table)."""
    writer = csv.writer(_Inert(stream), lineterminator="\n")
    if view.records is not None:
        writer.writerow([inert(visible(c)) for c in view.records.columns])
        writer.writerows([_cell(value) for value in row] for row in view.records.rows)
        return
    table = view.tables[0]
    writer.writerow([inert(visible(c)) for c in table.columns])
    for row in table.rows:
        writer.writerow([inert("\n".join(visible_lines(cell.text))) for cell in row])
