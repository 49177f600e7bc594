"""What `stancediff quote` found: each match in its context, and the evidence entry to paste.

The source's text is made visible first (control characters spelled out) and
handed to rich as `Text`, never as markup. The evidence entry is printed
unwrapped, as YAML a dataset file can take; a passage holding a character the
format forbids gets no entry.
"""

from __future__ import annotations

import json
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..curation.quote import Finding, Match
from ..text import FORBIDDEN, inert_commands, visible
from .console import console_for
from .json import write_json
from .registry import Format

ENTRY_INDENT = " " * 6  # evidence items, as docs/format.md lays out an actor file


def evidence_entry(match: Match) -> str | None:
    """The YAML evidence item citing `match`, indented as in an actor file; None if the format cannot hold it."""
    if FORBIDDEN.search(match.quote):
        return None
    quote = json.dumps(match.quote, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return f"{ENTRY_INDENT}- source: {match.source.id}\n{ENTRY_INDENT}  quote: {quote}"


def render_text(finding: Finding, stream: TextIO) -> None:
    """Each match in its context, then the entry; no line a workflow command (an archived text may hold one)."""
    console, styled = console_for(stream)
    with console.capture() as captured:
        _print_text(finding, console, styled)
    stream.write(inert_commands(captured.get()))


def _print_text(finding: Finding, console: Console, styled: bool) -> None:
    _print_matches(finding, console, styled)
    if finding.parts:
        console.print()
        console.print(
            Text(
                "The text leaves words out (an ellipsis), and a quote is verbatim: cite each part as an evidence "
                "entry of its own.",
                style="bold",
            )
        )
        for number, part in enumerate(finding.parts, 1):
            console.print()
            console.print(Text(f"part {number}: {visible(part.text)}", style="bold"))
            _print_matches(part, console, styled)


def _print_matches(finding: Finding, console: Console, styled: bool) -> None:
    if not finding.matches:
        console.print(f"no passage alike in {_searched(finding)}")
        return
    # Styled, the match stands out; plain, it is marked.
    opening, closing = ("", "") if styled else ("\u00ab", "\u00bb")
    for match in finding.matches:
        how = "as it is (100%)" if match.exact else f"{match.similarity}% alike"
        file = visible(match.source.file or "")
        console.print(Text.assemble((visible(match.source.id), "bold"), f" ({file}): ", how))
        context = Text.assemble(
            "  ",
            ("..." if match.before else "", "dim"),
            (visible(match.before), "dim"),
            (opening + visible(match.quote) + closing, "bold reverse"),
            (visible(match.after), "dim"),
            ("..." if match.after else "", "dim"),
        )
        console.print(context)
    entry = evidence_entry(finding.matches[0])
    console.print()
    if entry is None:
        console.print(
            Text("no evidence entry: the passage holds a control or bidirectional character; quote around it")
        )
        return
    console.print(Text("evidence entry:", style="dim"), soft_wrap=True)
    for line in entry.split("\n"):
        console.print(Text(line), soft_wrap=True)


def render_json(finding: Finding, stream: TextIO) -> None:
    write_json(_document(finding), stream)


def _document(finding: Finding) -> dict[str, object]:
    best = finding.matches[0] if finding.matches else None
    return {
        "text": finding.text,
        "searched": finding.searched,
        "matches": [
            {
                "source": match.source.id,
                "file": match.source.file,
                "similarity": match.similarity,
                "exact": match.exact,
                "quote": match.quote,
                "before": match.before,
                "after": match.after,
            }
            for match in finding.matches
        ],
        "evidence": {"source": best.source.id, "quote": best.quote} if best and evidence_entry(best) else None,
        "unread": [
            {"file": p.file, "line": p.line, "column": p.column, "code": p.code, "message": p.message}
            for p in finding.unread
        ],
        "parts": [_document(part) for part in finding.parts],
    }


def _searched(finding: Finding) -> str:
    return "the source" if finding.searched == 1 else f"any of the {finding.searched} archived sources"


QUOTE_FORMATS: dict[str, Format[Finding]] = {
    "text": Format(render_text, "each match in its context, then the evidence entry"),
    "json": Format(render_json, "the same, for programs"),
}
