"""The curation life cycle on real files and a real git repository: rename, merge, edit, rm, import, log, ids."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT, Copy, invoke
from stancediff.curation import change as change_module
from stancediff.curation.change import editing
from stancediff.curation.write import LOCK_NAME
from stancediff.errors import Refused

SEEDS = PROJECT.parent / "shared" / "seeds"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ana Ruiz",
    "GIT_AUTHOR_EMAIL": "ana@example.org",
    "GIT_COMMITTER_NAME": "Ana Ruiz",
    "GIT_COMMITTER_EMAIL": "ana@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")


def git(repo: Path, *args: str, author: str | None = None) -> str:
    env = {**os.environ, **GIT_ENV}
    if author:
        env["GIT_AUTHOR_NAME"] = author
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True)
    return result.stdout


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """The shipped dataset and its archive, copied as they lie (positions/ and ../shared/seeds), in a git repo."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "positions", project / "positions")
    shutil.copytree(SEEDS, tmp_path / "shared" / "seeds")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The shipped dataset")
    return project / "positions"


def run(positions: Path, *args: str) -> object:
    return invoke(*args, "--positions", str(positions))


def tree(positions: Path) -> dict[str, bytes]:
    """The dataset's files and their bytes; not the lock file, which the first writing command leaves."""
    files = sorted(p for p in positions.rglob("*") if p.is_file() and p.name != LOCK_NAME)
    return {str(p.relative_to(positions)): p.read_bytes() for p in files}


# rename


def test_rename_changes_only_the_id_tokens_and_changes_says_renamed(shipped: Path) -> None:
    repo = shipped.parent
    result = run(shipped, "rename", "topic", "huawei-in-5g", "huawei-5g-networks")
    assert result.exit_code == 0, result.stderr
    assert "8 references followed" in result.stdout
    result = run(shipped, "rename", "actor", "us", "united-states")
    assert result.exit_code == 0, result.stderr
    result = run(shipped, "rename", "source", "no-spy-agreements-2019-05-15", "no-spy-2019-05")
    assert result.exit_code == 0, result.stderr
    assert not (shipped / "actors" / "us.yaml").exists()
    git(repo, "add", "-A")
    status = git(repo, "diff", "--cached", "-M", "--name-status")
    assert "R" in status and "positions/actors/us.yaml\tpositions/actors/united-states.yaml" in status
    words = git(repo, "diff", "--cached", "-M", "--word-diff=porcelain", "--word-diff-regex=[^[:space:]]+")
    removed = sorted(set(re.findall(r"^-(?!--)(.*)$", words, re.M)))
    added = sorted(set(re.findall(r"^\+(?!\+\+)(.*)$", words, re.M)))
    assert removed == ["huawei-in-5g", "no-spy-agreements-2019-05-15", "us"]
    assert added == ["huawei-5g-networks", "no-spy-2019-05", "united-states"]
    assert invoke("validate", "--positions", str(shipped)).exit_code == 0
    document = json.loads(invoke("changes", "--positions", str(shipped), "--format", "json").stdout)
    assert document["topics"] == {
        "added": [],
        "removed": [],
        "renamed": [{"from": "huawei-in-5g", "to": "huawei-5g-networks"}],
    }
    assert document["actors"]["renamed"] == [{"from": "us", "to": "united-states"}]
    assert document["sources"]["renamed"] == [{"from": "no-spy-agreements-2019-05-15", "to": "no-spy-2019-05"}]
    assert document["stances"] == {"added": [], "removed": [], "changed": []}
    table = invoke("changes", "--positions", str(shipped), "--format", "markdown").stdout
    assert "renamed to united-states" in table and "added" not in table.replace("added or removed", "")


def test_rename_refuses_an_existing_id_and_a_bad_one(data: Copy) -> None:
    before = tree(data.positions)
    result = run(data.positions, "rename", "actor", "mayor", "lena-park")
    assert result.exit_code == 2 and "exists already" in result.stderr and "merge actor" in result.stderr
    result = run(data.positions, "rename", "topic", "congestion-charge", "Congestion Charge")
    assert result.exit_code == 2 and "kebab-case" in result.stderr
    result = run(data.positions, "rename", "source", "nowhere", "somewhere")
    assert result.exit_code == 2 and 'no source "nowhere"' in result.stderr
    assert tree(data.positions) == before


# merge


def test_merge_topics_lists_conflicts_and_writes_nothing(data: Copy) -> None:
    before = tree(data.positions)
    result = run(data.positions, "merge", "topic", "weekend-charge", "--into", "congestion-charge")
    assert result.exit_code == 2
    assert "mayor 2021-03-02: congestion-charge, weekend-charge" in result.stderr
    assert tree(data.positions) == before


def test_merge_topics_moves_the_stances_and_removes_the_topic(data: Copy) -> None:
    data.edit(
        "actors/mayor.yaml",
        "date: 2021-03-02\n    speaker: Ana Ruiz, mayor\n    basis: reported",
        "date: 2021-03-01\n    speaker: Ana Ruiz, mayor\n    basis: reported",
    )
    result = run(data.positions, "merge", "topic", "weekend-charge", "--into", "congestion-charge")
    assert result.exit_code == 0, result.stderr
    topics = (data.positions / "topics.yaml").read_text()
    assert "weekend-charge" not in topics and "congestion-charge" in topics
    for path in (data.positions / "actors").iterdir():
        assert "weekend-charge" not in path.read_text()
    assert validate_ok(data)


def test_merge_actors_moves_stances_into_one_file_and_keeps_their_names(data: Copy) -> None:
    result = run(data.positions, "merge", "actor", "shopkeepers", "--into", "lena-park")
    assert result.exit_code == 0, result.stderr
    assert not (data.positions / "actors" / "shopkeepers.yaml").exists()
    dataset = load(data)
    lena = dataset.actor_ids["lena-park"]
    assert lena.aliases == ("Old Town Shopkeepers' Association",)
    assert [(s.topic, str(s.date), s.position) for s in lena.stances] == [
        ("congestion-charge", "2021", "lean-support"),
        ("congestion-charge", "2021-03", "oppose"),
    ]
    assert validate_ok(data)


# edit


def test_edit_stance_sets_adds_and_unsets_keys_keeping_every_other_byte(data: Copy) -> None:
    path = data.positions / "actors" / "mayor.yaml"
    before = path.read_text()
    result = run(
        data.positions,
        "edit",
        "stance",
        "mayor",
        "weekend-charge",
        "--position",
        "oppose",
        "--salience",
        "high",
        "--unset",
        "conditions",
        "--sources-dir",
        str(data.sources),
    )
    assert result.exit_code == 0, result.stderr
    after = path.read_text()
    expected = before.replace("    position: lean-oppose\n", "    position: oppose\n").replace(
        "    basis: reported\n", "    basis: reported\n    salience: high\n"
    )
    expected = expected.replace("    conditions: [weekdays only]\n", "")
    assert after == expected


def test_edit_keeps_the_quoting_style_and_refuses_what_brings_an_error(data: Copy) -> None:
    path = data.positions / "actors" / "mayor.yaml"
    result = run(data.positions, "edit", "actor", "mayor", "--country", "PT")
    assert result.exit_code == 0, result.stderr
    assert 'country: "PT"\n' in path.read_text()
    before = tree(data.positions)
    result = run(data.positions, "edit", "stance", "mayor", "weekend-charge", "--new-topic", "no-such-topic")
    assert result.exit_code == 1
    assert "unknown-topic" in result.stderr and "nothing was written" in result.stderr
    assert tree(data.positions) == before
    result = invoke(
        "edit",
        "stance",
        "mayor",
        "congestion-charge",
        "--positions",
        str(data.positions),
        "--sources-dir",
        str(data.sources),
        "--evidence",
        "harbour-gazette-2021-03-03",
        "words the gazette never printed",
    )
    assert result.exit_code == 1 and "quote-not-found" in result.stderr
    assert tree(data.positions) == before


def test_edit_refuses_an_error_it_did_not_bring_only_if_it_is_new(data: Copy) -> None:
    data.edit("actors/lena-park.yaml", "position: lean-support", "position: suport")
    result = run(data.positions, "edit", "topic", "congestion-charge", "--title", "The congestion charge")
    assert result.exit_code == 0, result.stderr
    assert "title: The congestion charge" in (data.positions / "topics.yaml").read_text()


def test_a_list_option_refuses_a_bracketed_value(data: Copy) -> None:
    before = tree(data.positions)
    result = run(data.positions, "edit", "topic", "congestion-charge", "--tag", "[noise, business]")
    assert result.exit_code == 2
    assert "repeat the option: --tag noise --tag business" in result.stderr
    assert tree(data.positions) == before
    assert "Repeat the option" in invoke("add", "topic", "--help").stdout


# rm


def test_rm_refuses_a_referenced_record_naming_the_referrers(data: Copy) -> None:
    before = tree(data.positions)
    result = run(data.positions, "rm", "topic", "weekend-charge")
    assert result.exit_code == 2
    assert "stance mayor weekend-charge 2021-03-02 (actors/mayor.yaml:16)" in result.stderr
    result = run(data.positions, "rm", "source", "harbour-gazette-2021-03-03")
    assert result.exit_code == 2 and "stance mayor congestion-charge" in result.stderr
    assert tree(data.positions) == before


def test_rm_cascade_removes_the_referrers_and_only_their_lines(data: Copy) -> None:
    mayor = (data.positions / "actors" / "mayor.yaml").read_text()
    result = run(data.positions, "rm", "topic", "weekend-charge", "--cascade")
    assert result.exit_code == 0, result.stderr
    assert "and stance mayor weekend-charge 2021-03-02" in result.stdout
    stance = mayor[mayor.index("  - topic: weekend-charge") :]
    assert (data.positions / "actors" / "mayor.yaml").read_text() == mayor.replace(stance, "")
    assert "weekend-charge" not in (data.positions / "topics.yaml").read_text()
    assert validate_ok(data)


def test_rm_stance_and_an_actor_without_referrers(data: Copy) -> None:
    result = run(data.positions, "rm", "stance", "mayor", "congestion-charge")
    assert result.exit_code == 0, result.stderr
    assert "congestion-charge" not in (data.positions / "actors" / "mayor.yaml").read_text()
    result = run(data.positions, "rm", "actor", "shopkeepers")
    assert result.exit_code == 0, result.stderr
    assert not (data.positions / "actors" / "shopkeepers.yaml").exists()
    assert validate_ok(data)


# all or nothing


def test_a_failure_midway_puts_every_file_back(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree(data.positions)
    calls = []
    real = os.replace

    def failing(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(change_module.os, "replace", failing)
    with pytest.raises(Refused, match="every file is as it was"):
        from stancediff.curation.rename import rename

        rename(data.positions, "source", "harbour-gazette-2021-03-03", "gazette", data.sources)
    assert tree(data.positions) == before
    assert not [p for p in data.positions.rglob(".*") if p.is_file() and p.name != LOCK_NAME]  # no temporary file


def test_a_second_writer_waits_for_the_lock_then_gives_up(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(change_module, "LOCK_WAIT", 0.3)
    before = tree(data.positions)
    with editing(data.positions):  # another command holds the dataset from its first read to its last rename
        result = run(data.positions, "rename", "topic", "weekend-charge", "weekends")
    assert result.exit_code == 2 and "another stancediff command is writing" in result.stderr
    assert tree(data.positions) == before
    assert run(data.positions, "rename", "topic", "weekend-charge", "weekends").exit_code == 0


# import


@needs_seeds
def test_import_round_trip_on_the_shipped_dataset(shipped: Path, tmp_path: Path) -> None:
    exported = tmp_path / "stances.csv"
    assert invoke("export", "--positions", str(shipped), "--format", "csv", "-o", str(exported)).exit_code == 0
    whole = invoke("export", "--positions", str(shipped), "--format", "json", "-o", "-").stdout
    for path in (shipped / "actors").iterdir():
        text = path.read_text()
        path.write_text(text[: text.index("stances:")] + "stances: []\n")
    assert (
        json.loads(invoke("export", "--positions", str(shipped), "--format", "json", "-o", "-").stdout)["stances"] == []
    )
    result = invoke("import", str(exported), "--positions", str(shipped))
    assert result.exit_code == 0, result.stderr
    assert f"imported {len(json.loads(whole)['stances'])} stances" in result.stdout
    again = invoke("export", "--positions", str(shipped), "--format", "json", "-o", "-").stdout
    assert json.loads(again) == json.loads(whole)  # every stance back, quotes included, ids and all


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


HEADER = ["actor", "topic", "position", "date", "basis", "summary", "source_1", "quote_1"]
QUOTE = "Every city that has tried it has seen fewer cars and faster buses,"


def test_import_reports_every_problem_at_its_row_and_column_and_writes_nothing(data: Copy, tmp_path: Path) -> None:
    rows = [
        ["lena-park", "weekend-charge", "suport", "2021-04-02", "stated", "A.", "tram-review-2021", QUOTE],
        ["lena-park", "weekend-charge", "oppose", "2021-13", "stated", "B.", "tram-review-2021", QUOTE],
        ["nobody", "weekend-charge", "oppose", "2021-04", "stated", "C.", "tram-review-2021", QUOTE],
        ["mayor", "weekend-charge", "oppose", "2021-04", "stated", "", "tram-review-2021", QUOTE],
        ["mayor", "no-topic", "oppose", "2021-04", "stated", "D.", "no-source", QUOTE],
        ["mayor", "weekend-charge", "oppose", "2021-04", "stated", "E.", "tram-review-2021", "not in the review"],
    ]
    sheet = write_csv(tmp_path / "in.csv", HEADER, rows)
    before = tree(data.positions)
    result = invoke("import", str(sheet), "--positions", str(data.positions), "--sources-dir", str(data.sources))
    assert result.exit_code == 1
    found = [line.split(": ", 2)[:2] for line in result.stderr.splitlines() if line.startswith(str(sheet))]
    where = {(place.split(":", 1)[1], kind.split()[1]) for place, kind in found}
    assert where == {
        ("2:3", "invalid-choice"),
        ("3:4", "invalid-date"),
        ("4:1", "import-unknown-actor"),
        ("5:6", "empty-value"),
        ("6:2", "unknown-topic"),
        ("6:7", "unknown-source"),
        ("7:8", "quote-not-found"),
    }
    assert tree(data.positions) == before


def test_import_create_dry_run_and_xlsx(data: Copy, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    header = [*HEADER, "actor_name", "actor_kind", "topic_title", "topic_proposition", "conditions"]
    row = [
        "bus-union",
        "night-buses",
        "support",
        "2021-04",
        "reported",
        "The union wants night buses.",
        "tram-review-2021",
        QUOTE,
        "Bus drivers' union",
        "other",
        "Night buses",
        "The city should run buses at night.",
        "on weekdays; if funded",
    ]
    sheet = write_csv(tmp_path / "in.csv", header, [row])
    before = tree(data.positions)
    args = ("--positions", str(data.positions), "--sources-dir", str(data.sources))
    result = invoke("import", str(sheet), *args)
    assert result.exit_code == 1 and "import-unknown-actor" in result.stderr
    result = invoke("import", str(sheet), "--create", "--dry-run", *args)
    assert result.exit_code == 0, result.stderr
    assert "+++ " in result.stdout and "+  - id: night-buses" in result.stdout
    assert tree(data.positions) == before
    book = openpyxl.Workbook()
    book.active.append(header)
    book.active.append(row)
    book.save(tmp_path / "in.xlsx")
    result = invoke("import", str(tmp_path / "in.xlsx"), "--create", *args)
    assert result.exit_code == 0, result.stderr
    assert "created topic night-buses, actor bus-union" in result.stdout
    actor = (data.positions / "actors" / "bus-union.yaml").read_text()
    assert actor.startswith("id: bus-union\nname: Bus drivers' union\nkind: other\nstances:\n")
    assert "conditions: [on weekdays, if funded]" in actor
    assert validate_ok(data)


# ids


def test_stance_ids_survive_an_added_stance(data: Copy, tmp_path: Path) -> None:
    def ids(name: str) -> list[tuple[str, str]]:
        db = tmp_path / name
        args = ("--positions", str(data.positions), "--format", "sqlite", "-o", str(db))
        assert invoke("export", *args).exit_code == 0
        with sqlite3.connect(db) as connection:
            return connection.execute("SELECT id, summary FROM stances ORDER BY id").fetchall()

    before = ids("before.db")
    assert ("mayor:weekend-charge:2021-03-02", "She wants the charge on weekdays only.") in before
    result = invoke(
        "add",
        "stance",
        "lena-park",
        "--positions",
        str(data.positions),
        "--sources-dir",
        str(data.sources),
        "--topic",
        "congestion-charge",
        "--position",
        "support",
        "--date",
        "2020-01",
        "--basis",
        "stated",
        "--summary",
        "Earlier.",
        "--evidence",
        "tram-review-2021",
        QUOTE,
    )
    assert result.exit_code == 0, result.stderr
    after = ids("after.db")
    assert set(before) < set(after) and len(after) == len(before) + 1


# log


def test_log_lists_each_commit_that_changed_a_stance_moves_first(data: Copy) -> None:
    repo = data.root
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "First coding")
    run(data.positions, "edit", "stance", "mayor", "weekend-charge", "--position", "oppose", "--summary", "Never.")
    git(repo, "commit", "-q", "-am", "Mayor hardens", author="Lena Park")
    run(data.positions, "edit", "topic", "congestion-charge", "--title", "Charge")
    git(repo, "commit", "-q", "-am", "Retitle a topic")
    result = run(data.positions, "log", "mayor", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [c["message"] for c in document["commits"]] == ["Mayor hardens", "First coding"]
    hardens = document["commits"][0]
    assert hardens["author"] == "Lena Park"
    assert hardens["moved"] == [
        {
            "id": "mayor:weekend-charge:2021-03-02",
            "topic": "weekend-charge",
            "date": "2021-03-02",
            "move": "lean-oppose -> oppose (down 1)",
        }
    ]
    assert len(document["commits"][1]["added"]) == 2
    table = invoke("log", "mayor", "weekend-charge", "--positions", str(data.positions), "--format", "markdown").stdout
    assert table.index(r"lean-oppose -\> oppose") < table.index("summary: She wants")
    assert "congestion-charge" not in table
    limited = json.loads(run(data.positions, "log", "mayor", "--max-count", "1", "--format", "json").stdout)
    assert limited["read"] == 1 and limited["more"] is True


def test_log_follows_an_actor_renamed(data: Copy) -> None:
    repo = data.root
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "First coding")
    assert run(data.positions, "rename", "actor", "mayor", "city-mayor").exit_code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rename the mayor")
    document = json.loads(run(data.positions, "log", "city-mayor", "--format", "json").stdout)
    assert [c["message"] for c in document["commits"]] == ["First coding"]  # the rename changed no stance


def load(data: Copy):  # type: ignore[no-untyped-def]
    from stancediff.format.dataset import read_dataset

    return read_dataset(data.positions).dataset


def validate_ok(data: Copy) -> bool:
    result = invoke("validate", "--positions", str(data.positions), "--sources-dir", str(data.sources))
    assert result.exit_code == 0, result.stdout
    return True


# a first dataset that cannot jam


def test_made_ids_are_at_most_50_characters_cut_at_words(data: Copy) -> None:
    from stancediff.curation.add import made_id, source_id_for

    long = "Huawei Willing to Sign a No-Spy Deal With the United States, Says No Pact in Sight"
    assert source_id_for(long, "2019-06-03") == "huawei-willing-to-sign-a-no-2019-06-03"  # six words at most
    one_word = "Supercalifragilisticexpialidocious" * 3
    made = source_id_for(one_word, "2019-06-03")
    assert len(made) == 50 and made.endswith("-2019-06-03") and made == source_id_for(one_word, "2019-06-03")
    assert made_id("Ministry of Foreign Affairs of the People's Republic of China", "actor") == (
        "ministry-of-foreign-affairs-of-the"
    )
    result = invoke(
        "add", "actor", "--positions", str(data.positions), "--name", "Bus Drivers' Union", "--kind", "other"
    )
    assert result.exit_code == 0, result.stderr
    assert "added actor bus-drivers-union" in result.stdout
    assert (data.positions / "actors" / "bus-drivers-union.yaml").read_text().startswith("id: bus-drivers-union\n")


def test_after_init_a_new_actor_file_starts_with_the_schema_line(tmp_path: Path) -> None:
    positions = tmp_path / "positions"
    assert invoke("init", str(positions)).exit_code == 0
    (positions / "actors" / "example-actor.yaml").unlink()
    result = invoke("add", "actor", "--positions", str(positions), "--name", "Lena Park", "--kind", "person")
    assert result.exit_code == 0, result.stderr
    text = (positions / "actors" / "lena-park.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schemas/actor.schema.json"
    assert (positions / text.splitlines()[0].split("=", 1)[1].replace("../", "", 1)).is_file()


def test_add_source_copies_into_an_archive_in_the_same_git_work_tree(data: Copy, tmp_path: Path) -> None:
    repo = data.root
    git(repo, "init", "-q", "-b", "main")
    data.sources.rename(repo / "archive")
    data.edit("sources.yaml", "sources:\n", "archive: ../archive\nsources:\n")
    text = tmp_path / "council.txt"
    text.write_text("The council met on Monday and voted for the charge.\n", encoding="utf-8")
    result = invoke(
        "add", "source", str(text), "--positions", str(data.positions), "--title", "Council votes", "--date", "2021-05"
    )
    assert result.exit_code == 0, result.stderr
    assert (repo / "archive" / "council.txt").read_bytes() == text.read_bytes()
    outside = tmp_path / "outside-archive"
    outside.mkdir()
    os.symlink(outside, repo / "linked")
    data.edit("sources.yaml", "archive: ../archive", "archive: ../linked")
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely.\n", encoding="utf-8")
    refused = invoke("add", "source", str(other), "--positions", str(data.positions), "--title", "X", "--date", "2021")
    assert refused.exit_code == 2 and "lies outside the git work tree of the dataset" in refused.stderr
    assert list(outside.iterdir()) == []


def test_a_dataset_names_its_own_actor_kinds(tmp_path: Path) -> None:
    positions = tmp_path / "positions"
    assert invoke("init", str(positions)).exit_code == 0
    sources = positions / "sources.yaml"
    sources.write_text(sources.read_text().replace("sources:\n", "actor_kinds: [party, union, person]\nsources:\n"))
    result = invoke("add", "actor", "--positions", str(positions), "--name", "Labour", "--kind", "party")
    assert result.exit_code == 0, result.stderr
    refused = invoke("add", "actor", "--positions", str(positions), "--name", "Acme", "--kind", "company")
    assert refused.exit_code == 1
    assert 'kind is "company"; it must be one of: party, union, person' in refused.stderr
    schema = json.loads(invoke("schema", "actor", "--positions", str(positions)).stdout)
    assert schema["properties"]["kind"]["enum"] == ["party", "union", "person"]
    default = json.loads(invoke("schema", "actor", "--positions", str(tmp_path / "none")).stdout)
    assert "company" in default["properties"]["kind"]["enum"]
    assert invoke("validate", "--positions", str(positions)).exit_code == 0
    unknown = invoke("compare", "--positions", str(positions), "--kind", "ngo")
    assert unknown.exit_code == 2 and "its kinds are: party, union, person" in unknown.stderr
    database = tmp_path / "kinds.db"
    assert invoke("export", "--positions", str(positions), "--format", "sqlite", "-o", str(database)).exit_code == 0
    from stancediff.completion import dataset_kinds

    assert dataset_kinds(positions) == ("party", "union", "person")
