"""`export --format parquet`: read back by DuckDB with hive partitioning, row for row what the SQLite export holds."""

from __future__ import annotations

import datetime
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from conftest import PROJECT, Copy, invoke

SHIPPED = PROJECT / "positions"
DOCS = PROJECT / "docs" / "exports.md"


def export(positions: Path, format_: str, target: Path, *extra: str) -> Path:
    result = invoke("export", "--positions", str(positions), "--format", format_, "-o", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return target


def lake_view(connection: duckdb.DuckDBPyConnection, lake: Path, table: str) -> str:
    files = sorted((lake / table).rglob("*.parquet"))
    assert files, table
    return f"read_parquet('{lake / table}/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)"


def as_text(value: object, precision: str | None) -> object:
    """A date of the lake as the SQLite export writes it: as precise as the data."""
    if isinstance(value, datetime.date):
        return {"year": value.strftime("%Y"), "month": value.strftime("%Y-%m"), "day": value.isoformat()}[precision]
    return value


@pytest.mark.parametrize("positions", [SHIPPED, PROJECT / "tests" / "fixtures" / "valid" / "positions"])
def test_duckdb_reads_row_for_row_what_sqlite_holds(positions: Path, tmp_path: Path) -> None:
    database = export(positions, "sqlite", tmp_path / "out.db")
    lake = export(positions, "parquet", tmp_path / "lake")
    sqlite = sqlite3.connect(database)
    duck = duckdb.connect()
    tables = [name for (name,) in sqlite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert sorted(tables) == sorted(path.name for path in lake.iterdir() if path.is_dir())
    for table in tables:
        columns = [row[1] for row in sqlite.execute(f"PRAGMA table_info({table})")]
        keys = [row[1] for row in sorted(sqlite.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if row[5]]
        expected = sqlite.execute(f"SELECT * FROM {table} ORDER BY {', '.join(keys)}").fetchall()
        described = {
            name: kind
            for name, kind, *_ in duck.execute(f"DESCRIBE SELECT * FROM {lake_view(duck, lake, table)}").fetchall()
        }
        chosen = [f"{c}, {c}_precision" if f"{c}_precision" in described else c for c in columns]
        rows = duck.execute(
            f"SELECT {', '.join(chosen)} FROM {lake_view(duck, lake, table)} ORDER BY {', '.join(keys)}"
        ).fetchall()
        read = []
        for row in rows:
            values, index = [], 0
            for column in columns:
                if f"{column}_precision" in described:
                    values.append(as_text(row[index], row[index + 1]))
                    index += 2
                else:
                    values.append(row[index])
                    index += 1
            read.append(tuple(values))
        assert read == expected, table


def test_typed_columns_partitions_compression_and_version(tmp_path: Path) -> None:
    lake = export(SHIPPED, "parquet", tmp_path / "lake")
    duck = duckdb.connect()
    types = dict(
        duck.execute(
            f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {lake_view(duck, lake, 'stances')})"
        ).fetchall()
    )
    assert (types["id"], types["value"], types["date"], types["date_precision"], types["topic"]) == (
        "VARCHAR",  # the stable id, actor:topic:date
        "BIGINT",
        "DATE",
        "VARCHAR",
        "VARCHAR",
    )
    partitions = sorted(path.name for path in (lake / "stances").iterdir())
    assert "topic=huawei-in-5g" in partitions and len(partitions) == 14
    for path in lake.rglob("*.parquet"):
        metadata = pq.read_schema(path).metadata
        assert b'"format": "stancediff-parquet", "version": 1' in metadata[b"stancediff"], path
        file = pq.ParquetFile(path)
        assert {file.metadata.row_group(0).column(i).compression for i in range(file.metadata.num_columns)} == {"ZSTD"}


def test_the_current_positions_query_of_the_docs(tmp_path: Path) -> None:
    """docs/exports.md's DuckDB query, run as written there, gives the SQLite export's current_stances."""
    text = DOCS.read_text(encoding="utf-8")
    query = re.search(r"<!-- duckdb -->\n```sql\n(.*?)```", text, re.DOTALL)
    assert query, "docs/exports.md holds the DuckDB query between <!-- duckdb --> and its code block"
    export(SHIPPED, "parquet", tmp_path / "huawei-lake")
    database = export(SHIPPED, "sqlite", tmp_path / "huawei.db")
    duck = duckdb.connect()
    duck.execute(f"SET file_search_path = '{tmp_path}'")
    found = duck.execute(query.group(1)).fetchall()
    expected = (
        sqlite3.connect(database)
        .execute(
            "SELECT a.name, s.topic, s.position, s.date FROM current_stances AS s JOIN actors AS a ON a.id = s.actor"
        )
        .fetchall()
    )
    assert sorted((name, topic, position) for name, topic, position, _ in found) == sorted(
        (name, topic, position) for name, topic, position, _ in expected
    )
    assert len(found) == len(expected) > 30


def test_as_of_and_force(data: Copy, tmp_path: Path) -> None:
    lake = export(data.positions, "parquet", tmp_path / "lake", "--as-of", "2021-01")
    duck = duckdb.connect()
    assert duck.execute(f"SELECT max(date) FROM {lake_view(duck, lake, 'stances')}").fetchone()[0] <= datetime.date(
        2021, 1, 1
    )
    result = invoke("export", "--positions", str(data.positions), "--format", "parquet", "-o", str(lake))
    assert result.exit_code == 2 and "exists" in result.stderr
    export(data.positions, "parquet", lake, "--force")
    assert duck.execute(f"SELECT count(*) FROM {lake_view(duck, lake, 'stances')}").fetchone()[0] > 0


def test_without_pyarrow_a_clear_message_and_nothing_written(tmp_path: Path) -> None:
    argv = ["stancediff", "export", "--positions", str(SHIPPED), "--format", "parquet", "-o", str(tmp_path / "lake")]
    code = f"import sys; sys.modules['pyarrow'] = None\nfrom stancediff.cli import run\nsys.argv = {argv!r}\nrun()\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "pip install 'stancediff[parquet]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "lake").exists()


# A part at a time: the actor files are read, checked and written PART_FILES at a time.


@pytest.fixture
def one_file_a_part(monkeypatch: pytest.MonkeyPatch) -> None:
    from stancediff.export import parts

    monkeypatch.setattr(parts, "PART_FILES", 1)


@pytest.mark.parametrize("positions", [SHIPPED, PROJECT / "tests" / "fixtures" / "valid" / "positions"])
def test_written_a_part_at_a_time_it_is_the_same_lake(positions: Path, tmp_path: Path, one_file_a_part: None) -> None:
    """Each actor file its own part: the numbered ids and their references run on across the parts."""
    test_duckdb_reads_row_for_row_what_sqlite_holds(positions, tmp_path)


def test_a_part_of_reference_to_another_part_is_no_error(data: Copy, tmp_path: Path, one_file_a_part: None) -> None:
    data.edit("actors/shopkeepers.yaml", "kind:", "part_of: mayor\nkind:")
    lake = export(data.positions, "parquet", tmp_path / "lake")
    duck = duckdb.connect()
    found = duck.execute(f"SELECT part_of FROM {lake_view(duck, lake, 'actors')} WHERE id = 'shopkeepers'").fetchall()
    assert found == [("mayor",)]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("actors/shopkeepers.yaml", "kind:", "part_of: lena-park\nkind:"), "part-of-cycle"),  # with lena-park's below
        (("actors/shopkeepers.yaml", "kind:", "part_of: nobody\nkind:"), "unknown-actor"),
        (("actors/shopkeepers.yaml", "position: oppose", "position: against"), "invalid-choice"),  # in the last part
    ],
)
def test_an_error_in_any_part_or_across_them_writes_nothing(
    data: Copy, tmp_path: Path, one_file_a_part: None, change: tuple[str, str, str], code: str
) -> None:
    data.edit(*change)
    if code == "part-of-cycle":
        data.edit("actors/lena-park.yaml", "part_of: null", "part_of: shopkeepers")
    target = tmp_path / "lake"
    result = invoke("export", "--positions", str(data.positions), "--format", "parquet", "-o", str(target))
    assert result.exit_code == 1
    assert f" {code} " in result.stderr  # validate's report, of the dataset read whole
    assert not target.exists()


def test_a_duplicate_actor_id_across_parts(data: Copy, tmp_path: Path, one_file_a_part: None) -> None:
    data.write("actors/mayor.yml", (data.positions / "actors" / "mayor.yaml").read_text())
    result = invoke("export", "--positions", str(data.positions), "--format", "parquet", "-o", str(tmp_path / "lake"))
    assert result.exit_code == 1
    assert " duplicate-id " in result.stderr
    assert not (tmp_path / "lake").exists()
