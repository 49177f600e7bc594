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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StancediffError
from ..format.model import Dataset, PartialDate
from .tables import Column, Table, dataset_tables

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped]

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
    import pyarrow as pa  # type: ignore[import-untyped]

    types = {"string": pa.string(), "integer": pa.int64(), "boolean": pa.bool_()}
    fields: list[tuple[str, Any]] = []
    for column in columns:
        if column.partial_date:
            fields += [(column.name, pa.date32()), (f"{column.name}_precision", pa.string())]
        else:
            fields.append((column.name, types[column.type]))
    return fields


def schema(table: Table, as_of: PartialDate | None) -> pa.Schema:
    import pyarrow as pa  # type: ignore[import-untyped]

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


def batches(table: Table, target: pa.Schema) -> Iterator[pa.RecordBatch]:
    """The table's rows as record batches of `BATCH_ROWS`, converted a batch at a time."""
    import pyarrow as pa  # type: ignore[import-untyped]

    dates = [column.partial_date for column in table.columns]
    for first in range(0, len(table.rows), BATCH_ROWS):
        chunk = table.rows[first : first + BATCH_ROWS]
        arrays: list[list[Any]] = []
        for index, is_date in enumerate(dates):
            values = [row[index] for row in chunk]
            if is_date:
                pairs = [_date(value) for value in values]
                arrays += [[day for day, _ in pairs], [precision for _, precision in pairs]]
            else:
                arrays.append(values)
        yield pa.RecordBatch.from_arrays(
            [pa.array(values, type=field.type) for values, field in zip(arrays, target, strict=True)], schema=target
        )


MARKER = "_stancediff.json"  # what the folder is (Spark and DuckDB's globs pass over it), so --force may replace it


def write_parquet(dataset: Dataset, as_of: PartialDate | None, folder: Path) -> None:
    """Write every table into `folder` (new and empty), a folder per table, and `MARKER`."""
    import pyarrow.dataset as ds  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    described = {"format": FORMAT, "version": VERSION, "as_of": as_of and str(as_of)}
    (folder / MARKER).write_text(json.dumps(described) + "\n", encoding="utf-8")
    for table in dataset_tables(dataset):
        target = schema(table, as_of)
        place = folder / table.name
        partition = PARTITIONS.get(table.name)
        if partition is None:
            place.mkdir()
            with pq.ParquetWriter(place / "part-0.parquet", target, compression="zstd") as writer:
                for batch in batches(table, target):
                    writer.write_batch(batch)
            continue
        ds.write_dataset(
            batches(table, target),
            place,
            schema=target,
            format="parquet",
            partitioning=ds.partitioning(target.empty_table().select([partition]).schema, flavor="hive"),
            file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
            basename_template="part-{i}.parquet",
            existing_data_behavior="error",
            max_partitions=max(1024, len(dataset.topics) + 1),
        )
