"""What a user sees at 80, 120 and 200 columns on the shipped dataset: compact views, labels that wrap late.

Run through the real CLI with COLUMNS set, as a terminal of that width would.
"""

from __future__ import annotations

import pytest

from conftest import PROJECT, invoke

POSITIONS = ["--positions", str(PROJECT / "positions")]


def shown(*args: str, columns: int) -> list[str]:
    result = invoke(*args, *POSITIONS, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def stance_count() -> int:
    return len(invoke("timeline", *POSITIONS, "--format", "csv").stdout.splitlines()) - 1


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_no_line_is_wider_than_the_terminal(columns: int) -> None:
    for command in (["compare"], ["timeline"], ["topic", "huawei-in-5g"], ["show", "huawei"], ["diff", "us", "huawei"]):
        assert max(len(line) for line in shown(*command, columns=columns)) <= columns, command


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_the_timeline_is_one_line_a_stance_where_names_fit(columns: int) -> None:
    lines = shown("timeline", columns=columns)
    header = next(line for line in lines if "date" in line and "actor" in line and "topic" in line)
    assert lines.index(header) < 3  # a table, not a card per stance
    rows = [line for line in lines if line.strip()[:4] == "2019"]
    assert len(rows) == stance_count()
    assert len(lines) <= 2 * stance_count() + 8  # a wrapped long name takes a second line, no more
    if columns == 200:
        assert len(lines) <= stance_count() + 8


def test_long_gives_the_cards_with_their_summaries() -> None:
    compact = "\n".join(shown("timeline", columns=80))
    cards = "\n".join(shown("timeline", "--long", columns=80))
    summary = "Liang offers governments"
    assert summary not in compact and summary in cards


def test_a_topic_is_a_table_at_80_columns() -> None:
    lines = shown("topic", "huawei-in-5g", columns=80)
    assert any("actor" in line and "position" in line and "basis" in line for line in lines)
    assert len(lines) < 30  # 8 stances: was 67 lines of cards


def test_compare_uses_the_spare_width_before_wrapping_a_label() -> None:
    """At 200 columns the foreign ministry's name took three lines of 24 while the table used 168 columns."""
    lines = shown("compare", columns=200)
    first = next(line for line in lines if line.strip().startswith("Ministry of Foreign")).split("  ")[1]
    assert len(first) > 40  # its first line takes the room there is, not 24 characters
    assert max(len(line) for line in lines) >= 190  # the spare width is used


def test_a_wrapped_label_is_indented_so_it_reads_as_the_same_row() -> None:
    lines = shown("compare", columns=80)
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Ministry of Foreign"))
    following = lines[start + 1]
    assert following.startswith("    ") and not following.startswith("     ") and following.strip()
    assert "·" not in following  # no cells beside a continuation
