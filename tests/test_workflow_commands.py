"""No line of output from the data reads as a GitHub Actions workflow command.

The runner takes a line as a command when it starts with `::` once leading white
space is trimmed, or holds the legacy `##[` anywhere (actions/runner,
ActionCommand.TryParseV2 and TryParse); data must never do either.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import VALID, invoke
from stancediff.problems import Counts, Problem, Report
from stancediff.render import console
from stancediff.render.formats import FORMATS
from stancediff.render.problems import report_text
from stancediff.text import inert_commands
from stancediff.views.view import Cell, Table, View
from test_views import run, stance, write_dataset

COMMANDS = ("::error file=x.py::boom", "  ::add-mask::secret", "\u2003::warning::wide space", "ok ##[error]legacy")
WRAPS = "word " * 30 + "::error::after a wrap"  # rich may start a line with the command when it wraps


def command_lines(text: str) -> list[str]:
    """Lines the runner would read as commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::") or "##[" in line]


def test_the_check_finds_commands_in_text_written_plainly() -> None:
    assert len(command_lines("\n".join(COMMANDS))) == len(COMMANDS)


def test_inert_commands_spells_the_first_character_out() -> None:
    assert inert_commands("::error::x\n  ::add-mask::y\nok ##[z] ###[w]") == (
        "\\x3a:error::x\n  \\x3a:add-mask::y\nok \\x23#[z] #\\x23#[w]"
    )
    assert inert_commands("\x1b[1m::error::x") == "\x1b[1m\\x3a:error::x"  # after a colour code too
    assert inert_commands("a :: b\n:x") == "a :: b\n:x"  # nothing else changes


VIEW = View(
    title=COMMANDS[0],
    data={"summary": COMMANDS[3]},
    facts=(("says", COMMANDS[1]),),
    tables=(Table(("who", "says"), tuple((Cell(text), Cell(f"{WRAPS}\n{text}")) for text in COMMANDS), prose=(1,)),),
    notes=COMMANDS,
)


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("color", ["never", "always"])
def test_table_never_starts_a_line_with_a_command(width: int, color: str) -> None:
    stream = io.StringIO()
    stream.width = width  # type: ignore[attr-defined]  # as the pager's buffer gives it
    console.set_color(color)
    try:
        FORMATS["table"].render(VIEW, stream)
    finally:
        console.set_color("auto")
    text = stream.getvalue()
    assert "boom" in text and "wrap" in text
    assert command_lines(text) == []


def test_markdown_has_no_legacy_command() -> None:
    stream = io.StringIO()
    FORMATS["markdown"].render(VIEW, stream)
    assert "legacy" in stream.getvalue() and command_lines(stream.getvalue()) == []


def test_json_keeps_the_data_and_no_legacy_command() -> None:
    stream = io.StringIO()
    FORMATS["json"].render(VIEW, stream)
    assert command_lines(stream.getvalue()) == []
    assert json.loads(stream.getvalue()) == VIEW.data


@pytest.mark.parametrize("color", ["never", "always"])
def test_problem_output_never_starts_a_line_with_a_command(color: str) -> None:
    found = tuple(Problem(f"::error::{n}.yaml", 1, 1, "unknown-topic", "error", "unknown ##[error]x") for n in "ab")
    stream = io.StringIO()
    console.set_color(color)
    try:
        report_text(Report(found, Counts(2, 0, 0, 0, 0, 0, 2, 0)), stream)
    finally:
        console.set_color("auto")
    assert "unknown" in stream.getvalue()
    assert command_lines(stream.getvalue()) == []


@pytest.mark.parametrize("columns", ["80", "200"])
def test_views_from_the_cli_are_inert(tmp_path: Path, columns: str) -> None:
    stances = [stance("a", "support", "2020", f"{WRAPS}\n{text}") for text in COMMANDS[:1]]
    positions = write_dataset(tmp_path, {"eve": stances})
    for command in (
        ["topic", "a", "--quotes"],
        ["show", "eve"],
        ["timeline", "--long"],
        ["topic", "a", "--format", "json"],
    ):
        result = run(positions, *command, env={"COLUMNS": columns})
        assert result.exit_code == 0 and "boom" in result.stdout
        assert command_lines(result.stdout) == [], command


# Every command, on a dataset and an archive that hold workflow commands and escape codes.

HOSTILE = "::error::injected ##[error]legacy \x1b]0;title\x07"


def hostile_project(tmp_path: Path) -> Path:
    """The valid fixture, its archive named, with commands in a summary, a quote, a note and the archived text."""
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    gazette = data / "sources" / "harbour-gazette.txt"
    gazette.write_text(gazette.read_text() + "\n::error::archived\n##[error]archived legacy line\n")
    sources = data / "positions" / "sources.yaml"
    digest = hashlib.sha256(gazette.read_bytes()).hexdigest()
    text = re.sub(r"sha256: fa96\w+", f"sha256: {digest}", sources.read_text())
    sources.write_text("archive: ../sources\n" + text)
    mayor = data / "positions" / "actors" / "mayor.yaml"
    mayor.write_text(
        mayor.read_text()
        .replace("summary: The mayor backs a charge to fund the trams.", 'summary: "Backs it.\\n::error::summary"')
        .replace("summary: She wants", 'note: "legacy ##[error]note"\n    summary: She wants')
        + '      - source: harbour-gazette-2021-03-03\n        quote: "::error::not in the source ##[error]q"\n'
    )
    return data / "positions"


COMMANDS_RUN = {
    "validate text": ["validate"],
    "validate json": ["validate", "--format", "json"],
    "search text": ["search", "error"],
    "search json": ["search", "error", "--format", "json"],
    "search csv": ["search", "error", "--format", "csv"],
    "quote text": ["quote", "harbour-gazette-2021-03-03", "archived legacy"],
    "quote json": ["quote", "harbour-gazette-2021-03-03", "archived legacy", "--format", "json"],
    "quote all": ["quote", "archived"],
    "report": ["report", "-o", "-"],
    "export csv": ["export", "--format", "csv", "-o", "-"],
    "export json": ["export", "--format", "json", "-o", "-"],
    "add": ["add", "topic", "--id", "x", "--title", "X", "--proposition", "X."],
    "show": ["show", "mayor", "--format", "markdown"],
    "no such actor": ["show", "##[error]x"],
}


def output(positions: Path, name: str) -> str:
    """What the command `name` prints, stdout and stderr, as in a CI log."""
    result = invoke(*COMMANDS_RUN[name], "--positions", str(positions), env={"COLUMNS": "80", "GITHUB_ACTIONS": ""})
    return result.stdout + result.stderr


@pytest.mark.parametrize("name", list(COMMANDS_RUN))
def test_nothing_a_command_prints_is_a_workflow_command(tmp_path: Path, name: str) -> None:
    """On the hostile dataset, with its errors (reported) and without (views, report and export write)."""
    positions = hostile_project(tmp_path)
    assert command_lines(output(positions, name)) == [], output(positions, name)
    mayor = positions / "actors" / "mayor.yaml"
    mayor.write_text(mayor.read_text().rsplit("      - source:", 1)[0])
    assert command_lines(output(positions, name)) == [], output(positions, name)


def test_what_is_made_inert_is_all_there(tmp_path: Path) -> None:
    """The data is all there, its first character spelled out as each format spells one."""
    positions = hostile_project(tmp_path)
    mayor = positions / "actors" / "mayor.yaml"
    mayor.write_text(mayor.read_text().rsplit("      - source:", 1)[0])
    stances = {s["summary"]: s for s in json.loads(output(positions, "export json"))["stances"]}
    assert "Backs it.\n::error::summary" in stances
    assert any(s["note"] == "legacy ##[error]note" for s in stances.values())
    report = output(positions, "report")
    assert "\n&#x3a;:error::summary" in report and "legacy &#x23;#[error]note" in report
    assert "\n\\x3a:error::summary" in output(positions, "export csv")
    assert "legacy \\x23#[error]note" in output(positions, "search text")
    assert 'archived \\u0023#[error]"' in output(positions, "quote json")


def test_the_report_page_is_the_same_page_in_a_browser() -> None:
    """The stylesheet (with its rules for this dataset's matrices) and the script are hashed into the page's
    policy before the inert rewrite of the page: the rewrite must leave them as they were hashed."""
    page = invoke("report", "--positions", str(VALID / "positions"), "-o", "-").stdout
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert found
    policy = html.unescape(found.group(1))
    assert "#matrix .cells" in page  # the stylesheet's part drawn from the data is there too
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)
        assert body and inert_commands(body.group(1)) == body.group(1), tag
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, tag
