"""`stancediff source`: one source's stances and its quotes in text order, with the share of the text they quote."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import invoke

# Ten words; the quotes cover "two three" and "seven eight", four of them: 40%.
TEXT = "One two three four five six seven eight nine ten.\n"


def stance(topic: str, quote: str) -> str:
    return (
        f"  - topic: {topic}\n    position: support\n    date: 2020-01-01\n    basis: stated\n"
        f"    summary: On {topic}.\n    evidence:\n      - source: paper\n        quote: {quote}\n"
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Actor a (first in file order) quotes the text's end, b its start; b also quotes what is not there."""
    positions = tmp_path / "positions"
    (positions / "actors").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "paper.txt").write_text(TEXT)
    (positions / "topics.yaml").write_text(
        "topics:\n  - id: t1\n    title: One\n    proposition: One.\n"
        "  - id: t2\n    title: Two\n    proposition: Two.\n"
    )
    (positions / "sources.yaml").write_text(
        "archive: ../archive\nsources:\n  - id: paper\n    title: The paper\n    date: 2020-01\n"
        "    url: https://example.org/paper\n    file: paper.txt\n  - id: other\n    title: Other\n    date: 2020\n"
    )
    (positions / "actors" / "a.yaml").write_text(
        "id: a\nname: Actor A\nkind: person\nstances:\n" + stance("t1", "seven eight")
    )
    (positions / "actors" / "b.yaml").write_text(
        "id: b\nname: Actor B\nkind: person\nstances:\n" + stance("t1", "two three") + stance("t2", "not in it")
    )
    return positions


def view(root: Path, *args: str) -> dict:
    result = invoke("source", "paper", "--positions", str(root), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_quotes_in_the_order_they_stand_in_the_text(root: Path) -> None:
    quotes = view(root)["quotes"]
    assert [(q["actor"], q["quote"]) for q in quotes] == [
        ("b", "two three"),
        ("a", "seven eight"),
        ("b", "not in it"),  # not found: last
    ]
    assert [q["start"] for q in quotes] == [TEXT.index("two three"), TEXT.index("seven eight"), None]
    assert quotes[0]["before"] == "One " and quotes[0]["after"].startswith(" four five")
    assert quotes[1]["stance_id"] == "a:t1:2020-01-01"


def test_the_share_of_the_text_quoted(root: Path) -> None:
    document = view(root)
    assert (document["words"], document["quoted_words"]) == (10, 4)
    assert document["quoted_share"] == pytest.approx(0.4)
    table = invoke("source", "paper", "--positions", str(root), "--format", "table").stdout
    assert "40% of its 10 words, by 2 quotes" in table


def test_every_stance_citing_it_and_the_sources_facts(root: Path) -> None:
    document = view(root)
    assert [s["id"] for s in document["stances"]] == ["a:t1:2020-01-01", "b:t1:2020-01-01", "b:t2:2020-01-01"]
    assert document["source"]["url"] == "https://example.org/paper"
    assert document["source"]["file"] == "paper.txt"
    by_title = invoke("source", "THE PAPER", "--positions", str(root), "--format", "json")
    assert json.loads(by_title.stdout)["source"]["id"] == "paper"


def test_csv_a_row_per_quote(root: Path) -> None:
    result = invoke("source", "paper", "--positions", str(root), "--format", "csv")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["order"], r["actor"], r["topic"], r["quote"]) for r in rows] == [
        ("1", "b", "t1", "two three"),
        ("2", "a", "t1", "seven eight"),
        ("3", "b", "t2", "not in it"),
    ]


def test_markdown_marks_each_quote_in_its_context(root: Path) -> None:
    result = invoke("source", "paper", "--positions", str(root), "--format", "markdown")
    assert "One \u00abtwo three\u00bb four five" in result.stdout


def test_without_its_archived_text_the_quotes_keep_file_order(root: Path) -> None:
    (root.parent / "archive" / "paper.txt").unlink()
    document = view(root)
    assert [q["quote"] for q in document["quotes"]] == ["seven eight", "two three", "not in it"]
    assert document["words"] is None and "paper.txt" in document["unread"]
    table = invoke("source", "paper", "--positions", str(root)).stdout
    assert "the archived text was not read" in table


def test_a_source_no_stance_cites(root: Path) -> None:
    result = invoke("source", "other", "--positions", str(root), "--format", "json")
    document = json.loads(result.stdout)
    assert document["stances"] == [] and document["quotes"] == []
    assert "names no archived" in document["unread"]


def test_an_unknown_source_gets_a_suggestion(root: Path) -> None:
    result = invoke("source", "papr", "--positions", str(root))
    assert result.exit_code == 2
    assert 'no source "papr"; did you mean "paper"?' in result.stderr


def test_an_archive_outside_named_by_sources_dir(root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "paper.txt").write_text("Nine ten two three.")
    document = view(root, "--sources-dir", str(elsewhere))
    assert [q["quote"] for q in document["quotes"]][:1] == ["two three"]
    assert document["words"] == 4
