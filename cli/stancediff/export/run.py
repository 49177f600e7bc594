"""Export a dataset: check it, then write it in one of the `EXPORTS` formats, whole or not at all.

report = export(root, "sqlite", "positions.db", as_of=None, force=False, stdout=sys.stdout)
report.counts.errors  # when not 0, nothing was written: the problems are in `report`
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..analysis.select import filter_stances
from ..checks.base import Context
from ..checks.validate import check_reading
from ..errors import StancediffError
from ..format.archive import archive_dir
from ..format.dataset import read_dataset
from ..format.model import Dataset, PartialDate
from ..problems import Counts, Report
from ..text import JSON_ESCAPE, PLAIN_ESCAPE, inert_commands
from .annotation import write_annotations
from .atomic import check_target, write_file, write_folder
from .csv import write_table
from .datapackage import write_datapackage
from .datasette import write_metadata
from .json import write_json
from .parquet import require_pyarrow, write_parquet, write_parquet_parts
from .parts import Invalid, Tally, checked_parts
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
    archive: bool = False  # its writers take the archive's folder (None if there is none) as a last argument
    needs: Callable[[], None] | None = None  # raises, saying what to install, when a library it needs is missing
    # writes a folder from the dataset given a part at a time (`parts.checked_parts`), so memory holds one part
    parts: Callable[[Iterator[Dataset], PartialDate | None, Path], None] | None = None


def _csv(dataset: Dataset, as_of: PartialDate | None, stream: TextIO) -> None:
    write_table(with_evidence(tidy_stances(dataset), dataset), stream, for_spreadsheet=True)


def _to_file(write: StreamWriter) -> PathWriter:
    def to_file(dataset: Dataset, as_of: PartialDate | None, path: Path, **extra: Any) -> None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            write(dataset, as_of, stream, **extra)

    return to_file


EXPORTS: dict[str, Export] = {
    "sqlite": Export(
        "a SQLite database, with keys and a current_stances view", lambda d, a, p: write_sqlite(dataset_tables(d), p)
    ),
    "csv": Export("one row per stance with its quotes, for a spreadsheet (and `import`)", _to_file(_csv), _csv),
    "datapackage": Export("a folder of CSVs and a Frictionless datapackage.json", write_datapackage, folder=True),
    "json": Export("the whole dataset, normalised, for programs", _to_file(write_json), write_json, escape=JSON_ESCAPE),
    "parquet": Export(
        "a folder of zstd Parquet files, the stances partitioned by topic, for DuckDB and Spark",
        write_parquet,
        folder=True,
        needs=require_pyarrow,
        parts=write_parquet_parts,
    ),
    "web-annotation": Export(
        "every quote as a W3C Web Annotation anchored in its archived text (JSON-LD)",
        _to_file(write_annotations),
        write_annotations,
        escape=JSON_ESCAPE,
        archive=True,
    ),
}


def export(
    root: Path,
    name: str,
    output: str,
    as_of: PartialDate | None,
    force: bool,
    stdout: TextIO,
    sources_dir: Path | None = None,
    metadata: Path | None = None,
) -> Report:
    """Check the dataset in `root` and, when it has no errors, write it to `output` (`-`: `stdout`).

    The report is that of `validate` (with the quote check when given
    `sources_dir`); the stances are those dated up to `as_of` (by their first
    day), if given. With `metadata` (sqlite only), datasette's metadata is
    written there too, after the database.
    """
    chosen = EXPORTS[name]
    if metadata is not None:
        if name != "sqlite" or output == STDOUT:
            raise StancediffError("--metadata describes a SQLite database: use it with --format sqlite -o FILE")
        check_target(metadata, False, force)
    if chosen.needs is not None:
        chosen.needs()
    if output == STDOUT:
        if chosen.stream is None:
            raise StancediffError(f"--format {name} writes a {'folder' if chosen.folder else 'file'}; give -o PATH")
    else:
        check_target(Path(output), chosen.folder, force)  # before the work, and again before writing
    if chosen.parts is not None and output != STDOUT:
        streamed = _export_in_parts(root, chosen.parts, Path(output), as_of, force, sources_dir)
        if streamed is not None:
            return streamed
    reading = read_dataset(root)
    report = check_reading(reading, Context(today=datetime.date.today(), sources_dir=sources_dir))
    if report.counts.errors:
        return report
    dataset = filter_stances(reading.dataset, until=as_of)
    stream: Callable[..., None] | None = chosen.stream
    path: Callable[..., None] = chosen.path
    if chosen.archive:
        folder = archive_dir(dataset, sources_dir)
        stream, path = partial(stream, archive=folder) if stream else None, partial(path, archive=folder)
    if output == STDOUT:  # maybe a CI log: no line a workflow command (JSON's escapes keep the same document)
        assert stream is not None
        written = io.StringIO()
        stream(dataset, as_of, written)
        stdout.write(inert_commands(written.getvalue(), escape=chosen.escape))
    else:
        write = write_folder if chosen.folder else write_file
        write(Path(output), lambda target: path(dataset, as_of, target), force)
        if metadata is not None:
            write_file(metadata, lambda target: write_metadata(dataset, as_of, Path(output), target), force)
    return report


def _export_in_parts(
    root: Path,
    write: Callable[[Iterator[Dataset], PartialDate | None, Path], None],
    output: Path,
    as_of: PartialDate | None,
    force: bool,
    sources_dir: Path | None,
) -> Report | None:
    """Check and write the dataset a part at a time; None when it has errors (nothing was written).

    The caller then reads it whole, for `validate`'s exact report of the errors. The report of a
    dataset written counts what was written; its warnings are `validate`'s to list.
    """
    context = Context(today=datetime.date.today(), sources_dir=sources_dir)
    tally = Tally()
    try:
        write_folder(output, lambda target: write(checked_parts(root, context, as_of, tally), as_of, target), force)
    except Invalid:
        return None
    checked, unchecked = context.stats["quotes_checked"], context.stats["quotes_unchecked"]
    counts = Counts(tally.files, tally.actors, tally.stances, tally.quotes, checked, unchecked, 0, 0)
    return Report((), counts)
