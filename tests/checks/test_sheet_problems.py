"""The problems of `stancediff import` (curation/sheet_problems.py): each code, from a real sheet and dataset."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import FIXTURE, SOURCES, Example, assert_example
from stancediff.curation.importing import import_stances
from stancediff.errors import Refused
from stancediff.problems import Counts, Report

HEADER = "actor,topic,position,date,basis,summary,source_1,quote_1"
ROW = "mayor,weekend-charge,oppose,2021-04,stated,S.,tram-review-2021,fewer cars and faster buses"
NO_FILE = "  - id: no-file\n    title: T\n    date: 2021\n    url: https://example.org/t\n"


def imported(header: str, row: str, sources: str = "") -> Example:
    """What importing a sheet of `header` and one `row` into the fixture reports, at (row, column)."""

    def run(tmp_path: Path) -> Report:
        files = {**FIXTURE, "sources.yaml": FIXTURE["sources.yaml"] + sources}
        for name, text in files.items():
            (tmp_path / "positions" / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "positions" / name).write_text(text, encoding="utf-8")
        sheet = tmp_path / "in.csv"
        sheet.write_text(f"{header}\n{row}\n", encoding="utf-8")
        try:
            import_stances(tmp_path / "positions", sheet, sources_dir=SOURCES)
        except Refused as refused:
            return Report(refused.problems, Counts(0, 0, 0, 0, 0, 0, len(refused.problems), 0))
        return Report((), Counts(0, 0, 0, 0, 0, 0, 0, 0))

    return run  # type: ignore[return-value]


EXAMPLES = {
    "import-unknown-column": Example(1, 9, imported(HEADER + ",colour", ROW + ",red")),
    "import-missing-column": Example(1, 1, imported(HEADER.replace(",basis", ""), ROW.replace(",stated", ""))),
    "import-unknown-actor": Example(2, 1, imported(HEADER, ROW.replace("mayor", "mayr"))),
    "import-unarchived-source": Example(2, 7, imported(HEADER, ROW.replace("tram-review-2021", "no-file"), NO_FILE)),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)
