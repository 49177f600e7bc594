"""A Parquet lake: the tables of the SQLite export as typed Parquet files, for DuckDB, Spark, pandas and polars.

One folder per table (`stances/`, `actors/`, ...), the stances partitioned
Hive-style by topic (`stances/topic=huawei-in-5g/part-0.parquet`), every
file compressed with zstd. Columns are typed: text as strings, numbers as
64-bit integers, yes/no as booleans, and a date as a `date` (its first day,
as every comparison takes it) followed by `<name>_precision` (`year`,
`month` or `day`), so nothing of `2019-05` is lost. Each file's key-value
metadata holds `stancediff` = {"format": "stancediff-parquet", "version": 1,
"table": ..., "as_of": ...}.

Rows are converted and written `BATCH_ROWS` at a time, so Arrow never holds
a whole table. pyarrow is an optional extra (`pip install
'stancediff[parquet]'`), imported only here: it is the reference writer of
the format, and what DuckDB and Spark read is what it writes.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StancediffError
from ..format.model import Dataset, PartialDate
from .marker import read_marker
from .tables import Column, Table, dataset_tables

if TYPE_CHECKING:
    import pyarrow as pa

FORMAT = "stancediff-parquet"
VERSION = 1
BATCH_ROWS = 65_536
PARTITIONS = {"stances": "topic"}  # table -> the column its folders are named by
MISSING = "--format parquet needs pyarrow: pip install 'stancediff[parquet]'"


def require_pyarrow() -> None:
    """Raise, with how to install it, when pyarrow cannot be imported; before any work is done."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise StancediffError(MISSING) from None


def _arrow_columns(columns: Sequence[Column]) -> list[tuple[str, Any]]:
    """The Arrow (name, type) of each column; a date becomes two."""
    import pyarrow as pa

    types = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_()}
    fields: list[tuple[str, Any]] = []
    for column in columns:
        if column.partial_date:
            fields += [(column.name, pa.date32()), (f"{column.name}_precision", pa.string())]
        else:
            fields.append((column.name, types[column.type]))
    return fields


def schema(table: Table, as_of: PartialDate | None) -> pa.Schema:
    import pyarrow as pa

    described = {"format": FORMAT, "version": VERSION, "table": table.name, "as_of": as_of and str(as_of)}
    fields = [pa.field(name, kind, nullable=True) for name, kind in _arrow_columns(table.columns)]
    return pa.schema(fields, metadata={"stancediff": json.dumps(described)})


PRECISION = {1: "year", 2: "month", 3: "day"}


def _date(text: str | None) -> tuple[datetime.date | None, str | None]:
    if text is None:
        return None, None
    parsed = PartialDate.parse(text)
    assert parsed is not None
    return parsed.first_day, PRECISION[text.count("-") + 1]


def batches(table: Table, target: pa.Schema, rows: Sequence[tuple[Any, ...]] | None = None) -> Iterator[pa.RecordBatch]:
    """The table's rows (or `rows` of it) as record batches of `BATCH_ROWS`, converted a batch at a time.

    `target` may leave out columns of the table (a partition's): only its columns are converted.
    """
    import pyarrow as pa

    rows = table.rows if rows is None else rows
    kept = set(target.names)
    for first in range(0, len(rows), BATCH_ROWS):
        chunk = rows[first : first + BATCH_ROWS]
        arrays: list[list[Any]] = []
        for index, column in enumerate(table.columns):
            if column.name not in kept:
                continue
            values = [row[index] for row in chunk]
            if column.partial_date:
                pairs = [_date(value) for value in values]
                arrays += [[day for day, _ in pairs], [precision for _, precision in pairs]]
            else:
                arrays.append(values)
        yield pa.RecordBatch.from_arrays(
            [pa.array(values, type=field.type) for values, field in zip(arrays, target, strict=True)], schema=target
        )


MARKER = "_stancediff.json"  # what the folder is (Spark and DuckDB's globs pass over it), so --force may replace it


MAX_MARKER_BYTES = 4096


def not_ours(folder: Path) -> str | None:
    """Why `folder` is not a Parquet lake as stancediff writes one, or None if it is.

    It is one when its `MARKER` is stancediff's and it holds nothing else but
    folders of `part-N.parquet` files (and, for a partitioned table, folders
    of those): so a folder that also holds notes, a `.git` or a link is never
    replaced.
    """
    described = read_marker(folder / MARKER, MAX_MARKER_BYTES)
    if isinstance(described, str):
        return described
    if not isinstance(described, dict) or described.get("format") != FORMAT:
        return f"its {MARKER} was not written by stancediff"
    for entry in os.scandir(folder):
        if entry.name != MARKER and not (entry.is_dir(follow_symlinks=False) and _only_parts(Path(entry.path), 1)):
            return f"it holds {entry.name}, which stancediff did not write"
    return None


def _only_parts(folder: Path, depth: int) -> bool:
    """Whether `folder` holds only `part-N.parquet` files and, `depth` levels down, `NAME=VALUE` folders of them."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            if depth == 0 or "=" not in entry.name or not _only_parts(Path(entry.path), depth - 1):
                return False
        elif not (entry.is_file(follow_symlinks=False) and re.fullmatch(r"part-\d+\.parquet", entry.name)):
            return False
    return True


def write_parquet(dataset: Dataset, as_of: PartialDate | None, folder: Path) -> None:
    """Write every table into `folder` (new and empty), a folder per table, and `MARKER`."""
    write_parquet_parts(iter([dataset]), as_of, folder)


def write_parquet_parts(parts: Iterator[Dataset], as_of: PartialDate | None, folder: Path) -> None:
    """Write the dataset given as `parts` (each with the topics and sources, and some of the actors, in file
    order) into `folder`, a part at a time: the tables of each part are made, their numbered ids moved past
    those of the parts before, written, and dropped."""
    described = {"format": FORMAT, "version": VERSION, "as_of": as_of and str(as_of)}
    (folder / MARKER).write_text(json.dumps(described) + "\n", encoding="utf-8")
    writers: dict[tuple[str, str], Any] = {}  # (table, partition value or "") -> its open writer
    offsets: dict[str, int] = {}  # numbered table -> rows written so far
    try:
        for number, part in enumerate(parts):
            _write_part(part, number, as_of, folder, writers, offsets)
            del part  # so that only one part is held while the next is read
    finally:
        for writer in writers.values():
            writer.close()


def _write_part(
    part: Dataset,
    number: int,
    as_of: PartialDate | None,
    folder: Path,
    writers: dict[tuple[str, str], Any],
    offsets: dict[str, int],
) -> None:
    """Write the tables of one part (the shared ones with the first part only), then move `offsets` on."""
    import pyarrow.parquet as pq

    tables = dataset_tables(part)
    shared = set(_before_actors(tables))  # the tables of topics.yaml and sources.yaml, the same in every part
    before = dict(offsets)  # of the parts before this one
    for table in tables:
        if number > 0 and table.name in shared:
            continue
        moved = _moved(table, before)
        target = schema(table, as_of)
        partition = PARTITIONS.get(table.name)
        groups = _grouped(moved, partition)
        for value, rows in groups.items():
            kept = target if partition is None else target.remove(target.get_field_index(partition))
            key = (table.name, value)
            if key not in writers:
                place = folder / table.name / (f"{partition}={value}" if partition else "")
                place.mkdir(parents=True, exist_ok=True)
                writers[key] = pq.ParquetWriter(place / "part-0.parquet", kept, compression="zstd")
            for batch in batches(moved, kept, rows):
                writers[key].write_batch(batch)
        if not groups and number == 0:  # an empty table still has its folder (and, unpartitioned, a file)
            (folder / table.name).mkdir()
            if partition is None:
                path = folder / table.name / "part-0.parquet"
                writers[(table.name, "")] = pq.ParquetWriter(path, target, compression="zstd")
        if _numbered(table):
            offsets[table.name] = offsets.get(table.name, 0) + len(table.rows)


def _before_actors(tables: list[Table]) -> list[str]:
    """The tables made from topics.yaml and sources.yaml: those `dataset_tables` lists before `actors`."""
    names = [table.name for table in tables]
    return names[: names.index("actors")]


def _numbered(table: Table) -> bool:
    """Whether the table's `id` is a number in file order (such as the evidence's), not the record's own id."""
    return table.columns[0].name == "id" and table.columns[0].type == "integer"


def _moved(table: Table, offsets: dict[str, int]) -> Table:
    """The table with its numbered ids, and the references to numbered rows, moved past the parts before."""
    shifts = [
        offsets.get(table.name, 0) if index == 0 and _numbered(table) else offsets.get(column.references or "", 0)
        for index, column in enumerate(table.columns)
    ]
    if not any(shifts):
        return table
    rows = [
        tuple(v + shift if shift and v is not None else v for v, shift in zip(row, shifts, strict=True))
        for row in table.rows
    ]
    return Table(table.name, table.description, table.columns, table.key, rows)


def _grouped(table: Table, partition: str | None) -> dict[str, list[tuple[Any, ...]]]:
    """The rows by the value of the partition column, in the order met; all under "" without one."""
    if partition is None:
        return {"": table.rows} if table.rows else {}
    index = table.names.index(partition)
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for row in table.rows:
        groups.setdefault(row[index], []).append(row)
    return groups
