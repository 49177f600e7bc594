"""stancediff behaves as a good Unix tool: options anywhere, clean exits, honest messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import invoke
from test_views import ACTORS, write_dataset


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    return write_dataset(tmp_path, ACTORS)


def shown(positions: Path, *args: str) -> tuple[list[str], list[str]]:
    """The actor ids (sorted) and topic ids `compare` shows with `args`, read from its JSON."""
    result = invoke("compare", *args, "--format", "json", "--positions", str(positions))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    return sorted(a["id"] for a in document["actors"]), [t["id"] for t in document["topics"]]


def test_positions_before_the_command(positions: Path) -> None:
    before = invoke("--positions", str(positions), "compare", "--format", "csv")
    after = invoke("compare", "--format", "csv", "--positions", str(positions))
    assert before.exit_code == 0 and before.stdout == after.stdout and "Alice" in before.stdout


def test_the_commands_positions_wins_over_the_groups(positions: Path, tmp_path: Path) -> None:
    result = invoke("--positions", str(tmp_path / "nowhere"), "compare", "--positions", str(positions))
    assert result.exit_code == 0


def test_a_folder_that_is_not_a_dataset_names_the_nearest(positions: Path) -> None:
    project = positions.parent
    for command in (["compare"], ["validate"], ["topic", "a"], ["timeline"]):
        result = invoke(*command, "--positions", str(project))
        assert result.exit_code == 2, command
        assert "is not a dataset" in result.stderr and f"did you mean {positions}?" in result.stderr
        assert result.stdout == ""


def test_an_empty_folder_suggests_init(tmp_path: Path) -> None:
    result = invoke("compare", "--positions", str(tmp_path))
    assert result.exit_code == 2 and "stancediff init" in result.stderr


def test_a_closed_pipe_is_not_an_error(positions: Path) -> None:
    command = f"'{sys.executable}' -m stancediff compare --positions '{positions}' | head -n 1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 141)  # done, or ended by SIGPIPE as `git log | head` is; never 1
    assert result.stderr == ""


def test_the_same_actor_twice_is_a_usage_error(positions: Path) -> None:
    for command in (["compare", "alice", "alice"], ["diff", "bob", "bob"], ["agreement", "bob", "carol", "bob"]):
        result = invoke(*command, "--positions", str(positions))
        assert result.exit_code == 2 and "is named twice" in result.stderr, command


def test_repeated_kinds_accumulate(positions: Path, tmp_path: Path) -> None:
    kinds = {"alice": "person", "bob": "company", "carol": "analyst", "dave": "person"}
    for actor, kind in kinds.items():
        path = positions / "actors" / f"{actor}.yaml"
        path.write_text(path.read_text().replace("kind: person", f"kind: {kind}"))
    assert shown(positions, "--kind", "company", "--kind", "analyst")[0] == ["bob", "carol"]


def test_a_comma_in_an_id_says_to_repeat_the_option(positions: Path) -> None:
    result = invoke("compare", "--topic", "a,b", "--positions", str(positions))
    assert result.exit_code == 2 and "repeat the option instead: --topic a --topic b" in result.stderr


def test_timeline_takes_several_actors(positions: Path) -> None:
    result = invoke("timeline", "alice", "dave", "--format", "csv", "--positions", str(positions))
    actors = {row.split(",")[1] for row in result.stdout.splitlines()[1:]}
    assert actors == {"alice", "dave"}


def test_actors_without_a_stance_as_of_the_date_are_left_out(positions: Path) -> None:
    # As of 2020-04, bob (first stance 2020-05 on a, 2020 on b and d) holds b and d; dave holds c.
    assert shown(positions, "--topic", "a", "--as-of", "2020-04")[0] == ["alice", "carol"]
    empty = invoke("compare", "--topic", "a", "--as-of", "2019", "--positions", str(positions))
    assert (empty.exit_code, empty.stdout) == (0, "")
    assert "no actor has a stance on the topics shown as of 2019" in empty.stderr


def test_counts_agree_in_number(positions: Path) -> None:
    result = invoke("blocs", "--positions", str(positions))
    assert "1 bloc of two or more; 2 actors joined no bloc" in result.stdout
    summary = invoke("validate", "--positions", str(positions)).stdout.splitlines()[-1]
    assert summary.startswith("6 files, 4 actors, 10 stances, 10 quotes")
    assert "0 errors, 0 warnings" in summary


def test_explain_a_problem_code() -> None:
    result = invoke("explain", "unknown-topic")
    assert result.exit_code == 0
    assert result.stdout.startswith("unknown-topic (error): Unknown topic")
    assert "fix: Add the topic to topics.yaml or correct the id." in result.stdout
    assert invoke("explain", "no-such-code").exit_code == 2


def test_basis_filters_repeat_and_accumulate(positions: Path) -> None:
    assert shown(positions, "--basis", "inferred")[0] == ["bob"]  # bob acts for d
    assert shown(positions, "--basis", "inferred", "--basis", "reported")[0] == ["alice", "bob"]  # alice: c
    csv_out = invoke("topic", "c", "--basis", "stated", "--format", "csv", "--positions", str(positions)).stdout
    assert [row.split(",")[0] for row in csv_out.splitlines()[1:]] == ["dave"]


def test_timeline_since_and_until(positions: Path) -> None:
    result = invoke(
        "timeline", "--since", "2020-03", "--until", "2021", "--format", "csv", "--positions", str(positions)
    )
    dates = [row.split(",")[0] for row in result.stdout.splitlines()[1:]]
    assert dates == ["2020-03", "2020-05"]  # alice on c, bob on a; 2021-06 is after 2021-01-01


def test_tags_choose_topics(positions: Path) -> None:
    topics = positions / "topics.yaml"
    topics.write_text(topics.read_text().replace("- id: b\n", "- id: b\n  tags: [money]\n", 1))
    assert shown(positions, "--tag", "money")[1] == ["b"]
    none = invoke("compare", "--tag", "nothing", "--positions", str(positions))
    assert (none.exit_code, none.stdout) == (0, "") and "no topic has the tag nothing" in none.stderr
