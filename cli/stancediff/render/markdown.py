"""Markdown: headings, lists and pipe tables, for a pull request or a wiki.

The output is posted as a pull-request comment (docs/ci.md), so no text from
the data may become markup there: not a link, image, autolink, mention
(`@name`), issue reference (`#1`, `GH-1`, `owner/repo#1`), emphasis or HTML.
Text that is plainly words stays as it is; anything else goes in a code span,
where GitHub makes none of these. The whole stays under GitHub's limit for a
comment, with a note of what was cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

from ..text import count, inert_commands, visible_lines
from ..views.view import MEANINGS, View, used_marks

LIMIT = 65_536  # the most characters GitHub takes in a comment
_NOTE_ROOM = 300  # kept free for the note that says what was cut

# Words and the punctuation of prose that no Markdown or GitHub rule reads:
# no digits (issue and commit references, custom autolinks such as JIRA-1), no
# `@#:/<&*_~[]!|\` or backtick, no hyphen (GH-1), starting with a letter (no
# list, heading or quote).
_PLAIN = re.compile(r"[^\W\d_](?:[^\W\d_]|[ ,.;'?()\u2018\u2019\u201c\u201d\u2013\u2014])*")
_HEX_WORD = re.compile(r"\b[a-fA-F]{7,}\b")  # could name a commit, which GitHub links


def _plain(line: str) -> bool:
    return bool(_PLAIN.fullmatch(line)) and "www." not in line.lower() and not _HEX_WORD.search(line)


def _code_span(line: str, in_table: bool) -> str:
    """`line` as a code span: a fence longer than any run of backticks in it, padded with a space."""
    longest = max((len(run) for run in re.findall("`+", line)), default=0)
    fence = "`" * (longest + 1)
    if in_table:  # GitHub splits table cells at any unescaped pipe, in code spans too
        line = line.replace("|", "\\|")
    return f"{fence} {line} {fence}"


def inline(text: str, in_table: bool = False) -> str:
    """Text from a view as inert Markdown: plain words as they are, the rest in code spans, lines joined by <br>."""
    return "<br>".join(line if _plain(line) or not line else _code_span(line, in_table) for line in visible_lines(text))


def _blocks(view: View) -> Iterator[tuple[str, str]]:
    """The document as (text, kind) pieces in order; a "row", "fact" or "note" may be cut, a "part" goes with it."""
    yield f"### {inline(view.title)}\n\n", "part"
    for label, value in view.facts:
        yield f"- {inline(label)}: {inline(value)}\n", "fact"
    if view.facts:
        yield "\n", "part"
    for table in view.tables:
        if table.title:
            yield f"**{inline(table.title)}**\n\n", "part"
        header = "| " + " | ".join(inline(c, in_table=True) for c in table.columns) + " |\n"
        yield header + "|" + " --- |" * len(table.columns) + "\n", "part"
        for row in table.rows:
            yield "| " + " | ".join(inline(cell.text, in_table=True) for cell in row) + " |\n", "row"
        yield "\n", "part"
    if view.legend and (marks := used_marks(view)):  # the cells show position words: only the marks need one
        yield ", ".join(f"`{mark}` {MEANINGS[mark]}" for mark in marks) + "\n\n", "part"
    for note in view.notes:
        yield inline(note) + "\n\n", "note"


def _cut_note(left: list[tuple[str, str]]) -> str:
    kinds = [kind for _, kind in left]
    what = [
        count(kinds.count(kind), word)
        for kind, word in (("row", "table row"), ("fact", "fact"), ("note", "note"))
        if kind in kinds
    ]
    return (
        f"\n\n{', '.join(what) or 'the rest'} left out: a GitHub comment holds at most {LIMIT:,} characters; "
        "`--format json` or `--format table` shows everything.\n"
    )


def render_markdown(view: View, stream: TextIO) -> None:
    """The view as GitHub-flavoured Markdown, at most `LIMIT` characters, saying what was cut.

    Printed in a CI log instead, no line of it reads as a workflow command (`##[` is spelled `\\x23#[`).
    """
    blocks = [(inert_commands(text), kind) for text, kind in _blocks(view)]  # each starts a line
    if sum(len(text) for text, _ in blocks) <= LIMIT:
        stream.write("".join(text for text, _ in blocks))
        return
    kept, used = 0, 0
    while used + len(blocks[kept][0]) <= LIMIT - _NOTE_ROOM:
        used += len(blocks[kept][0])
        kept += 1
    stream.write("".join(text for text, _ in blocks[:kept]) + _cut_note(blocks[kept:]))
