"""CSV: the view as data for a spreadsheet (its `Records`, else its main table)."""

from __future__ import annotations

import csv
import io
from itertools import islice
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


_ROWS_AT_ONCE = 8_192


def render_csv(view: View, stream: TextIO) -> None:
    """One header row, then a row per record (or per line of the main table).

    Rows are written a batch at a time, so that no line of a batch, printed in
    a CI log, starts with a workflow command (`::error`, see `inert_commands`);
    each text is made visible and inert once however many rows repeat it (an
    actor's name in a million pairs).
    """
    if view.records is not None:
        header = [inert(visible(c)) for c in view.records.columns]
        cells: dict[Value, str | int | float] = {}

        def cell(value: Value) -> str | int | float:
            if type(value) is float or type(value) is int:
                return value
            found = cells.get(value)
            if found is None:
                found = cells[value] = _cell(value)
            return found

        rows = ([cell(value) for value in row] for row in view.records.rows)
    else:
        table = view.tables[0]
        header = [inert(visible(c)) for c in table.columns]
        rows = ([inert("\n".join(visible_lines(c.text))) for c in row] for row in table.rows)
    batch = io.StringIO()
    writer = csv.writer(batch, lineterminator="\n")
    writer.writerow(header)
    done = False
    while not done:
        chunk = list(islice(rows, _ROWS_AT_ONCE))
        writer.writerows(chunk)
        done = len(chunk) < _ROWS_AT_ONCE
        stream.write(inert_commands(batch.getvalue()))
        batch.seek(0)
        batch.truncate()
