"""Read the rows of a spreadsheet of stances: a CSV file, or the first sheet of an XLSX workbook.

    header, rows = read_sheet(Path("stances.csv"))
    rows[0].number            # 2: the spreadsheet's row number (the header is row 1)
    rows[0].cells["actor"]    # every cell as text, "" where empty

Cells are read as text, as `export --format csv` wrote them: the apostrophe
that export puts before a text a spreadsheet would run as a formula (`'=`,
`'-`) is taken off again. An XLSX workbook is read with openpyxl (the `xlsx`
extra), its values as a spreadsheet shows them: a date as YYYY-MM-DD, a whole
number without a decimal point.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import StancediffError

MAX_BYTES = 50 * 1024 * 1024  # of a file to import
MAX_ROWS = 100_000
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Row:
    number: int  # in the spreadsheet, counting the header as 1
    cells: dict[str, str]  # column name -> text, "" where empty


def read_sheet(path: Path) -> tuple[list[str], list[Row]]:
    """The header and the rows of `path` (.xlsx: a workbook; anything else: CSV in UTF-8)."""
    try:
        size = os.stat(path).st_size
    except OSError as error:
        raise StancediffError(f"cannot read {path}: {error.strerror or error}") from None
    if size > MAX_BYTES:
        raise StancediffError(f"{path} is {size:,} bytes; the limit for an import is {MAX_BYTES:,}")
    table = _xlsx(path) if path.suffix.lower() == ".xlsx" else _csv(path)
    if not table:
        raise StancediffError(f"{path} is empty: it needs a header row (as `export --format csv` writes it)")
    header = [cell.strip() for cell in table[0]]
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {name: _plain(values[i]) if i < len(values) else "" for i, name in enumerate(header) if name}
        if any(cells.values()):
            rows.append(Row(number, cells))
    return header, rows


def _plain(text: str) -> str:
    """A cell as it was before export guarded it against formulas."""
    return text[1:] if text[:1] == "'" and text[1:2] in _FORMULA and text[1:2] else text


def _csv(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StancediffError(f"{path} is not UTF-8 (byte {error.start}); save it as CSV UTF-8") from None
    except OSError as error:
        raise StancediffError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        table = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise StancediffError(f"{path} is not a CSV file that can be read: {error}") from None
    if len(table) > MAX_ROWS + 1:
        raise StancediffError(f"{path} has {len(table) - 1:,} rows; the limit for an import is {MAX_ROWS:,}")
    return table


def _xlsx(path: Path) -> list[list[str]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise StancediffError(
            "reading .xlsx needs openpyxl: pip install 'stancediff[xlsx]' (or export the sheet as CSV)"
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise StancediffError(f"{path} cannot be read as an XLSX workbook: {error}") from None
    try:
        sheet = book.worksheets[0]
        table: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            if len(table) > MAX_ROWS:
                raise StancediffError(f"{path} has more than {MAX_ROWS:,} rows; the limit for an import")
            table.append([_text(value) for value in values])
        return table
    finally:
        book.close()


def _text(value: object) -> str:
    """A workbook's value as the text a spreadsheet shows for it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
