"""A Frictionless data package: one CSV per table and a `datapackage.json` that describes them.

The tables are those of the SQLite export, with the tidy stances table
(`tidy`) in place of the bare one; each resource's schema gives every
column's type, description and constraints, the primary key and the foreign
keys, all read from the tables (and so from the format's definition).
Values are written exactly, with no guard against spreadsheet formulas: a
data package is for programs (`--format csv` is the one for a spreadsheet).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..format.model import Dataset, PartialDate
from .csv import write_table
from .marker import read_marker
from .tables import Column, Table, dataset_tables
from .tidy import tidy_stances

NAME = "stancediff-export"
DESCRIPTOR = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # one written by stancediff is a few kilobytes


def package_tables(dataset: Dataset) -> list[Table]:
    tidy = tidy_stances(dataset)
    return [tidy if table.name == tidy.name else table for table in dataset_tables(dataset)]


def field(column: Column) -> dict[str, Any]:
    described: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.type == "boolean":
        described |= {"trueValues": ["yes"], "falseValues": ["no"]}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.choices:
        constraints["enum"] = list(column.choices)
    if column.bounds is not None:
        constraints["minimum"], constraints["maximum"] = column.bounds
    if constraints:
        described["constraints"] = constraints
    return described


def resource(table: Table) -> dict[str, Any]:
    keys = [
        {
            "fields": [column.name],
            # A table's reference to itself names no resource (the Table Schema's rule).
            "reference": {"resource": "" if column.references == table.name else column.references, "fields": ["id"]},
        }
        for column in table.columns
        if column.references is not None
    ]
    schema: dict[str, Any] = {
        "fields": [field(column) for column in table.columns],
        "primaryKey": list(table.key),
        "missingValues": [""],
    }
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def descriptor(tables: list[Table], as_of: PartialDate | None) -> dict[str, Any]:
    stood = "" if as_of is None else f", as it stood on {as_of} (stances dated up to then)"
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "A stancediff dataset",
        "description": f"Who stands where on which topic, every stance backed by quotes from cited sources{stood}.",
        "resources": [resource(table) for table in tables],
    }


def write_datapackage(dataset: Dataset, as_of: PartialDate | None, folder: Path) -> None:
    """Write the CSVs and `datapackage.json` into `folder`, which exists and is empty."""
    tables = package_tables(dataset)
    for table in tables:
        with (folder / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as stream:
            write_table(table, stream, for_spreadsheet=False)
    text = json.dumps(descriptor(tables, as_of), indent=2, ensure_ascii=False)
    (folder / DESCRIPTOR).write_text(text + "\n", encoding="utf-8")


def not_ours(folder: Path) -> str | None:
    """Why `folder` is not a data package as stancediff writes one, or None if it is.

    It is one when its `datapackage.json` is stancediff's (named `NAME`) and it
    holds nothing else but the regular files that names as its resources: so
    a folder that also holds notes, a `.git` or a folder is never replaced.
    """
    described = read_marker(folder / DESCRIPTOR, MAX_DESCRIPTOR_BYTES)
    if isinstance(described, str):
        return described
    if not isinstance(described, dict) or described.get("name") != NAME:
        return f"its {DESCRIPTOR} was not written by stancediff"
    resources = described.get("resources")
    written = {DESCRIPTOR} | {
        str(resource["path"])
        for resource in (resources if isinstance(resources, list) else [])
        if isinstance(resource, dict) and isinstance(resource.get("path"), str)
    }
    others = sorted(
        entry.name
        for entry in os.scandir(folder)
        if entry.name not in written or not entry.is_file(follow_symlinks=False)
    )
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        return f"it holds what stancediff did not write there: {shown}"
    return None
