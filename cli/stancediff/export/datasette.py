"""datasette's metadata for the SQLite export: what the dataset is, and every table and column described.

    datasette huawei.db -m metadata.json

The descriptions are the tables' own (`export.tables`, and so the format's
definition in `spec`), so datasette shows beside each table and column what
docs/exports.md says of it. The metadata is keyed by the database's name,
which datasette takes from the file's name without `.db`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..format.model import Dataset, PartialDate
from .tables import dataset_tables

CURRENT = "The latest stance of each actor on each topic (the view `current_stances`): what `compare` shows."


def metadata(dataset: Dataset, as_of: PartialDate | None, database: str) -> dict[str, Any]:
    stood = "" if as_of is None else f", as it stood on {as_of} (stances dated up to then)"
    tables = {
        table.name: {"description": table.description, "columns": {c.name: c.description for c in table.columns}}
        for table in dataset_tables(dataset)
    }
    tables["current_stances"] = {"description": CURRENT, "columns": tables["stances"]["columns"]}
    return {
        "title": "Who stands where",
        "description": (
            f"Who stands where on which topic, every stance backed by quotes from cited sources{stood}: "
            f"{len(dataset.actors)} actors, {len(dataset.topics)} topics, {len(dataset.stances)} stances, "
            f"{len(dataset.sources)} sources."
        ),
        "source": f"stancediff {__version__} export of {dataset.root.resolve().name}/",
        "databases": {database: {"tables": tables}},
    }


def write_metadata(dataset: Dataset, as_of: PartialDate | None, database: Path, path: Path) -> None:
    document = metadata(dataset, as_of, database.stem)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
