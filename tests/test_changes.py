"""`stancediff changes` on a real git repository in a temporary folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import VALID, invoke
from stancediff.git import read as gitread

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return result.stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit is the valid fixture, and a second commit that changes it."""
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copytree(VALID / "positions", tmp_path / "positions")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "tag", "base")
    actors = tmp_path / "positions" / "actors"
    edit(actors / "mayor.yaml", "position: lean-oppose", "position: oppose")  # moved down 1
    edit(actors / "mayor.yaml", "She wants the charge on weekdays only.", "She rules out a weekend charge.")
    edit(actors / "lena-park.yaml", "date: 2021", "date: 2021-04")  # date changed
    edit(actors / "shopkeepers.yaml", "    basis: reported\n", "    basis: reported\n    speaker: Chair\n")
    (actors / "bus-union.yaml").write_text(
        "id: bus-union\nname: Bus drivers' union\nkind: other\nstances:\n"
        "  - topic: weekend-charge\n    position: support\n    date: 2021-05\n    basis: stated\n"
        "    summary: The union wants the charge every day.\n    evidence:\n"
        "      - source: tram-review-2021\n        quote: Every city that has tried it\n"
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "change")
    return tmp_path


def changes(repo: Path, *args: str):
    return invoke("changes", *args, "--positions", str(repo / "positions"), env={"COLUMNS": "120", "NO_COLOR": "1"})


def changes_json(repo: Path, *args: str) -> dict:
    result = changes(repo, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_changes_between_two_commits(repo: Path) -> None:
    document = changes_json(repo, "base", "HEAD")
    assert document["base"].startswith("base (") and document["head"].startswith("HEAD (")
    assert document["actors"] == {"added": ["bus-union"], "removed": [], "renamed": []}
    assert document["topics"] == {"added": [], "removed": [], "renamed": []}
    assert [(s["actor"], s["topic"]) for s in document["stances"]["added"]] == [("bus-union", "weekend-charge")]
    assert document["stances"]["removed"] == []
    changed = {(c["actor"], c["topic"]): c for c in document["stances"]["changed"]}
    mayor = changed[("mayor", "weekend-charge")]
    assert mayor["move"] == "lean-oppose -> oppose (down 1)"
    assert {c["field"] for c in mayor["changes"]} == {"position", "summary"}
    lena = changed[("lena-park", "congestion-charge")]
    assert lena["move"] is None and lena["changes"] == [{"field": "date", "before": "2021", "after": "2021-04"}]
    shop = changed[("shopkeepers", "congestion-charge")]
    assert shop["changes"] == [{"field": "speaker", "before": "", "after": "Chair"}]


def test_one_revision_compares_with_the_working_tree(repo: Path) -> None:
    edit(
        repo / "positions" / "topics.yaml",
        "  - id: weekend-charge",
        "  - id: night-charge\n    title: Night\n    proposition: At night.\n  - id: weekend-charge",
    )
    assert changes_json(repo, "HEAD")["topics"] == {"added": ["night-charge"], "removed": [], "renamed": []}
    assert changes_json(repo)["topics"] == {"added": ["night-charge"], "removed": [], "renamed": []}  # HEAD by default
    assert changes_json(repo, "base")["actors"]["added"] == ["bus-union"]


def test_no_changes(repo: Path) -> None:
    result = changes(repo)
    assert result.exit_code == 0 and "no changes" in result.stdout


def test_removed_stance_and_records(repo: Path) -> None:
    (repo / "positions" / "actors" / "bus-union.yaml").unlink()
    document = changes_json(repo)
    assert document["actors"]["removed"] == ["bus-union"]
    assert [s["actor"] for s in document["stances"]["removed"]] == ["bus-union"]


def test_the_working_tree_is_never_touched(repo: Path) -> None:
    mayor = repo / "positions" / "actors" / "mayor.yaml"
    mayor.write_text(mayor.read_text() + "# an uncommitted edit\n")
    files = [p for p in (repo / "positions").rglob("*") if p.is_file()]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    status = git(repo, "status", "--porcelain")
    assert changes(repo, "base", "HEAD").exit_code == 0
    assert changes(repo, "base").exit_code == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files} == before
    assert [p for p in (repo / "positions").rglob("*") if p.is_file()] == files
    assert git(repo, "status", "--porcelain") == status


def test_table_and_markdown(repo: Path) -> None:
    table = changes(repo, "base", "HEAD").stdout
    assert "Positions moved" in table and "lean-oppose -> oppose (down 1)" in table
    assert " ".join(table.split()).endswith(
        "1 current position changed, 1 position moved, 1 stance added, 3 stances edited, "
        "1 actor, topic or source added or removed"
    )
    assert "++ support, + lean-support" in table  # the legend, for the added stance's position
    markdown = changes(repo, "base", "HEAD", "--format", "markdown").stdout
    assert markdown.startswith("### Changes from base (` ")  # a commit's hash in a code span, as GitHub links it
    assert "| Mayor of the city | Weekend charge | 2021-03-02 | lean-oppose -\\> oppose (down 1) |" in markdown
    by_id = changes(repo, "base", "HEAD", "--format", "markdown", "--ids").stdout
    assert "| mayor | weekend-charge | 2021-03-02 | lean-oppose -\\> oppose (down 1) |" in by_id


def test_a_revision_with_broken_yaml_is_reported(repo: Path) -> None:
    (repo / "positions" / "actors" / "mayor.yaml").write_text("id: mayor\nname: [unclosed\n")
    git(repo, "commit", "-q", "-am", "break")
    result = changes(repo, "base", "HEAD")
    assert result.exit_code == 1  # never "actor removed", and not a clean result either
    assert "HEAD (" in result.stdout and "has 1 error in its data" in result.stdout
    assert "positions/actors/mayor.yaml:3:1: yaml-syntax" in result.stdout
    assert "Unreadable files, left out" in result.stdout and "1 file unreadable" in result.stdout
    assert "Stances removed" not in result.stdout and "| removed" not in result.stdout
    document = json.loads(changes(repo, "base", "HEAD", "--format", "json").stdout)
    assert document["actors"]["removed"] == [] and document["stances"]["removed"] == []
    assert [label for label, files in document["unreadable"].items() if files == ["actors/mayor.yaml"]] == [
        next(label for label in document["problems"] if label.startswith("HEAD"))
    ]
    assert document["actors"]["added"] == ["bus-union"]  # the rest is still compared
    head_problems = next(v for k, v in document["problems"].items() if k.startswith("HEAD"))
    assert head_problems[0]["code"] == "yaml-syntax"


@pytest.mark.parametrize("revision", ["no-such-branch", "HEAD~99", "base..HEAD"])
def test_unknown_revision_is_exit_2(repo: Path, revision: str) -> None:
    result = changes(repo, revision)
    assert result.exit_code == 2 and "unknown revision" in result.stderr and result.stdout == ""


def test_a_revision_cannot_smuggle_a_git_option(repo: Path) -> None:
    repository = gitread.locate(repo / "positions")
    with pytest.raises(gitread.GitError, match="is not a revision"):
        gitread.resolve(repository, "--output=/tmp/x")


def test_revision_without_positions_is_exit_2(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "empty")
    git(repo, "rm", "-rq", "--cached", ".")
    (repo / "README").write_text("nothing here\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "empty")
    git(repo, "checkout", "-q", "-f", "main")
    result = changes(repo, "empty", "HEAD")
    assert result.exit_code == 2 and "has no positions/ folder" in result.stderr


def test_outside_git_is_exit_2(tmp_path: Path) -> None:
    shutil.copytree(VALID / "positions", tmp_path / "positions")
    result = invoke(
        "changes", "--positions", str(tmp_path / "positions"), env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert result.exit_code == 2 and "is not inside a git repository" in result.stderr


def test_dataset_at_the_repository_root(tmp_path: Path) -> None:
    shutil.copytree(VALID / "positions", tmp_path / "data")
    git(tmp_path / "data", "init", "-q")
    git(tmp_path / "data", "add", "-A")
    git(tmp_path / "data", "commit", "-q", "-m", "base")
    (tmp_path / "data" / "actors" / "lena-park.yaml").unlink()
    result = invoke("changes", "--positions", str(tmp_path / "data"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["actors"]["removed"] == ["lena-park"]


def run_cli(cwd: Path, *args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """The real CLI in a child process (for hangs, which in-process runs cannot stop)."""
    return subprocess.run(
        [sys.executable, "-m", "stancediff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **GIT_ENV, "NO_COLOR": "1"},
    )


def test_a_partial_clone_never_starts_a_fetch(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    git(bare, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{bare}", str(clone))
    marker = tmp_path / "fetched"
    script = tmp_path / "upload-pack"
    script.write_text(f"#!/bin/sh\ntouch {marker}\nsleep 60\n")
    script.chmod(0o755)
    git(clone, "config", "remote.origin.uploadpack", str(script))
    started = time.monotonic()
    result = run_cli(clone, "changes", "base", "HEAD", "--positions", "positions", "--format", "json")
    assert time.monotonic() - started < 10 and not marker.exists()
    assert "Traceback" not in result.stderr
    if result.returncode == 2:  # git that stops at a missing object says so, and stancediff passes it on
        assert result.stderr.startswith("Error: git failed") and "fetch" in result.stderr
    else:  # git that reports it missing: a problem of that file, which is unreadable
        assert result.returncode == 1, result.stderr
        problems = next(v for k, v in json.loads(result.stdout)["problems"].items() if k.startswith("base"))
        assert problems and all("git has no object" in p["message"] for p in problems)


def test_a_missing_blob_is_a_problem_of_its_file(repo: Path) -> None:
    # A blob deleted from the object store: reported on the file, not a traceback.
    blob = git(repo, "rev-parse", "base:positions/topics.yaml")
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = run_cli(repo, "changes", "base", "HEAD", "--positions", "positions")
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and f"git has no object {blob[:12]}" in result.stdout
    assert (
        "topic"
        not in json.loads(
            run_cli(repo, "changes", "base", "HEAD", "--positions", "positions", "--format", "json").stdout
        )["topics"]["added"]
    )


def test_an_empty_base_is_a_usage_error(repo: Path) -> None:
    result = changes(repo, "")
    assert result.exit_code == 2 and "is not a revision" in result.stderr


def test_a_path_with_non_utf8_bytes(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    shutil.copytree(VALID / "positions", folder / "positions")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "base")
    (folder / "positions" / "actors" / "lena-park.yaml").unlink()
    result = run_cli(folder, "changes", "--positions", "positions", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["actors"]["removed"] == ["lena-park"]


def test_duplicates_are_reported_and_left_out_as_the_note_says(repo: Path) -> None:
    # A second record with the id of an earlier one (or a second stance of one actor on one topic and
    # date) carries an error; `changes` said records with errors are left out, yet listed it as added.
    mayor = repo / "positions" / "actors" / "mayor.yaml"
    text = mayor.read_text()
    stance = text[text.index("  - topic: weekend-charge") :]
    mayor.write_text(text + stance.replace("She rules", "Twice, she rules"))  # same actor, topic and date
    shutil.copy(repo / "positions" / "actors" / "bus-union.yaml", repo / "positions" / "actors" / "bus-union-2.yaml")
    topics = repo / "positions" / "topics.yaml"
    topics.write_text(topics.read_text() + "  - id: weekend-charge\n    title: Again\n    proposition: Again.\n")
    document = changes_json(repo)
    assert document["stances"]["added"] == [] and document["actors"]["added"] == []
    assert document["topics"]["added"] == []
    codes = [p["code"] for p in document["problems"]["the working tree"]]
    assert sorted(codes) == ["duplicate-id", "duplicate-id", "duplicate-stance", "id-mismatch"]
    shown = changes(repo).stdout
    assert "no changes" in shown and "records with errors are left out" in shown


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give the repository to another user")
def test_dubious_ownership_is_said_with_its_fix(repo: Path) -> None:
    for path in (repo, *repo.rglob("*")):
        os.lchown(path, 65534, 65534)
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull, "NO_COLOR": "1"}
    result = invoke("changes", "base", "--positions", str(repo / "positions"), env=env)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "dubious ownership" in result.stderr
    assert "git config --global --add safe.directory" in result.stderr


def test_a_later_stance_that_changes_the_current_position_is_said_so(repo: Path) -> None:
    mayor = repo / "positions" / "actors" / "mayor.yaml"
    later = (
        "  - topic: congestion-charge\n    position: lean-support\n    date: 2021-06\n    basis: reported\n"
        "    summary: The mayor now hedges.\n    evidence:\n      - source: tram-review-2021\n"
        "        quote: Every city that has tried it\n"
    )
    mayor.write_text(mayor.read_text() + later)
    document = changes_json(repo)
    assert document["current"] == [
        {"actor": "mayor", "topic": "congestion-charge", "before": "support", "after": "lean-support"}
    ]
    table = changes(repo).stdout
    assert "Current positions changed" in table and "support -> lean-support (down 1)" in table
    # An earlier-dated stance leaves the current position as it was.
    mayor.write_text(mayor.read_text().replace("date: 2021-06", "date: 2020-01"))
    assert changes_json(repo)["current"] == []


def test_an_unparseable_working_tree_file_is_unreadable_not_removed(repo: Path) -> None:
    (repo / "positions" / "actors" / "lena-park.yaml").write_text("id: lena-park\nstances: [\n")
    result = changes(repo, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["unreadable"] == {"the working tree": ["actors/lena-park.yaml"]}
    assert document["actors"]["removed"] == [] and document["stances"]["removed"] == []
    assert document["problems"]["the working tree"][0]["code"] == "yaml-syntax"


def test_exit_code_is_1_when_anything_changed(repo: Path) -> None:
    assert changes(repo, "--exit-code").exit_code == 0  # the working tree is HEAD
    assert changes(repo, "base", "HEAD", "--exit-code").exit_code == 1
    assert changes(repo, "base", "HEAD").exit_code == 0


def test_since_and_until_keep_the_stances_dated_within(repo: Path) -> None:
    # base to HEAD: mayor's 2021-03-02 stance moved, lena-park's 2021 became 2021-04, bus-union's 2021-05 added.
    late = changes_json(repo, "base", "HEAD", "--since", "2021-05")
    assert [s["actor"] for s in late["stances"]["added"]] == ["bus-union"] and late["stances"]["changed"] == []
    early = changes_json(repo, "base", "HEAD", "--until", "2021-03-02")
    assert early["stances"]["added"] == [] and ("mayor", "weekend-charge") in {
        (c["actor"], c["topic"]) for c in early["stances"]["changed"]
    }
