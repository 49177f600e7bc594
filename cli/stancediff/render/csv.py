"""CSV: the view as data for a spreadsheet (its `Records`, else its main table)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
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


class _Fields:
    """Each value as a field of a CSV line (made visible and inert, quoted as the csv module quotes it), made
    once however many rows repeat it: an actor's name in a million pairs, a score among a few hundred."""

    def __init__(self) -> None:
        self._line = io.StringIO()
        self._writer = csv.writer(self._line, lineterminator="\n")
        self._known: dict[type, _Known] = {}  # by type: 1, 1.0 and True are one key to a dict

    def field(self, value: Value) -> str:
        cell = _cell(value)
        if cell == "":
            return ""  # within a row; the csv module quotes it only alone on a line
        self._line.seek(0)
        self._line.truncate()
        self._writer.writerow([cell])
        return self._line.getvalue()[:-1]

    def column(self, values: tuple[Value, ...]) -> list[str]:
        """The fields of one column of a batch of rows."""
        kinds = set(map(type, values))
        if kinds == {int}:
            return list(map(str, values))
        if len(kinds) == 1:
            kind = next(iter(kinds))
            if kind not in self._known:
                self._known[kind] = _Known(self)
            return list(map(self._known[kind].__getitem__, values))
        return [self.field(value) for value in values]


class _Known(dict[Value, str]):
    """The fields made of values of one type."""

    def __init__(self, fields: _Fields) -> None:
        super().__init__()
        self.fields = fields

    def __missing__(self, value: Value) -> str:
        field = self.fields.field(value)
        if len(self) < _MAX_FIELDS:
            self[value] = field
        return field


_MAX_FIELDS = 1 << 20  # values remembered, per type; past this, each is made anew


def render_csv(view: View, stream: TextIO) -> None:
    """One header row, then a row per record (or per line of the main table).

    Rows are written a batch at a time, column by column, each value made a
    field once (`_Fields`), so that a million rows take seconds; no line of a
    batch, printed in a CI log, starts with a workflow command (`::error`, see
    `inert_commands`).
    """
    if view.records is not None:
        columns = view.records.columns
        rows: Iterator[Sequence[Value]] = iter(view.records.rows)
    else:
        table = view.tables[0]
        columns = table.columns
        rows = (tuple(cell.text for cell in row) for row in table.rows)
    fields = _Fields()
    text = ",".join(fields.field(visible(c)) for c in columns) + "\n"
    done = False
    while not done:
        chunk = list(islice(rows, _ROWS_AT_ONCE))
        done = len(chunk) < _ROWS_AT_ONCE
        if chunk:
            lines: Iterable[str] = map(
                ",".join, zip(*(fields.column(column) for column in zip(*chunk, strict=True)), strict=True)
            )
            if len(columns) == 1:  # an empty field alone on a line is quoted, as the csv module does
                lines = (line or '""' for line in lines)
            text += "\n".join(lines) + "\n"
        stream.write(inert_commands(text))
        text = ""
