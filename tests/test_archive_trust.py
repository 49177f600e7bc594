"""A dataset cannot make stancediff read and print a file outside the project (docs/format.md, the archive).

Each attack is a dataset as a pull request could bring it: an `archive:` that
climbs out of the project, an archive or archived file that is a symlink out
of it, a file inside the project's `.git`. Every command that reads archived
texts runs on it (validate in each format, quote, add, export), and nothing
of the file it names may appear in what they print. The files the user
named (--sources-dir, $STANCEDIFF_ARCHIVE), and those whose sha256 is the one
sources.yaml records (the shipped dataset's archive beside the repository),
are read.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID, invoke
from stancediff.format.archive import ArchiveFolder, project_of

SECRET = "STANCEDIFF_SECRET_TOKEN=hunter2-6f1c0d"
LEAKS = ("hunter2", "SECRET_TOKEN", "6f1c0d")
GAZETTE = "harbour-gazette-2021-03-03"
SHA_LINE = "    sha256: fa961531fa5446046d1b410944adb3be5c541fd3c84153b62b7b058878b5943f\n"


def leaked(text: str) -> bool:
    return any(part in text for part in LEAKS)


class Project:
    """A project (tmp/project) holding a copy of the valid fixture, with a secret beside it (tmp/secret.env)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.root = tmp / "project"
        shutil.copytree(VALID, self.root)
        self.secret = tmp / "secret.env"
        self.secret.write_text(SECRET + "\n", encoding="utf-8")
        self.new_text = tmp / "new-text.txt"  # a text to add as a source: inside an archive that climbs to `tmp`
        self.new_text.write_text("A new text.\n", encoding="utf-8")

    @property
    def positions(self) -> Path:
        return self.root / "positions"

    def sources_yaml(self, archive: str | None, gazette_file: str = "harbour-gazette.txt", sha: bool = True) -> None:
        path = self.positions / "sources.yaml"
        text = (VALID / "positions" / "sources.yaml").read_text(encoding="utf-8")
        text = text.replace("file: harbour-gazette.txt", f"file: {gazette_file}")
        if not sha:
            text = text.replace(SHA_LINE, "")
        path.write_text((f"archive: {archive}\n" if archive else "") + text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def up_to_root(folder: Path) -> str:
    """A relative path from `folder` to the file system's root."""
    return "/".join([".."] * len(folder.resolve().parts))


# Each attack makes the gazette's `file` name the secret, or /etc/passwd; it returns what must never be printed.
def relative_path(project: Project) -> tuple[str, ...]:
    project.sources_yaml("../..", "secret.env", sha=False)
    return LEAKS


def symlinked_archive(project: Project) -> tuple[str, ...]:
    shutil.rmtree(project.root / "sources")
    (project.root / "sources").symlink_to(project.tmp)
    project.sources_yaml("../sources", "secret.env", sha=False)
    return LEAKS


def symlinked_file(project: Project) -> tuple[str, ...]:
    (project.root / "sources" / "harbour-gazette.txt").unlink()
    (project.root / "sources" / "harbour-gazette.txt").symlink_to(project.secret)
    project.sources_yaml("../sources", sha=False)
    return LEAKS


def etc_passwd(project: Project) -> tuple[str, ...]:
    project.sources_yaml(up_to_root(project.positions) + "/etc", "passwd", sha=False)
    return ("root:x:0:0", "/bin/")


def symlink_to_etc(project: Project) -> tuple[str, ...]:
    shutil.rmtree(project.root / "sources")
    (project.root / "sources").symlink_to("/etc")
    project.sources_yaml("../sources", "passwd", sha=False)
    return ("root:x:0:0", "/bin/")


def guessed_sha256(project: Project) -> tuple[str, ...]:
    """A sha256 the data made up: the file is read to compare, but neither its text nor its digest is told."""
    project.sources_yaml("../..", "secret.env", sha=True)
    return (*LEAKS, hashlib.sha256(project.secret.read_bytes()).hexdigest())


def git_config(project: Project) -> tuple[str, ...]:
    """Inside the project, but in .git: where actions/checkout keeps the token it fetched with."""
    subprocess.run(["git", "init", "-q", str(project.root)], check=True)
    with (project.root / ".git" / "config").open("a") as config:
        config.write(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}\n")
    project.sources_yaml("..", ".git/config", sha=False)
    return LEAKS


ATTACKS: list[Callable[[Project], tuple[str, ...]]] = [
    relative_path,
    symlinked_archive,
    symlinked_file,
    etc_passwd,
    symlink_to_etc,
    guessed_sha256,
    git_config,
]


def outputs(project: Project) -> dict[str, tuple[int, str]]:
    """What every command that reads archived texts prints on the dataset: exit status and stdout + stderr."""
    positions = ("--positions", str(project.positions))
    runs = {
        "validate text": ("validate", "--format", "text"),
        "validate json": ("validate", "--format", "json"),
        "validate github": ("validate", "--format", "github"),
        "quote a source": ("quote", GAZETTE, "the secret token"),
        "quote every source": ("quote", "hunter2 token root bin bash"),
        "quote json": ("quote", GAZETTE, "token", "--format", "json"),
        "add topic": ("add", "topic", "--id", "new-topic", "--title", "New", "--proposition", "A new one."),
        "add stance": (
            "add",
            "stance",
            "mayor",
            "--topic",
            "weekend-charge",
            "--position",
            "oppose",
            "--date",
            "2021-03-03",
            "--basis",
            "stated",
            "--summary",
            "No.",
            "--evidence",
            GAZETTE,
            "SECRET",
        ),
        "add source": ("add", "source", str(project.new_text), "--title", "New", "--date", "2021"),
        "export": ("export", "--format", "json", "-o", "-"),
    }
    found = {}
    for name, args in runs.items():
        result = invoke(*args, *positions, env={"COLUMNS": "200", "GITHUB_ACTIONS": ""})
        found[name] = (result.exit_code, result.stdout + result.stderr)
    return found


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.__name__)
def test_no_command_prints_a_file_outside_the_project(project: Project, attack: Callable) -> None:
    secrets = attack(project)
    before = {path: path.read_bytes() for path in project.positions.rglob("*.yaml")}
    for name, (status, text) in outputs(project).items():
        assert not any(secret in text for secret in secrets), f"{name} printed it:\n{text}"
        # add refuses only the errors its change brings: a topic, or a source whose file the user named
        # (its sha256 recorded), brings none; the archive's errors were there before.
        if name not in ("add topic", "add source"):
            assert status != 0, f"{name} passed:\n{text}"
    after = {path: path.read_bytes() for path in project.positions.rglob("*.yaml")}
    changed = {path for path in before if after[path] != before[path]}
    assert changed <= {project.positions / "topics.yaml", project.positions / "sources.yaml"}


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.__name__)
def test_the_file_is_refused_at_its_key_and_its_quotes_go_unchecked(project: Project, attack: Callable) -> None:
    attack(project)
    result = invoke("validate", "--positions", str(project.positions), "--format", "json")
    found = json.loads(result.stdout)
    refused = [p for p in found["problems"] if p["code"] in ("source-file-outside", "source-file-unsafe")]
    assert [(p["file"].rsplit("/", 1)[-1], p["line"], p["column"]) for p in refused][:1] == [("sources.yaml", 8, 11)]
    assert not {p["code"] for p in found["problems"]} & {"quote-not-found", "quote-mid-word", "checksum-mismatch"}
    assert found["counts"]["quotes_unchecked"] >= 3  # the gazette's three quotes


def test_the_environment_of_the_process_is_never_printed(project: Project) -> None:
    """/proc/self/environ holds the environment of a CI job: its tokens."""
    project.sources_yaml(up_to_root(project.positions) + "/proc/self", "environ", sha=True)
    for args in (["validate"], ["quote", GAZETTE, "TOKEN"], ["export", "--format", "csv", "-o", "-"]):
        result = subprocess.run(
            [sys.executable, "-m", "stancediff", *args, "--positions", str(project.positions)],
            capture_output=True,
            text=True,
            env={**os.environ, "CI_JOB_TOKEN": SECRET, "NO_COLOR": "1"},
            timeout=60,
        )
        assert not leaked(result.stdout + result.stderr), result.stdout + result.stderr
        assert result.returncode in (1, 2)


def beside(tmp_path: Path, sha: bool) -> Path:
    """The shipped layout: a git repository holding positions/, its archive beside it in ../shared/seeds."""
    repository = tmp_path / "repository"
    shutil.copytree(VALID / "positions", repository / "positions")
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    shutil.copytree(VALID / "sources", tmp_path / "shared" / "seeds")
    text = (VALID / "positions" / "sources.yaml").read_text(encoding="utf-8")
    if not sha:
        text = re.sub(r"    sha256: .*\n", "", text)
    (repository / "positions" / "sources.yaml").write_text("archive: ../../shared/seeds\n" + text, encoding="utf-8")
    return repository / "positions"


def test_an_archive_beside_the_repository_is_read_where_each_sha256_matches(tmp_path: Path) -> None:
    positions = beside(tmp_path, sha=True)
    result = invoke("validate", "--positions", str(positions), "--format", "json", "--strict")
    found = json.loads(result.stdout)
    assert (result.exit_code, found["problems"]) == (0, [])
    assert found["counts"]["quotes_checked"] == found["counts"]["quotes"] == 4
    quoted = invoke("quote", "--positions", str(positions), GAZETTE, "the fairest way to pay")
    assert quoted.exit_code == 0 and "the fairest way to pay" in quoted.stdout


def test_a_text_changed_outside_the_project_is_not_read(tmp_path: Path) -> None:
    positions = beside(tmp_path, sha=True)
    seed = tmp_path / "shared" / "seeds" / "harbour-gazette.txt"
    seed.write_text(seed.read_text() + "\nAdded later: the fairest way to rob the trams.\n")
    result = invoke("validate", "--positions", str(positions), "--format", "json")
    found = json.loads(result.stdout)
    assert [(p["code"], p["line"]) for p in found["problems"]] == [("source-file-outside", 8)]
    assert hashlib.sha256(seed.read_bytes()).hexdigest() not in result.stdout
    assert found["counts"]["quotes_unchecked"] == 3 and found["counts"]["quotes_checked"] == 1
    quoted = invoke("quote", "--positions", str(positions), GAZETTE, "the fairest way to rob")
    assert quoted.exit_code == 2 and "rob" not in quoted.output and "outside the project" in quoted.output


def test_a_folder_the_user_names_is_read_without_sha256(tmp_path: Path) -> None:
    positions = beside(tmp_path, sha=False)
    refused = json.loads(invoke("validate", "--positions", str(positions), "--format", "json").stdout)
    assert [p["code"] for p in refused["problems"]] == ["source-file-outside", "source-file-outside"]
    assert "records no sha256" in refused["problems"][0]["message"]
    seeds = str(tmp_path / "shared" / "seeds")
    for extra, env in (((), {"STANCEDIFF_ARCHIVE": f"/nowhere{os.pathsep}{seeds}"}), (("--sources-dir", seeds), {})):
        result = invoke("validate", "--positions", str(positions), "--format", "json", "--strict", *extra, env=env)
        found = json.loads(result.stdout)
        assert (result.exit_code, found["problems"], found["counts"]["quotes_checked"]) == (0, [], 4)


def test_the_project_is_the_git_work_tree_else_the_folder_above(tmp_path: Path) -> None:
    nested = tmp_path / "work" / "data" / "positions"
    nested.mkdir(parents=True)
    assert project_of(nested) == str((tmp_path / "work" / "data").resolve())
    subprocess.run(["git", "init", "-q", str(tmp_path / "work")], check=True)
    assert project_of(nested) == str((tmp_path / "work").resolve())
    home = tmp_path / "home"
    (home / "positions").mkdir(parents=True)
    assert project_of(home / "positions", home=home) == str((home / "positions").resolve())
    assert project_of(Path("/positions")) == "/positions"


def test_what_may_be_read(tmp_path: Path) -> None:
    folder = ArchiveFolder(tmp_path, project="/p", named=("/n",))
    assert folder.may_read("/p/archive/a.txt") and folder.may_read("/n/a.txt")
    assert not folder.may_read("/p/.git/config") and not folder.may_read("/p/sub/.git/config")
    assert not folder.may_read("/pp/a.txt") and not folder.may_read("/etc/passwd")


def test_whether_a_path_outside_exists_is_not_told(project: Project) -> None:
    answers = []
    for target in ("secret.env", "nothing-here"):
        project.sources_yaml(f"../../{target}")
        found = json.loads(invoke("validate", "--positions", str(project.positions), "--format", "json").stdout)
        answers.append(found["problems"][0]["message"].replace(target, "X"))
    assert answers[0] == answers[1] and "does not exist or is not a folder" in answers[0]
