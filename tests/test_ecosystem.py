"""Fitting the ecosystem: JSON Schemas, an independent validator, pre-commit, init, --version."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, VALID, invoke
from stancediff import __version__
from stancediff.curation import init as scaffold
from stancediff.format.schema import FILES, schema_text

SCHEMAS = PROJECT / "schemas"
POSITIONS = PROJECT / "positions"


@pytest.mark.parametrize("kind", list(FILES))
def test_committed_schemas_are_current(kind: str) -> None:
    committed = (SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"schemas/ is stale: stancediff schema {kind} > schemas/{kind}.schema.json"
    assert invoke("schema", kind).stdout == committed


def test_shipped_files_name_their_schema() -> None:
    for path in [POSITIONS / "topics.yaml", POSITIONS / "sources.yaml", *sorted((POSITIONS / "actors").glob("*.yaml"))]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = "actor" if path.parent.name == "actors" else path.stem
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMAS / f"{kind}.schema.json").resolve(), path


def check_jsonschema(kind: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(SCHEMAS / f"{kind}.schema.json"),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("root", [POSITIONS, VALID / "positions"], ids=["shipped", "fixture"])
def test_check_jsonschema_accepts_the_valid_datasets(root: Path) -> None:
    for kind, files in (
        ("topics", [root / "topics.yaml"]),
        ("sources", [root / "sources.yaml"]),
        ("actor", sorted((root / "actors").glob("*.yaml"))),
    ):
        result = check_jsonschema(kind, *files)
        assert result.returncode == 0, result.stdout + result.stderr


# Schema-level defects: check-jsonschema and `stancediff validate` must both reject each.
SCHEMA_DEFECTS = [
    ("actor", "actors/mayor.yaml", "    position: support", "    postion: support"),
    ("actor", "actors/mayor.yaml", "    basis: stated\n", ""),
    ("actor", "actors/mayor.yaml", "position: support", "position: suport"),
    ("actor", "actors/mayor.yaml", "kind: person", "kind: people"),
    ("actor", "actors/mayor.yaml", "date: 2021-03-02", "date: 2021-13-02"),
    ("actor", "actors/mayor.yaml", "aliases: [Ana Ruiz]", "aliases: Ana Ruiz"),
    ("actor", "actors/mayor.yaml", 'country: "ES"', 'country: "es"'),
    ("actor", "actors/mayor.yaml", "        quote: She said the charge should apply only on weekdays.\n", ""),
    ("actor", "actors/mayor.yaml", "topic: congestion-charge", "topic: Congestion Charge"),
    ("topics", "topics.yaml", "title: Congestion charge", 'title: " "'),
    ("sources", "sources.yaml", "url: https://example.org/gazette/charge", "url: ftp://example.org/x"),
    ("sources", "sources.yaml", "sha256: ", "sha256: abc\n    old_sha256: "),
]


@pytest.mark.parametrize(("kind", "name", "old", "new"), SCHEMA_DEFECTS)
def test_both_validators_reject_schema_defects(tmp_path: Path, kind: str, name: str, old: str, new: str) -> None:
    shutil.copytree(VALID, tmp_path / "data")
    path = tmp_path / "data" / "positions" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert check_jsonschema(kind, path).returncode == 1
    assert invoke("validate", "--positions", str(tmp_path / "data" / "positions")).exit_code == 1


# init


def test_init_makes_a_dataset_that_validates_clean(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "new"))
    assert result.exit_code == 0
    assert f"created {tmp_path / 'new' / 'actors' / 'example-actor.yaml'}" in result.stdout
    checked = invoke("validate", "--positions", str(tmp_path / "new"), "--strict", "--format", "json")
    assert checked.exit_code == 0 and json.loads(checked.stdout)["problems"] == []
    for kind in FILES:
        assert (tmp_path / "new" / "schemas" / f"{kind}.schema.json").read_text() == schema_text(kind)
    actor = tmp_path / "new" / "actors" / "example-actor.yaml"
    assert check_jsonschema("actor", actor).returncode == 0  # its schema line points at a real schema
    assert actor.read_text().startswith("# yaml-language-server: $schema=../schemas/actor.schema.json\n")


def test_init_defaults_to_positions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("init").exit_code == 0
    assert (tmp_path / "positions" / "topics.yaml").is_file()


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "new" / "actors").mkdir(parents=True)
    mine = tmp_path / "new" / "sources.yaml"
    mine.write_text("my own sources\n")
    result = invoke("init", str(tmp_path / "new"))
    assert result.exit_code == 2 and "not overwriting" in result.stderr and str(mine) in result.stderr
    assert mine.read_text() == "my own sources\n"
    assert sorted(p.name for p in (tmp_path / "new").rglob("*")) == ["actors", "sources.yaml"]


def test_write_new_never_replaces_a_file(tmp_path: Path) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("keep me\n")
    with pytest.raises(scaffold.AlreadyExists):
        scaffold.write_new(target, "new text\n")
    assert target.read_text() == "keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]  # no temporary file left behind


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"stancediff, version {__version__}\n"


def test_shell_completion_script() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from stancediff.cli import main; main(prog_name='stancediff')"],
        env={**os.environ, "_STANCEDIFF_COMPLETE": "bash_source"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "_stancediff_completion" in result.stdout


# pre-commit


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for both runs, so the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(PROJECT), "stancediff-validate", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None or not (PROJECT / ".git").exists(), reason="needs git and a checkout")
def test_pre_commit_hook_passes_and_fails(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(VALID / "positions", repo / "positions")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)

    passing = try_repo(repo, pre_commit_home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "stancediff validate" in passing.stdout and "Passed" in passing.stdout

    mayor = repo / "positions" / "actors" / "mayor.yaml"
    mayor.write_text(mayor.read_text().replace("position: support", "position: suport", 1))
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    failing = try_repo(repo, pre_commit_home)
    assert failing.returncode == 1
    assert "Failed" in failing.stdout and "invalid-choice" in failing.stdout
