"""Views are never silently wrong: what they leave out or cannot decide is said on stderr, exit 0;
files the loader skips are reported; a link out of the dataset is refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checking import FIXTURE, check_texts, codes
from commands import view_names
from conftest import VALID, invoke

# the fixture's invocation of every view (tests/commands.py finds them in `main`); blocs and contested
# weigh the duplicate too, but take no actor to name
VIEW_ARGS = {
    "compare": ["compare"],
    "topic": ["topic", "congestion-charge"],
    "timeline": ["timeline"],
    "agreement": ["agreement"],
    "show": ["show", "mayor"],
    "diff": ["diff", "mayor", "lena-park"],
    "blocs": ["blocs", "--min-shared", "1"],
    "contested": ["contested"],
    # the dataset against the pristine fixture: the warnings are the first coding's alone
    "reliability": ["reliability", "{positions}", str(VALID / "positions")],
    "source": ["source", "harbour-gazette-2021-03-03"],
}
VIEWS = [VIEW_ARGS[name] for name in view_names()]


def test_every_view_is_here() -> None:
    assert sorted(VIEW_ARGS) == sorted(view_names())


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    shutil.copytree(VALID / "positions", tmp_path / "positions")
    return tmp_path / "positions"


def view(positions: Path, *args: str, format_: str = "json"):
    args = tuple(arg.replace("{positions}", str(positions)) for arg in args)
    result = invoke(*args, "--positions", str(positions), "--format", format_, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    return result


@pytest.mark.parametrize("command", VIEWS, ids=" ".join)
def test_a_duplicate_actor_is_shown_once_and_said(positions: Path, command: list[str]) -> None:
    shutil.copy(positions / "actors" / "mayor.yaml", positions / "actors" / "mayor.yml")
    result = view(positions, *command)
    assert (
        f'warning: {positions}/actors/mayor.yml:1:5: actor id "mayor" is already used at '
        f"{positions}/actors/mayor.yaml:1 (this one is left out)\n"
    ) == result.stderr


def test_compare_and_agreement_show_one_mayor(positions: Path) -> None:
    shutil.copy(positions / "actors" / "mayor.yaml", positions / "actors" / "mayor.yml")
    compare = json.loads(view(positions, "compare").stdout)
    assert [actor["id"] for actor in compare["actors"]].count("mayor") == 1
    agreement = view(positions, "agreement", format_="table").stdout
    assert "mayor and mayor" not in agreement


@pytest.mark.parametrize("command", VIEWS[:3], ids=" ".join)
def test_a_stance_on_an_unknown_topic_is_said(positions: Path, command: list[str]) -> None:
    actor = positions / "actors" / "lena-park.yaml"
    actor.write_text(actor.read_text().replace("topic: congestion-charge", "topic: congestion-chrge", 1))
    result = view(positions, *command)
    assert 'lena-park.yaml:6:12: topic "congestion-chrge" is not defined in topics.yaml' in result.stderr
    assert "(the stance is left out)" in result.stderr


def test_a_duplicate_stance_is_ambiguous(positions: Path) -> None:
    actor = positions / "actors" / "lena-park.yaml"
    text = actor.read_text()
    actor.write_text(text + text.split("stances:\n", 1)[1])
    result = view(positions, "compare")
    assert "(which of the two is current is ambiguous)" in result.stderr


def test_an_unknown_source_is_said(positions: Path) -> None:
    actor = positions / "actors" / "lena-park.yaml"
    text = actor.read_text()
    source = text.split("source: ", 1)[1].split("\n", 1)[0]
    actor.write_text(text.replace(f"source: {source}", "source: nowhere", 1))
    result = view(positions, "show", "lena-park")
    assert 'source "nowhere" is not defined' in result.stderr and "cited by the source's id alone" in result.stderr


def test_a_sound_dataset_gives_no_warning(positions: Path) -> None:
    for command in VIEWS:
        assert view(positions, *command).stderr == ""


def test_warnings_are_capped(positions: Path) -> None:
    for index in range(30):
        (positions / "actors" / f"note-{index}.txt").write_text("x\n")
    lines = view(positions, "compare").stderr.splitlines()
    assert len(lines) == 10 and lines[-1] == "warning: and 21 more warnings; `stancediff validate` lists them all"


# Files the loader skips


@pytest.mark.parametrize(
    ("name", "shown", "reason"),
    [
        ("US.YAML", "US.YAML", "only names ending in .yaml or .yml, in lower case, are read"),
        ("us.Yml", "us.Yml", "only names ending in .yaml or .yml, in lower case, are read"),
        ("us.json", "us.json", "only names ending in .yaml or .yml are read in actors/"),
        ("old/us.yaml", "old/", "actor files are read only directly in actors/, not in a folder below it"),
    ],
)
def test_skipped_files_are_reported(positions: Path, name: str, shown: str, reason: str) -> None:
    path = positions / "actors" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text((positions / "actors" / "mayor.yaml").read_text())
    result = invoke("validate", "--positions", str(positions), "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["code"], p["severity"]) for p in problems] == [
        (f"{positions}/actors/{shown}", "skipped-file", "warning")
    ]
    assert problems[0]["message"] == f"not read: {reason}"
    assert f"actors/{shown}:1:1: not read: {reason} (nothing in it is shown)" in view(positions, "compare").stderr


def test_dot_files_are_nobodys_business(positions: Path) -> None:
    (positions / "actors" / ".mayor.yaml.swp").write_text("x")
    (positions / "actors" / ".git").mkdir()
    assert view(positions, "compare").stderr == ""


def test_skipped_files_in_memory() -> None:
    found = check_texts({**FIXTURE, "actors/x.YML": "id: x\n", "actors/sub/y.yaml": "id: y\n"})
    assert codes(found) == [("skipped-file", 1, 1), ("skipped-file", 1, 1)]


# Links


def test_an_actor_file_linking_out_of_the_dataset_is_refused(positions: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nname: Do not show me\nkind: person\n")
    (positions / "actors" / "secret.yaml").symlink_to(secret)
    result = invoke("validate", "--positions", str(positions), "--format", "json")
    (found,) = json.loads(result.stdout)["problems"]
    assert found["code"] == "unreadable" and "a symbolic link leading outside the dataset" in found["message"]
    shown = view(positions, "compare", format_="table")
    assert "Do not show me" not in shown.stdout and "secret" not in shown.stdout
    assert "the dataset has 1 error" in shown.stderr


def test_a_link_inside_the_dataset_is_read(positions: Path) -> None:
    (positions / "actors" / "mayor.yaml").rename(positions / "mayor.txt")
    (positions / "actors" / "mayor.yaml").symlink_to(positions / "mayor.txt")
    assert json.loads(invoke("validate", "--positions", str(positions), "--format", "json").stdout)["problems"] == []


def test_a_warning_never_holds_a_workflow_command(positions: Path) -> None:
    (positions / "actors" / "##[error]x.json").write_text("x\n")
    result = view(positions, "compare")
    assert "##[" not in result.stderr and "\\x23#[error]x.json" in result.stderr


def outside_actors(positions: Path, tmp_path: Path) -> None:
    """actors/ replaced by a link to a folder of actor files outside the dataset."""
    elsewhere = tmp_path / "elsewhere"
    shutil.move(positions / "actors", elsewhere)
    (elsewhere / "secret.yaml").write_text("id: secret\nname: Do not show me\nkind: person\nnotes: hunter2\n")
    (positions / "actors").symlink_to(elsewhere)


def test_an_actors_folder_linking_out_of_the_dataset_is_refused(positions: Path, tmp_path: Path) -> None:
    outside_actors(positions, tmp_path)
    result = invoke("validate", "--positions", str(positions), "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["code"], p["line"]) for p in problems if p["severity"] == "error"] == [
        (f"{positions}/actors", "unreadable", 1)
    ]
    assert "a symbolic link leading outside the dataset" in problems[0]["message"]
    assert result.exit_code == 1 and "hunter2" not in result.stdout and "secret" not in result.stdout
    for command in (["compare"], ["search", "hunter2"], ["search", "Do not show"]):
        shown = invoke(*command, "--positions", str(positions))
        assert "hunter2" not in shown.output and "Do not show me" not in shown.output


def test_an_actors_folder_linking_inside_the_dataset_is_read(positions: Path) -> None:
    (positions / "actors").rename(positions / "people")
    (positions / "actors").symlink_to(positions / "people")
    assert json.loads(invoke("validate", "--positions", str(positions), "--format", "json").stdout)["problems"] == []


def test_a_nearest_positions_folder_linking_out_is_not_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repository that commits positions/ as a link to a folder elsewhere on the runner."""
    shutil.copytree(VALID / "positions", tmp_path / "elsewhere")
    (tmp_path / "repository").mkdir()
    (tmp_path / "repository" / "positions").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path / "repository")
    result = invoke("validate")
    assert result.exit_code == 2 and "symbolic link leading outside" in result.stderr and "--positions" in result.stderr
    named = invoke("validate", "--positions", "positions")  # named, it is the user's choice
    assert named.exit_code == 0, named.output
