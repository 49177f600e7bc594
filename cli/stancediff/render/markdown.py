"""Markdown: headings, lists and pipe tables, for a pull request or a wiki."""

from __future__ import annotations

from typing import TextIO

from ..text import visible_lines
from ..views.view import MEANINGS, View, used_marks


def _markdown_cell(text: str) -> str:
    """A table cell: what could end the cell or open HTML escaped, line breaks as <br>."""
    return "<br>".join(
        line.replace("\\", "\\\\").replace("&", "&amp;").replace("|", "\\|").replace("<", "&lt;")
        for line in visible_lines(text)
    )


def render_markdown(view: View, stream: TextIO) -> None:
    stream.write(f"### {_markdown_cell(view.title)}\n\n")
    for label, value in view.facts:
        stream.write(f"- {label}: {_markdown_cell(value)}\n")
    if view.facts:
        stream.write("\n")
    for table in view.tables:
        if table.title:
            stream.write(f"**{_markdown_cell(table.title)}**\n\n")
        stream.write("| " + " | ".join(_markdown_cell(c) for c in table.columns) + " |\n")
        stream.write("|" + " --- |" * len(table.columns) + "\n")
        for row in table.rows:
            stream.write("| " + " | ".join(_markdown_cell(cell.text) for cell in row) + " |\n")
        stream.write("\n")
    if view.legend and (marks := used_marks(view)):  # the cells show position words: only the marks need one
        stream.write(", ".join(f"`{mark}` {MEANINGS[mark]}" for mark in marks) + "\n\n")
    for note in view.notes:
        stream.write(_markdown_cell(note) + "\n\n")
