"""Invisible characters in names, titles, propositions, aliases and tags are reported, with the line
and column of the value; JSON output spells them as \\u escapes."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import pytest

from checking import check_texts, codes, edited, with_actor
from stancediff.format.spec import INVISIBLE
from stancediff.render.formats import FORMATS
from stancediff.views.view import View

# The characters the issue names: zero-width space, LRM, RLM, soft hyphen, the Hangul fillers,
# line and paragraph separators, a byte order mark in mid-text; and a word joiner (Cf).
NAMED = [
    "\u200b",
    "\u200e",
    "\u200f",
    "\u00ad",
    "\u3164",
    "\u115f",
    "\u1160",
    "\uffa0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u2060",
]


def test_every_format_character_of_the_basic_plane_is_invisible() -> None:
    """The class holds every Cf character this Python's Unicode knows below U+10000."""
    invisible = re.compile(f"[{INVISIBLE}]")
    missing = [hex(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf" and not invisible.match(chr(c))]
    assert missing == []
    assert all(invisible.match(char) for char in NAMED)


@pytest.mark.parametrize("char", NAMED, ids=lambda c: f"U+{ord(c):04X}")
def test_a_name_with_an_invisible_character_is_reported(char: str) -> None:
    escaped = char.encode("unicode_escape").decode()
    report = check_texts(with_actor("name: X", f'name: "Con{escaped}gestion"'))
    assert codes(report) == [("invisible-character", 2, 7)]
    (problem,) = report.problems
    assert "at character 4" in problem.message and escaped in problem.message


@pytest.mark.parametrize(
    ("name", "old", "new", "where"),
    [
        ("topics.yaml", "title: Congestion charge", "title: Congestion\u200bcharge", (3, 12)),
        ("topics.yaml", "proposition: The old town", "proposition: The\u00adold town", (4, 18)),
        ("topics.yaml", "tags: [transport]", "tags: [trans\u2060port]", (5, 12)),
        ("sources.yaml", "title: ", "title: A\ufeff", (3, 12)),
    ],
)
def test_titles_propositions_and_tags(name: str, old: str, new: str, where: tuple[int, int]) -> None:
    found = codes(check_texts(edited(name, old, new)))
    assert found == [("invisible-character", *where)]


def test_an_alias_is_reported_at_its_item() -> None:
    report = check_texts(with_actor("kind: person\n", 'kind: person\naliases: [Ex, "E\\u200bx"]\n'))
    assert codes(report) == [("invisible-character", 4, 15)]


def test_summaries_and_quotes_may_hold_them() -> None:
    """Verbatim quotes and prose are not names: a soft hyphen there is the source's."""
    report = check_texts(with_actor("summary: X backs it.", "summary: X backs\u00adit."))
    assert codes(report) == []


def test_a_blank_name_is_still_empty() -> None:
    assert codes(check_texts(with_actor("name: X", 'name: "  "'))) == [("empty-value", 2, 7)]


def test_json_escapes_invisible_characters() -> None:
    data = {"title": "Congestion\u200bcharge", "quote": "soft\u00adhyphen", "line": "a\u2028b"}
    stream = io.StringIO()
    FORMATS["json"].render(View("t", data), stream)
    text = stream.getvalue()
    assert "\\u200b" in text and "\\u00ad" in text and "\\u2028" in text
    assert not re.search(f"[{INVISIBLE}]", text)
    assert json.loads(text) == data
