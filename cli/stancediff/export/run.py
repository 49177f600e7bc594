"""Export a dataset: check it, then write it in one of the `EXPORTS` formats, whole or not at all.

report = export(root, "sqlite", "positions.db", as_of=None, force=False, stdout=sys.stdout)
report.counts.errors  # when not 0, nothing was written: the problems are in `report`
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..analysis.select import filter_stances
from ..checks.base import Context
from ..checks.validate import check_reading
from ..errors import StancediffError
from ..format.dataset import read_dataset
from ..format.model import Dataset, PartialDate
from ..problems import Report
from ..text import JSON_ESCAPE, PLAIN_ESCAPE, inert_commands
from .atomic import check_target, write_file, write_folder
from .csv import write_table
from .datapackage import write_datapackage
from .json import write_json
from .sqlite import write_sqlite
from .tables import dataset_tables
from .tidy import tidy_stances, with_evidence

STDOUT = "-"

StreamWriter = Callable[[Dataset, PartialDate | None, TextIO], None]
PathWriter = Callable[[Dataset, PartialDate | None, Path], None]


@dataclass(frozen=True)
class Export:
    help: str  # what it is, as the option's help says
    path: PathWriter  # writes a new file (or, with `folder`, into a new empty folder)
    stream: StreamWriter | None = None  # writes to a text stream, for `-o -`
    folder: bool = False
    escape: str = PLAIN_ESCAPE  # how `inert_commands` spells a character in what `stream` writes


def _csv(dataset: Dataset, as_of: PartialDate | None, stream: TextIO) -> None:
    write_table(with_evidence(tidy_stances(dataset), dataset), stream, for_spreadsheet=True)


def _to_file(write: StreamWriter) -> PathWriter:
    def to_file(dataset: Dataset, as_of: PartialDate | None, path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            write(dataset, as_of, stream)

    return to_file


EXPORTS: dict[str, Export] = {
    "sqlite": Export(
        "a SQLite database, with keys and a current_stances view", lambda d, a, p: write_sqlite(dataset_tables(d), p)
    ),
    "csv": Export("one row per stance with its quotes, for a spreadsheet (and `import`)", _to_file(_csv), _csv),
    "datapackage": Export("a folder of CSVs and a Frictionless datapackage.json", write_datapackage, folder=True),
    "json": Export("the whole dataset, normalised, for programs", _to_file(write_json), write_json, escape=JSON_ESCAPE),
}


def export(
    root: Path,
    name: str,
    output: str,
    as_of: PartialDate | None,
    force: bool,
    stdout: TextIO,
    sources_dir: Path | None = None,
) -> Report:
    """Check the dataset in `root` and, when it has no errors, write it to `output` (`-`: `stdout`).

    The report is that of `validate` (with the quote check when given
    `sources_dir`); the stances are those dated up to `as_of` (by their first
    day), if given.
    """
    chosen = EXPORTS[name]
    if output == STDOUT:
        if chosen.stream is None:
            raise StancediffError(f"--format {name} writes a {'folder' if chosen.folder else 'file'}; give -o PATH")
    else:
        check_target(Path(output), chosen.folder, force)  # before the work, and again before writing
    reading = read_dataset(root)
    report = check_reading(reading, Context(today=datetime.date.today(), sources_dir=sources_dir))
    if report.counts.errors:
        return report
    dataset = filter_stances(reading.dataset, until=as_of)
    if output == STDOUT:  # maybe a CI log: no line a workflow command (JSON's escapes keep the same document)
        assert chosen.stream is not None
        written = io.StringIO()
        chosen.stream(dataset, as_of, written)
        stdout.write(inert_commands(written.getvalue(), escape=chosen.escape))
    else:
        write = write_folder if chosen.folder else write_file
        write(Path(output), lambda path: chosen.path(dataset, as_of, path), force)
    return report
