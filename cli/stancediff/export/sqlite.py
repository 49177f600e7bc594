"""The SQLite export: one table per table of `tables`, with keys, and the `current_stances` view."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .tables import Column, Table

_TYPES = {"string": "TEXT", "integer": "INTEGER", "boolean": "INTEGER"}

# A date as the day it compares by: 2019 -> 2019-01-01, 2019-05 -> 2019-05-01 (as `PartialDate.first_day`).
FIRST_DAY = "(CASE length({0}) WHEN 4 THEN {0} || '-01-01' WHEN 7 THEN {0} || '-01' ELSE {0} END)"


def current_stances(stances: Table) -> str:
    """The view of the latest stance of each actor on each topic, as `analysis.compare.current` picks it.

    By the first day of its date, and among stances of the same first day,
    the later in its actor's file (the greater ordinal). A window function sorts the
    stances once; a correlated subquery would compare each stance with every
    other on its topic (106 s for the 50,000 stances of the benchmark).
    """
    columns = ", ".join(quoted(name) for name in stances.names)
    order = f"{FIRST_DAY.format('date')} DESC, ordinal DESC"
    return (
        f"CREATE VIEW current_stances AS\nSELECT {columns} FROM (\n"
        f"  SELECT *, row_number() OVER (PARTITION BY actor, topic ORDER BY {order}) AS latest\n"
        f"  FROM {quoted(stances.name)}\n) WHERE latest = 1"
    )


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(column: Column) -> str:
    text = f"{quoted(column.name)} {_TYPES[column.type]}"
    if column.required:
        text += " NOT NULL"
    if column.choices:
        text += f" CHECK ({quoted(column.name)} IN ({', '.join(_literal(c) for c in column.choices)}))"
    if column.bounds is not None:
        text += f" CHECK ({quoted(column.name)} BETWEEN {column.bounds[0]} AND {column.bounds[1]})"
    if column.references is not None:
        text += f" REFERENCES {quoted(column.references)} (id)"
    return text


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table(table: Table) -> str:
    parts = [_column(column) for column in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(quoted(name) for name in table.key)})")
    return f"CREATE TABLE {quoted(table.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def indexes(table: Table) -> list[str]:
    """An index on each foreign key that is not the primary key's first column."""
    return [
        f"CREATE INDEX {quoted(f'{table.name}_{column.name}')} ON {quoted(table.name)} ({quoted(column.name)})"
        for column in table.columns
        if column.references is not None and column.name != table.key[0]
    ]


def write_sqlite(tables: list[Table], path: Path) -> None:
    """Write a new database at `path` (which must not exist); check its foreign keys before closing it."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a new file, renamed into place only when whole
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        for table in tables:
            connection.execute(create_table(table))
            marks = ", ".join("?" * len(table.columns))
            connection.executemany(f"INSERT INTO {quoted(table.name)} VALUES ({marks})", table.rows)
            for statement in indexes(table):
                connection.execute(statement)
        connection.execute(current_stances(next(table for table in tables if table.name == "stances")))
        connection.execute("COMMIT")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"the export broke its own foreign keys: {broken[:5]}")
    finally:
        connection.close()
