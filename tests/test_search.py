"""`stancediff search`: every value that mentions a text, where it stands in its file, highlighted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import invoke
from stancediff.analysis.search import matches, search
from stancediff.format.dataset import read_dataset

TOPICS = """\
topics:
  - id: tolls
    title: Congestion charge
    proposition: >-
      The city should charge cars
      entering the Café district.
"""
SOURCES = """\
sources:
  - id: paper
    title: The paper
    date: 2021-03-01
"""
MAYOR = """\
id: mayor
name: The Mayor
kind: person
aliases: [Mayor Ruiz, "[red]Ruiz[/red]"]
stances:
  - topic: tolls
    position: support
    date: 2021-03
    basis: stated
    summary: "The mayor backs the charge for the café district."
    conditions: [if trams run, if the café owners agree]
    evidence:
      - source: paper
        quote: We will charge cars, café or no café.
    note: Ruiz said it twice.
"""


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    root = tmp_path / "positions"
    (root / "actors").mkdir(parents=True)
    (root / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "actors" / "mayor.yaml").write_text(MAYOR, encoding="utf-8")
    return root


def where(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """The line and column of the `occurrence`-th `needle` in `text`, counted by hand."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def test_matching_ignores_case_accents_width_and_line_breaks() -> None:
    assert matches("CAFE", "the Café district") == ((4, 8),)
    assert matches("ｃａｆé", "a cafe") == ((2, 6),)  # full-width letters
    assert matches("cars entering", "charge cars\n  entering") == ((7, 22),)
    assert matches("straße", "STRASSE 1") == ((0, 7),)
    assert matches("a", "banana") == ((1, 2), (3, 4), (5, 6))
    assert matches("   ", "a b") == ()


def test_each_hit_is_located_where_its_match_is_written(positions: Path) -> None:
    hits = search(read_dataset(positions).dataset, "café")
    actor = (positions / "actors" / "mayor.yaml").read_text(encoding="utf-8")
    found = {(h.kind, h.field): (h.file.rsplit("/", 1)[1], h.line, h.column, h.text) for h in hits}
    assert found == {
        ("topic", "proposition"): (
            "topics.yaml",
            *where(TOPICS, "Café"),
            "The city should charge cars entering the Café district.",
        ),
        ("stance", "summary"): (
            "mayor.yaml",
            *where(actor, "café"),
            "The mayor backs the charge for the café district.",
        ),
        ("stance", "condition"): ("mayor.yaml", *where(actor, "café", 1), "if the café owners agree"),
        ("quote", "quote"): ("mayor.yaml", *where(actor, "café", 2), "We will charge cars, café or no café."),
    }
    quote = next(h for h in hits if h.kind == "quote")
    assert quote.matches == ((21, 25), (32, 36)) and (quote.actor, quote.topic, quote.date) == (
        "mayor",
        "tolls",
        "2021-03",
    )
    assert quote.source == "paper"


def test_a_second_alias_and_a_phrase_across_a_folded_line(positions: Path) -> None:
    dataset = read_dataset(positions).dataset
    actor = (positions / "actors" / "mayor.yaml").read_text(encoding="utf-8")
    aliases = [(h.field, h.line, h.column) for h in search(dataset, "ruiz", {"names"})]
    assert aliases == [("alias", *where(actor, "Ruiz")), ("alias", *where(actor, "Ruiz", 1))]
    (hit,) = search(dataset, "cars entering the")
    assert (hit.line, hit.column) == where(TOPICS, "cars")


def test_in_chooses_where_to_look(positions: Path) -> None:
    dataset = read_dataset(positions).dataset
    kinds = {area: {(h.kind, h.field) for h in search(dataset, "ruiz", {area})} for area in ("names", "notes")}
    assert kinds == {"names": {("actor", "alias")}, "notes": {("note", "note")}}
    assert {(h.kind, h.field) for h in search(dataset, "charge", {"quotes", "summaries"})} == {
        ("topic", "proposition"),
        ("stance", "summary"),
        ("quote", "quote"),
    }
    assert [h.field for h in search(dataset, "mayor", {"names"})] == ["id", "name", "alias"]


def test_the_command_prints_grep_lines_and_exits_as_grep(positions: Path) -> None:
    result = invoke("search", "ruiz", "--positions", str(positions))
    assert result.exit_code == 0
    shown = str(positions / "actors" / "mayor.yaml")
    assert result.stdout.splitlines() == [
        f"{shown}:4:17: actor mayor alias: Mayor Ruiz",
        f"{shown}:4:29: actor mayor alias: [red]Ruiz[/red]",
        f"{shown}:15:11: note of mayor on tolls (2021-03): Ruiz said it twice.",
    ]
    nothing = invoke("search", "tramway", "--positions", str(positions))
    assert (nothing.exit_code, nothing.stdout) == (1, "")
    assert invoke("search", " ", "--positions", str(positions)).exit_code == 2
    assert invoke("search", "ruiz", "--in", "everywhere", "--positions", str(positions)).exit_code == 2


def test_on_a_terminal_only_the_matches_are_highlighted_and_data_is_never_markup(positions: Path) -> None:
    result = invoke("search", "ruiz", "--in", "names", "--color", "always", "--positions", str(positions))
    lines = result.stdout.splitlines()
    assert "[red]\x1b[1;31mRuiz\x1b[0m[/red]" in lines[1]  # the data's brackets as they are, the match in bold red
    assert lines[0].endswith("Mayor \x1b[1;31mRuiz\x1b[0m")


def test_json_gives_each_hit_with_its_place_and_matches(positions: Path) -> None:
    result = invoke("search", "twice", "--format", "json", "--positions", str(positions))
    document = json.loads(result.stdout)
    assert document["query"] == "twice" and document["in"] is None
    (hit,) = document["hits"]
    assert hit | {"file": None} == {
        "file": None,
        "line": 15,
        "column": 24,
        "kind": "note",
        "field": "note",
        "text": "Ruiz said it twice.",
        "matches": [[13, 18]],
        "actor": "mayor",
        "topic": "tolls",
        "date": "2021-03",
        "source": None,
    }


def test_csv_gives_a_row_per_hit_with_numbers_as_numbers(positions: Path) -> None:
    result = invoke("search", "--format", "csv", "--positions", str(positions), "--", "-tramway")
    assert result.exit_code == 1 and result.stdout.splitlines() == [
        "file,line,column,kind,field,actor,topic,date,source,text"
    ]
    rows = invoke("search", "twice", "--format", "csv", "--positions", str(positions)).stdout.splitlines()
    assert rows[1].endswith(",15,24,note,note,mayor,tolls,2021-03,,Ruiz said it twice.")


def test_each_item_of_a_long_list_is_located_on_its_own_line(positions: Path) -> None:
    # Every item was once searched for in the whole list, and its match in the rest of it:
    # quadratic in the items (2,000 aliases took minutes). A repeated alias is its own item.
    aliases = [f"Ruiz the {i % 700}th" for i in range(2_000)]
    listed = "".join(f"  - {alias}\n" for alias in aliases)
    actor = MAYOR.replace('aliases: [Mayor Ruiz, "[red]Ruiz[/red]"]\n', "aliases:\n" + listed)
    (positions / "actors" / "mayor.yaml").write_text(actor, encoding="utf-8")
    hits = search(read_dataset(positions).dataset, "ruiz", {"names"})
    assert [(h.text, h.line, h.column) for h in hits] == [(alias, 5 + i, 5) for i, alias in enumerate(aliases)]
    assert [(h.line, h.column) for h in search(read_dataset(positions).dataset, "the 699th")] == [
        (5 + 699, 10),
        (5 + 1399, 10),
    ]
    assert [(h.line, h.column) for h in search(read_dataset(positions).dataset, "ruiz the 3th")] == [
        (5 + i, 5) for i in (3, 703, 1403)
    ]
