"""`stancediff validate` as users see it: formats, colour, discovery and exit status."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import Copy, invoke, validate_json

PLAIN_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning) (?P<code>[a-z0-9-]+) (?P<message>.+)$"
)


def broken(data: Copy) -> None:
    """Two errors and one warning."""
    data.edit("actors/mayor.yaml", "position: support", "position: suport")
    data.edit("actors/lena-park.yaml", "date: 2021", "date: 2999")
    data.edit(
        "topics.yaml",
        "topics:\n",
        "topics:\n  - id: unused\n    title: Unused\n    proposition: Nobody talks about this.\n",
    )


def test_plain_text_when_piped(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    broken(data)
    monkeypatch.chdir(data.root)
    result = invoke("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines.pop() == "stancediff explain CODE says what a code means and how to fix it"
    parsed = [PLAIN_LINE.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    assert [(m["file"], m["line"], m["severity"], m["code"]) for m in parsed] == [  # type: ignore[index]
        ("positions/actors/lena-park.yaml", "8", "error", "future-date"),
        ("positions/actors/mayor.yaml", "8", "error", "invalid-choice"),
        ("positions/topics.yaml", "2", "warning", "unused-topic"),
    ]
    assert "\x1b" not in result.stdout
    # The stance with an invalid position is still read, so that its other values are checked: it counts.
    assert lines[-1] == (
        "5 files, 3 actors, 4 stances, 4 quotes (0 checked, 4 unchecked): 2 errors, 1 warning; "
        "4 quotes unchecked, which --strict fails: give their sources a `file` in the archive sources.yaml names "
        "(`archive:`)"
    )


def test_colour_on_a_terminal_but_data_stays_literal(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "kind: person", "kind: person\n'[bold red]x[/]': 1\nnote: \"\\e]0;pwned\\a\"")
    result = invoke("validate", "--positions", str(data.positions), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.exit_code == 1
    assert "\x1b[" in result.stdout  # rich styled it
    assert '"[bold red]x[/]"' in result.stdout  # markup from the data is shown, not applied
    assert "\x1b]0;" not in result.stdout and "\\x1b" in result.stdout  # the escape is spelled out


def test_no_color_gives_plain_output_even_on_a_terminal(data: Copy) -> None:
    broken(data)
    result = invoke("validate", "--positions", str(data.positions), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in result.stdout
    assert PLAIN_LINE.match(result.stdout.splitlines()[0])


def test_json_format(data: Copy) -> None:
    broken(data)
    result = invoke("validate", "--positions", str(data.positions), "--format", "json")
    report = json.loads(result.stdout)
    assert set(report) == {"problems", "counts"}
    assert set(report["problems"][0]) == {"file", "line", "column", "severity", "code", "message"}
    assert report["counts"]["errors"] == 2 and report["counts"]["warnings"] == 1
    assert report["counts"]["quotes_unchecked"] == 4  # the stance with an invalid position is still read


def test_github_format_is_the_default_under_github_actions(data: Copy) -> None:
    broken(data)
    result = invoke("validate", "--positions", str(data.positions), env={"GITHUB_ACTIONS": "true"})
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=")
    assert ",line=8,col=" in first and "title=future-date::" in first


def test_github_format_escapes_its_own_syntax(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "kind: person", "kind: person\n'a,b:100%': 1")
    result = invoke("validate", "--positions", str(data.positions), "--format", "github")
    (line,) = [text for text in result.stdout.splitlines() if "unknown-key" in text]
    assert line.endswith('::unknown key "a,b:100%25" in actor')
    assert line.startswith("::error file=")


def test_warnings_alone_exit_0_and_1_with_strict(data: Copy) -> None:
    data.edit("topics.yaml", "topics:\n", "topics:\n  - id: unused\n    title: Unused\n    proposition: Nobody.\n")
    assert invoke("validate", "--positions", str(data.positions)).exit_code == 0
    assert invoke("validate", "--positions", str(data.positions), "--strict").exit_code == 1


def test_nearest_positions_folder_upwards(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data.positions / "actors")
    monkeypatch.delenv("STANCEDIFF_POSITIONS", raising=False)
    result = invoke("validate")
    assert result.exit_code == 0 and "3 actors" in result.stdout


def test_environment_variable_and_option_order(data: Copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("validate", env={"STANCEDIFF_POSITIONS": str(data.positions)}).exit_code == 0
    # --positions beats the environment
    result = invoke(
        "validate", "--positions", str(tmp_path / "nowhere"), env={"STANCEDIFF_POSITIONS": str(data.positions)}
    )
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--positions", "missing"], {}, "--positions missing does not exist"),
        (["--positions", "file.txt"], {}, "--positions file.txt is not a folder"),
        ([], {"STANCEDIFF_POSITIONS": "missing"}, "$STANCEDIFF_POSITIONS missing does not exist"),
        ([], {}, "no positions/ folder in"),
    ],
)
def test_no_dataset_is_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args, env, message
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STANCEDIFF_POSITIONS", raising=False)
    (tmp_path / "file.txt").write_text("x")
    result = invoke("validate", *args, env=env)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_missing_sources_dir_is_a_usage_error(data: Copy) -> None:
    result = invoke("validate", "--positions", str(data.positions), "--sources-dir", str(data.root / "nope"))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_strict_fails_on_quotes_left_unchecked(tmp_path: Path) -> None:
    """A dataset whose sources.yaml names no archive: its quote is not proved, and CI with --strict must not pass."""
    positions = tmp_path / "positions"
    assert invoke("init", str(positions)).exit_code == 0
    assert invoke("validate", "--positions", str(positions), "--strict").exit_code == 0  # init's quote is proved
    sources = positions / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("archive: archive\n", ""), encoding="utf-8")
    plain = invoke("validate", "--positions", str(positions))
    strict = invoke("validate", "--positions", str(positions), "--strict")
    assert plain.exit_code == 0 and strict.exit_code == 1
    assert "0 errors, 0 warnings; 1 quote unchecked, which --strict fails" in strict.stdout


def many_unused_topics(copy: Copy, count: int = 250) -> None:
    """`count` topics nobody takes a stance on: as many warnings, in one file, and no error."""
    topics = "".join(f"  - id: unused-{n}\n    title: U{n}\n    proposition: U{n} holds.\n" for n in range(count))
    copy.edit("topics.yaml", "topics:\n", "topics:\n" + topics)


def test_the_line_for_warnings_left_out_is_a_warning(data: Copy) -> None:
    many_unused_topics(data)
    result = invoke("validate", "--positions", str(data.positions), "--format", "github")
    assert result.exit_code == 0
    assert not [line for line in result.stdout.splitlines() if line.startswith("::error")]
    (more,) = [line for line in result.stdout.splitlines() if "more-warnings" in line]
    assert more.startswith("::warning ") and more.endswith("not listed in this file: 50 more warnings")
    assert ": 0 errors, 250 warnings" in result.stdout.splitlines()[-1]


def test_the_line_for_problems_left_out_is_an_error_when_errors_are_among_them(data: Copy) -> None:
    many_unused_topics(data)
    data.edit("topics.yaml", "  - id: unused-249\n", "  - id: Unused-249\n")
    code, report = validate_json(data)
    assert code == 1
    (more,) = [p for p in report["problems"] if p["code"].startswith("more-")]
    assert (more["code"], more["severity"]) == ("more-problems", "error")
    assert more["message"] == "not listed in this file: 50 more problems (1 error, 49 warnings)"
