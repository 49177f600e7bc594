"""CSV: a table as a header row and a row per record, UTF-8, lists and absent values as the tables hold them."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from ..render.csv import inert
from .tables import Table


def cell(value: Any) -> Any:
    """A value as a CSV cell: absent is empty, a truth is yes or no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def write_table(table: Table, stream: TextIO, for_spreadsheet: bool) -> None:
    """The table as CSV; `for_spreadsheet` guards text cells against formulas (a data package keeps them exact)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(table.names)
    if for_spreadsheet:
        writer.writerows([inert(v) if isinstance(v, str) else cell(v) for v in row] for row in table.rows)
    else:
        writer.writerows([cell(v) for v in row] for row in table.rows)
