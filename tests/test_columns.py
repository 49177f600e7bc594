"""A view's table and its CSV come from one declaration of columns, so they show the same rows.

Run through the real CLI on the shipped dataset: for every view whose table
is a list (not a matrix), the CSV has a row for each table row, in the same
order, and each row's position is the same in both.
"""

from __future__ import annotations

import csv
import io

import pytest

from conftest import PROJECT, invoke
from stancediff.views.columns import Column, Columns
from stancediff.views.view import Cell

POSITIONS = PROJECT / "positions"
WORDS = ("lean-support", "lean-oppose", "support", "neutral", "oppose")

# each list view, and the table (markdown, so that rows are lines) whose rows its CSV must follow
LIST_VIEWS = {
    "show": ["show", "huawei"],
    "topic": ["topic", "huawei-in-5g"],
    "timeline": ["timeline"],
    "diff": ["diff", "us", "huawei"],
}


def _position(text: str) -> str | None:
    return next((word for word in WORDS if word in text), None)


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_the_csv_has_the_tables_rows_in_order(name: str) -> None:
    args = [*LIST_VIEWS[name], "--positions", str(POSITIONS)]
    rows = list(csv.DictReader(io.StringIO(invoke(*args, "--format", "csv").output)))
    lines = [
        line
        for line in invoke(*args, "--format", "markdown").output.splitlines()
        if line.startswith("|") and not line.startswith("| ---")
    ]
    headers = [cell.strip() for cell in lines[0].split("|")]
    shown = headers.index("United States government" if name == "diff" else "position")  # the first position column
    table = lines[1 : 1 + len(rows)]
    assert len(rows) > 1
    assert [_position(line.split("|")[shown]) for line in table] == [
        row["position_a" if name == "diff" else "position"] or None for row in rows
    ]


def test_a_column_needs_a_cell_for_its_header_and_values_for_its_csv_names() -> None:
    with pytest.raises(ValueError):
        Columns((Column[str]("actor", None),))
    with pytest.raises(ValueError):
        Columns((Column[str]("actor", lambda row: Cell(row), ("actor",)),))


def test_table_only_and_csv_only_columns_stay_apart() -> None:
    layout: Columns[int] = Columns(
        (
            Column("n", lambda n: Cell(str(n)), ("n", "n_squared"), lambda n: (n, n * n)),
            Column("bar", lambda n: Cell("#" * n)),
            Column(None, None, ("hidden",), lambda n: (-n,)),
        )
    )
    assert layout.table([2, 3]).columns == ("n", "bar")
    assert [[cell.text for cell in row] for row in layout.table([2, 3]).rows] == [["2", "##"], ["3", "###"]]
    records = layout.records([2, 3])
    assert records.columns == ("n", "n_squared", "hidden")
    assert list(records.rows) == [(2, 4, -2), (3, 9, -3)]
