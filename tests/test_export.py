"""`stancediff export`: real files written by the real CLI, read back with sqlite3, csv, json and frictionless."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import frictionless
import pytest

from conftest import PROJECT, Copy, invoke
from stancediff.analysis.compare import current
from stancediff.export.atomic import write_file, write_folder
from stancediff.export.run import EXPORTS
from stancediff.export.tables import REFERENCES, dataset_tables, own_columns
from stancediff.format import spec
from stancediff.format.archive import ArchiveFolder
from stancediff.format.dataset import read_dataset
from stancediff.format.model import Dataset, PartialDate

SHIPPED = PROJECT / "positions"
SEEDS = PROJECT.parent / "shared" / "seeds"  # the shipped dataset's archive, beside the repository
TABLES = [
    "topics",
    "topic_tags",
    "sources",
    "actors",
    "actor_aliases",
    "stances",
    "stance_conditions",
    "evidence",
]
TIDY = (
    "id,actor,actor_name,actor_kind,topic,topic_title,topic_proposition,position,value,date,speaker,basis,salience,summary,"
    "conditions,sources,note,current"
)


def shipped() -> Dataset:
    return read_dataset(SHIPPED).dataset


def export(tmp_path: Path, format_: str, *extra: str, positions: Path = SHIPPED, name: str = "out") -> Path:
    target = tmp_path / name
    result = invoke("export", "--positions", str(positions), "--format", format_, "-o", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return target


def query(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# The tables follow the format's definition.


def test_every_id_key_of_the_format_is_a_reference() -> None:
    """A new key that names another record must say which table it refers to, or its foreign key is lost."""
    for record in spec.RECORDS:
        for field in record.fields:
            if field.kind is spec.Kind.ID and field.name != "id":
                assert (record.name, field.name) in REFERENCES, f"{record.name}.{field.name}: add it to REFERENCES"


def test_every_key_of_the_format_has_a_column_or_a_table() -> None:
    tables = {table.name: table for table in dataset_tables(shipped())}
    assert list(tables) == TABLES
    where = {spec.TOPIC: "topics", spec.SOURCE: "sources", spec.ACTOR: "actors", spec.STANCE: "stances"}
    where[spec.EVIDENCE] = "evidence"
    for record, name in where.items():
        for field in record.fields:
            if field.kind is spec.Kind.RECORDS:
                assert field.name in tables
            elif field.many:
                assert f"{name.rstrip('s')}_{field.name}" in tables
            else:
                assert field.name in tables[name].names, f"{record.name}.{field.name} is not exported"


def test_the_tidy_stances_have_every_stance_key() -> None:
    header = TIDY.split(",")
    for field in spec.STANCE.fields:
        assert (field.name if field.kind is not spec.Kind.RECORDS else "sources") in header


# SQLite


def test_sqlite_tables_keys_and_foreign_keys(tmp_path: Path) -> None:
    db = export(tmp_path, "sqlite")
    names = [row[0] for row in query(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert names == TABLES
    assert query(db, "SELECT name FROM sqlite_master WHERE type = 'view'") == [("current_stances",)]
    primary = {
        table: [row[1] for row in sorted(query(db, f"PRAGMA table_info({table})"), key=lambda r: r[5]) if row[5]]
        for table in TABLES
    }
    assert primary["stances"] == ["id"]
    assert primary["topic_tags"] == ["topic", "ordinal"]
    assert primary["evidence"] == ["stance", "ordinal"]
    foreign = {
        (table, row[3], row[2], row[4]) for table in TABLES for row in query(db, f"PRAGMA foreign_key_list({table})")
    }
    assert foreign == {
        ("topic_tags", "topic", "topics", "id"),
        ("actors", "part_of", "actors", "id"),
        ("actor_aliases", "actor", "actors", "id"),
        ("stances", "actor", "actors", "id"),
        ("stances", "topic", "topics", "id"),
        ("stance_conditions", "stance", "stances", "id"),
        ("evidence", "stance", "stances", "id"),
        ("evidence", "source", "sources", "id"),
    }
    connection = sqlite3.connect(db)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            connection.execute(
                "INSERT INTO evidence (stance, ordinal, source, quote) "
                "VALUES ((SELECT min(id) FROM stances), 9, 'nowhere', 'x')"
            )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            connection.execute("UPDATE stances SET position = 'suport' WHERE id = (SELECT min(id) FROM stances)")
    finally:
        connection.close()


def test_sqlite_holds_the_whole_dataset(tmp_path: Path) -> None:
    db = export(tmp_path, "sqlite")
    dataset = shipped()
    stances = dataset.stances
    assert query(db, "SELECT count(*) FROM actors") == [(len(dataset.actors),)]
    assert query(db, "SELECT count(*) FROM evidence") == [(sum(len(s.evidence) for s in stances),)]
    rows = query(db, "SELECT id, actor, topic, position, value, date, summary FROM stances ORDER BY rowid")
    assert rows == [
        (f"{s.actor}:{s.topic}:{s.date}", s.actor, s.topic, s.position, s.value, str(s.date), s.summary)
        for s in stances
    ]
    us = dataset.actor_ids["us"]
    assert query(db, "SELECT value FROM actor_aliases WHERE actor = 'us' ORDER BY ordinal") == [
        (alias,) for alias in us.aliases
    ]
    conditioned = [(f"{s.actor}:{s.topic}:{s.date}", c) for s in stances for c in s.conditions]
    assert conditioned
    assert query(db, "SELECT stance, value FROM stance_conditions ORDER BY stance, ordinal") == conditioned


def library_current(dataset: Dataset, as_of: PartialDate | None = None) -> set[tuple[str, str, str, str]]:
    return {
        (s.actor, s.topic, s.position, str(s.date))
        for actor in dataset.actors
        for s in current(actor.stances, as_of).values()
    }


HISTORY = {
    # 2021-03 and 2021-03-01 compare as the same day: the later in the file is current.
    "shopkeepers.yaml": """
  - topic: congestion-charge
    position: neutral
    date: 2021-03-01
    basis: reported
    summary: The shopkeepers soften.
    evidence:
      - source: harbour-gazette-2021-03-03
        quote: "a tax on the people who keep the old town alive"
  - topic: weekend-charge
    position: oppose
    date: 2021
    basis: inferred
    summary: The shopkeepers oppose any weekend charge.
    evidence:
      - source: harbour-gazette-2021-03-03
        quote: "a tax on the people who keep the old town alive"
""",
    # Earlier in date, later in the file: superseded all the same.
    "mayor.yaml": """
  - topic: congestion-charge
    position: lean-oppose
    date: 2020-11
    basis: reported
    summary: The mayor doubted the charge.
    evidence:
      - source: harbour-gazette-2021-03-03
        quote: "A charge is the fairest way to pay for the trams,"
""",
}


@pytest.fixture
def history(data: Copy) -> Path:
    """The fixture dataset with superseded stances, ties of date, and file order unlike date order."""
    for name, more in HISTORY.items():
        path = data.positions / "actors" / name
        path.write_text(path.read_text(encoding="utf-8") + more.lstrip("\n"), encoding="utf-8")
    return data.positions


@pytest.mark.parametrize("as_of", [None, "2020", "2021-03", "2021-03-01", "2021-03-02", "2022"])
def test_current_stances_is_the_librarys_current(history: Path, tmp_path: Path, as_of: str | None) -> None:
    db = export(tmp_path, "sqlite", *(["--as-of", as_of] if as_of else []), positions=history)
    viewed = set(query(db, "SELECT actor, topic, position, date FROM current_stances"))
    dataset = read_dataset(history).dataset
    assert viewed == library_current(dataset, PartialDate.parse(as_of) if as_of else None)
    if as_of is None:
        assert ("shopkeepers", "congestion-charge", "neutral", "2021-03-01") in viewed
        assert ("mayor", "congestion-charge", "support", "2021-03-02") in viewed
        assert len(viewed) < len(dataset.stances)


def test_current_stances_of_the_shipped_dataset(tmp_path: Path) -> None:
    for as_of in (None, "2019-05", "2019-06-03"):
        db = export(tmp_path, "sqlite", *(["--as-of", as_of] if as_of else []), name=f"{as_of}.db")
        viewed = set(query(db, "SELECT actor, topic, position, date FROM current_stances"))
        assert viewed == library_current(shipped(), PartialDate.parse(as_of) if as_of else None)


def test_as_of_leaves_out_later_stances(tmp_path: Path) -> None:
    db = export(tmp_path, "sqlite", "--as-of", "2019-06")
    dates = [row[0] for row in query(db, "SELECT date FROM stances")]
    assert dates
    assert all(PartialDate.parse(d).first_day <= PartialDate.parse("2019-06").first_day for d in dates)


# CSV


def test_csv_one_tidy_row_per_stance(history: Path, tmp_path: Path) -> None:
    result = invoke("export", "--positions", str(history), "--format", "csv", "-o", "-")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    dataset = read_dataset(history).dataset
    most = max(len(s.evidence) for s in dataset.stances)
    evidence = "".join(f",source_{n},quote_{n}" for n in range(1, most + 1))
    assert result.stdout.splitlines()[0] == TIDY + evidence
    assert len(rows) == len(dataset.stances)
    by_id = {row["id"]: row for row in rows}
    held = {id(s) for a in dataset.actors for s in current(a.stances).values()}
    for stance in dataset.stances:
        row = by_id[f"{stance.actor}:{stance.topic}:{stance.date}"]
        actor, topic = dataset.actor_ids[stance.actor], dataset.topic_ids[stance.topic]
        assert (row["actor"], row["actor_name"], row["actor_kind"]) == (actor.id, actor.name, actor.kind)
        assert (row["topic"], row["topic_title"]) == (topic.id, topic.title)
        assert (row["position"], row["value"], row["date"]) == (stance.position, str(stance.value), str(stance.date))
        assert row["sources"] == "; ".join(dict.fromkeys(e.source for e in stance.evidence))
        assert row["conditions"] == "; ".join(stance.conditions)
        assert row["current"] == ("yes" if id(stance) in held else "no")
        cited = [(row[f"source_{n}"], row[f"quote_{n}"]) for n in range(1, most + 1) if row[f"source_{n}"]]
        assert cited == [(e.source, e.quote) for e in stance.evidence]
    assert {row["current"] for row in rows} == {"yes", "no"}
    written = export(tmp_path, "csv", name="stances.csv", positions=history)
    assert written.read_text(encoding="utf-8") == result.stdout


def test_csv_cells_cannot_run_as_formulas(data: Copy, tmp_path: Path) -> None:
    data.edit("actors/mayor.yaml", "summary: The mayor backs", "summary: =HYPERLINK(1) The mayor backs")
    rows = list(csv.DictReader(io.StringIO(export(tmp_path, "csv", positions=data.positions).read_text("utf-8"))))
    assert rows[1]["summary"].startswith("'=HYPERLINK(1)")
    assert {row["value"] for row in rows} >= {"-1"}  # numbers are left as they are


# Data package


def test_datapackage_is_valid_frictionless(tmp_path: Path) -> None:
    folder = export(tmp_path, "datapackage")
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == TABLES
    assert sorted(p.name for p in folder.iterdir()) == sorted([*(f"{t}.csv" for t in TABLES), "datapackage.json"])
    stances = next(r for r in descriptor["resources"] if r["name"] == "stances")["schema"]
    assert [f["name"] for f in stances["fields"]] == TIDY.split(",")
    assert {"fields": ["topic"], "reference": {"resource": "topics", "fields": ["id"]}} in stances["foreignKeys"]
    assert (folder / "stances.csv").read_text(encoding="utf-8").splitlines()[0] == TIDY


def test_frictionless_finds_a_broken_foreign_key(tmp_path: Path) -> None:
    """The descriptor's foreign keys are really checked: the validation above is not vacuous."""
    folder = export(tmp_path, "datapackage")
    evidence = folder / "evidence.csv"
    lines = evidence.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    first[2] = "nowhere"
    evidence.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    report = frictionless.validate(folder / "datapackage.json")
    assert not report.valid
    assert any(error[0] == "foreign-key" for error in report.flatten(["type"]))


def test_datapackage_keeps_values_exact(data: Copy, tmp_path: Path) -> None:
    data.edit("actors/mayor.yaml", "summary: The mayor backs", "summary: =HYPERLINK(1) The mayor backs")
    folder = export(tmp_path, "datapackage", positions=data.positions)
    rows = list(csv.DictReader(io.StringIO((folder / "stances.csv").read_text("utf-8"))))
    assert rows[1]["summary"].startswith("=HYPERLINK(1)")


# JSON


def test_json_whole_dataset_versioned(tmp_path: Path) -> None:
    result = invoke("export", "--positions", str(SHIPPED), "--format", "json", "-o", "-", "--as-of", "2019-06")
    document = json.loads(result.stdout)
    assert (document["format"], document["version"], document["as_of"]) == ("stancediff-export", 1, "2019-06")
    dataset = shipped()
    assert [t["id"] for t in document["topics"]] == [t.id for t in dataset.topics]
    assert [s["id"] for s in document["sources"]] == [s.id for s in dataset.sources]
    assert [a["id"] for a in document["actors"]] == [a.id for a in dataset.actors]
    assert all("stances" not in actor for actor in document["actors"])
    stance = document["stances"][0]
    assert list(stance) == ["id", "actor", *(f.name for f in spec.STANCE.fields), "value", "current"]
    assert list(stance["evidence"][0]) == [f.name for f in spec.EVIDENCE.fields]
    as_of = PartialDate.parse("2019-06")
    kept = [s for s in dataset.stances if s.date.first_day <= as_of.first_day]
    assert len(document["stances"]) == len(kept)
    currents = {(s["actor"], s["topic"], s["position"], s["date"]) for s in document["stances"] if s["current"]}
    assert currents == library_current(dataset, as_of)


# Writing safely


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("keep me", encoding="utf-8")
    for format_ in EXPORTS:
        result = invoke("export", "--positions", str(SHIPPED), "--format", format_, "-o", str(target))
        assert result.exit_code == 2
        assert "exists; pass --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    export(tmp_path, "json", "--force")
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "stancediff-export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_force_replaces_a_data_package_but_no_other_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = invoke("export", "--positions", str(SHIPPED), "--format", "datapackage", "-o", str(folder), "--force")
    assert result.exit_code == 2
    assert "not a data package" in result.stderr and "nor a Parquet lake" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    (folder / "notes.txt").unlink()
    folder.rmdir()
    export(tmp_path, "datapackage")
    (folder / "stances.csv").write_text("old", encoding="utf-8")
    export(tmp_path, "datapackage", "--force")
    assert (folder / "stances.csv").read_text(encoding="utf-8") != "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def package_with_more(tmp_path: Path) -> Path:
    """A folder a user keeps: a datapackage.json beside notes, data and a git repository."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "datapackage.json").write_text('{"name": "my-research", "resources": []}', encoding="utf-8")
    (folder / "NOTES.md").write_text("months of notes", encoding="utf-8")
    (folder / "data").mkdir()
    (folder / "data" / "survey.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


def tree(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(folder)), p.read_bytes() if p.is_file() else b"") for p in folder.rglob("*"))


def test_force_never_wipes_a_folder_that_holds_more_than_a_package(tmp_path: Path) -> None:
    folder = package_with_more(tmp_path)
    before = tree(folder)
    result = invoke("export", "--positions", str(SHIPPED), "--format", "datapackage", "-o", str(folder), "--force")
    assert result.exit_code == 2 and "not a data package stancediff wrote" in result.stderr
    assert tree(folder) == before
    # stancediff's own package, with one file more: refused too, naming it
    shutil.rmtree(folder)
    export(tmp_path, "datapackage")
    (folder / "NOTES.md").write_text("mine", encoding="utf-8")
    result = invoke("export", "--positions", str(SHIPPED), "--format", "datapackage", "-o", str(folder), "--force")
    assert result.exit_code == 2 and "did not write there: NOTES.md" in result.stderr
    assert (folder / "NOTES.md").read_text(encoding="utf-8") == "mine"


def test_force_replaces_no_device_fifo_or_link(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    (tmp_path / "elsewhere.json").write_text("keep", encoding="utf-8")
    for target, why in ((fifo, "not a regular file"), (link, "symbolic link")):
        result = invoke("export", "--positions", str(SHIPPED), "--format", "json", "-o", str(target), "--force")
        assert result.exit_code == 2 and why in result.stderr, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()
    assert (tmp_path / "elsewhere.json").read_text(encoding="utf-8") == "keep"


def test_sqlite_and_datapackage_need_a_path(tmp_path: Path) -> None:
    for format_ in ("sqlite", "datapackage"):
        result = invoke("export", "--positions", str(SHIPPED), "--format", format_, "-o", "-")
        assert result.exit_code == 2
        assert "give -o PATH" in result.stderr


def test_a_dataset_with_errors_is_not_exported(data: Copy, tmp_path: Path) -> None:
    data.edit("actors/mayor.yaml", "position: support", "position: suport")
    target = tmp_path / "out.db"
    result = invoke("export", "--positions", str(data.positions), "--format", "sqlite", "-o", str(target))
    assert result.exit_code == 1
    assert "actors/mayor.yaml:8:15: error invalid-choice" in result.stderr
    assert "nothing exported" in result.stderr
    assert not target.exists()
    assert result.stdout == ""


class Explodes:
    """A value that breaks every writer when it reaches it: str() and SQLite both fail on it."""

    def __str__(self) -> str:
        raise RuntimeError("the disk is full")


def broken_at_the_end() -> Dataset:
    """The fixture dataset whose last stance's summary cannot be written: writing fails halfway through."""
    dataset = read_dataset(PROJECT / "tests" / "fixtures" / "valid" / "positions").dataset
    *actors, last = dataset.actors
    *stances, final = last.stances
    final = replace(final, summary=Explodes())
    return replace(dataset, actors=(*actors, replace(last, stances=(*stances, final))))


@pytest.mark.parametrize("format_", list(EXPORTS))
@pytest.mark.parametrize("existing", [False, True])
def test_a_failure_mid_write_leaves_nothing_behind(tmp_path: Path, format_: str, existing: bool) -> None:
    chosen = EXPORTS[format_]
    if chosen.archive and existing and not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    target = tmp_path / "out"

    def written() -> list[tuple[str, bytes]]:
        files = sorted(p for p in target.rglob("*") if p.is_file()) if chosen.folder else [target]
        return [(str(p.relative_to(tmp_path)), p.read_bytes()) for p in files]

    if existing:  # with --force: the old export stays as it was
        export(tmp_path, format_, *(("--sources-dir", str(SEEDS)) if chosen.archive else ()))
        before = written()
    dataset = broken_at_the_end()
    write = write_folder if chosen.folder else write_file
    fixture_archive = ArchiveFolder(PROJECT / "tests" / "fixtures" / "valid" / "sources", project=str(PROJECT))
    extra = {"archive": fixture_archive} if chosen.archive else {}
    with pytest.raises((RuntimeError, sqlite3.Error, TypeError)):
        write(target, lambda path: chosen.path(dataset, None, path, **extra), existing)
    if existing:
        assert written() == before
        assert [p.name for p in tmp_path.iterdir()] == ["out"]
    else:
        assert list(tmp_path.iterdir()) == []


def test_exports_get_the_usual_permissions(tmp_path: Path) -> None:
    """Not the private mode of a temporary file: what any new file gets under the umask."""
    plain = tmp_path / "plain"
    plain.write_text("", encoding="utf-8")
    assert export(tmp_path, "csv").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_a_new_key_of_the_format_becomes_a_column() -> None:
    """What `spec` gains, the tables gain: no list of columns to keep in step by hand."""
    mood = spec.Field("mood", spec.Kind.TEXT, "How the actor sounded.")
    grown = spec.Record("stance", (*spec.STANCE.fields, mood))
    columns = own_columns(grown)
    assert [column.name for column, _ in columns] == [*(c.name for c, _ in own_columns(spec.STANCE)), "mood"]
    (column, get), *_ = [pair for pair in columns if pair[0].name == "mood"]
    assert column.description == "How the actor sounded."
    assert get(SimpleNamespace(mood="wry")) == "wry"


def test_sources_dir_checks_the_quotes_first(data: Copy, tmp_path: Path) -> None:
    data.edit("actors/mayor.yaml", "the fairest way", "the unfairest way")
    export(tmp_path, "csv", positions=data.positions)  # the quote is not checked without the archive
    target = tmp_path / "checked.csv"
    result = invoke(
        *("export", "--positions", str(data.positions), "--format", "csv", "-o", str(target)),
        *("--sources-dir", str(data.sources)),
    )
    assert result.exit_code == 1
    assert "actors/mayor.yaml:15:16: error quote-not-found" in result.stderr
    assert not target.exists()


def test_current_stances_reads_the_stances_once(tmp_path: Path) -> None:
    """A correlated subquery compared each stance with every other on its topic: 106 s on 50,000 stances."""
    db = export(tmp_path, "sqlite")
    plan = [row[3] for row in query(db, "EXPLAIN QUERY PLAN SELECT * FROM current_stances")]
    assert not [step for step in plan if "CORRELATED" in step]
    assert len([step for step in plan if step.startswith(("SCAN stances", "SEARCH stances"))]) == 1
