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

# What GitHub links in plain text whatever the escapes around it (it reads the
# rendered text): mentions, issue and commit references, custom autolinks
# (JIRA-1), URLs, bare domains and e-mail addresses. Such a word goes in a code
# span of its own; the rest of the line stays prose.
_LINKED = re.compile(
    r"\S*@\S+"  # a mention or an e-mail address
    r"|\S*#\d\S*"  # an issue reference: #1, owner/repo#1
    r"|\b[A-Z][A-Z0-9]+-\d\S*"  # GH-1, JIRA-1
    r"|\S*(?:://|www\.)\S*"  # a URL
    r"|\b[\w-]+\.[a-z]{2,}\b\S*"  # a bare domain: example.org
    r"|\b[0-9a-fA-F]{7,}\b"  # a commit
)
# ASCII punctuation that Markdown or GitHub may read (emphasis, links, images,
# HTML, code, tables, strikethrough, footnotes): each gets a backslash, which
# CommonMark turns back into the character itself.
_SYNTAX = re.compile(r"([\\`*_\[\]!<>~|&])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])")  # "1." would start a list


def _code_span(text: str, in_table: bool) -> str:
    """`text` as a code span: a fence longer than any run of backticks in it, padded with a space."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    if in_table:  # GitHub splits table cells at any unescaped pipe, in code spans too
        text = text.replace("|", "\\|")
    return f"{fence} {text} {fence}"


def _escape(text: str) -> str:
    """Prose with each character Markdown could read escaped: it renders as the same characters."""
    escaped = _LINE_START.sub(r"\1\2\\\3", _SYNTAX.sub(r"\\\1", text))
    return re.sub(r"^(\s*)([-+=#])", r"\1\\\2", escaped)  # a list item, a heading, a setext underline


def _line(line: str, in_table: bool) -> str:
    parts, last = [], 0
    for found in _LINKED.finditer(line):
        parts += [_escape(line[last : found.start()]), _code_span(found.group(), in_table)]
        last = found.end()
    parts.append(_escape(line[last:]))
    return "".join(parts)


def inline(text: str, in_table: bool = False) -> str:
    """Text from a view as inert Markdown: escaped prose, words GitHub links in code spans, lines joined by <br>."""
    return "<br>".join(_line(line, in_table) for line in visible_lines(text))


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
