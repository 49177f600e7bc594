"""`export --format sqlite --metadata FILE`: datasette's metadata, loaded by datasette itself."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path

from datasette.app import Datasette

from conftest import PROJECT, invoke
from stancediff.export.tables import dataset_tables
from stancediff.format.dataset import read_dataset

SHIPPED = PROJECT / "positions"


def export(tmp_path: Path, *extra: str) -> tuple[Path, Path]:
    database, metadata = tmp_path / "huawei.db", tmp_path / "metadata.json"
    result = invoke(
        "export",
        "--positions",
        str(SHIPPED),
        "--format",
        "sqlite",
        "-o",
        str(database),
        "--metadata",
        str(metadata),
        *extra,
    )
    assert result.exit_code == 0, result.stderr
    return database, metadata


def test_datasette_serves_the_database_with_every_table_and_column_described(tmp_path: Path) -> None:
    database, metadata = export(tmp_path)

    async def served() -> tuple[dict, dict, dict]:
        datasette = Datasette([str(database)], metadata=json.loads(metadata.read_text()))
        await datasette.invoke_startup()
        index = (await datasette.client.get("/-/metadata.json")).json()
        table = (await datasette.client.get("/huawei/stances.json?_shape=objects&_size=1")).json()
        page = await datasette.client.get("/huawei/stances")
        return index, table, {"html": page.text}

    index, table, page = asyncio.run(served())
    assert index["title"] == "Who stands where"
    assert f"{len(read_dataset(SHIPPED).dataset.stances)} stances" in index["description"]
    assert table["rows"][0]["id"] == min(s.id for s in read_dataset(SHIPPED).dataset.stances)  # by its stable id
    assert "The stances." in page["html"]  # the table's description, shown on its page
    dataset = read_dataset(SHIPPED).dataset
    described = index["databases"]["huawei"]["tables"]
    connection = sqlite3.connect(database)
    for name in [t.name for t in dataset_tables(dataset)] + ["current_stances"]:
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
        assert set(described[name]["columns"]) == set(columns), name
        assert all(described[name]["columns"].values()), name
    assert described["stances"]["columns"]["position"].startswith("Where the actor stands")


def test_metadata_only_with_sqlite(tmp_path: Path) -> None:
    result = invoke(
        "export",
        "--positions",
        str(SHIPPED),
        "--format",
        "csv",
        "-o",
        str(tmp_path / "x.csv"),
        "--metadata",
        str(tmp_path / "m.json"),
    )
    assert result.exit_code == 2
    assert "--metadata describes a SQLite database" in result.stderr
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "m.json").exists()


def test_metadata_is_not_overwritten_without_force(tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text("mine")
    result = invoke(
        "export",
        "--positions",
        str(SHIPPED),
        "--format",
        "sqlite",
        "-o",
        str(tmp_path / "huawei.db"),
        "--metadata",
        str(tmp_path / "metadata.json"),
    )
    assert result.exit_code == 2
    assert (tmp_path / "metadata.json").read_text() == "mine"
    assert not (tmp_path / "huawei.db").exists()
