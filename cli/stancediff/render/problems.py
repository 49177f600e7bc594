"""Reporters for `validate`: text (rich on a terminal, plain otherwise), json, github.

Each reporter writes a `Report` to a stream; `REPORTERS` maps the `--format`
names to them, as `Format`s. Nothing from the data reaches the terminal unescaped: messages
were made visible when the problems were made, and paths are made visible here.
"""

from __future__ import annotations

from dataclasses import asdict
from itertools import groupby
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..problems import Counts, Problem, Report
from ..text import count, inert_commands, safe_line, visible
from .console import console_for
from .json import write_json
from .registry import Format

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow"}


def summary(counts: Counts) -> str:
    """One line: what was read and what was found."""
    quotes = f"{count(counts.quotes, 'quote')} ({counts.quotes_checked} checked, {counts.quotes_unchecked} unchecked)"
    line = (
        f"{count(counts.files, 'file')}, {count(counts.actors, 'actor')}, {count(counts.stances, 'stance')}, "
        f"{quotes}: {count(counts.errors, 'error')}, {count(counts.warnings, 'warning')}"
    )
    if counts.quotes_unchecked:
        line += (
            f"; {count(counts.quotes_unchecked, 'quote')} unchecked, which --strict fails: give their sources "
            "a `file` in the archive sources.yaml names (`archive:`)"
        )
    return line


def plain_line(problem: Problem) -> str:
    """`path:line:col: severity code message`, the form editors and grep understand (and no workflow command)."""
    return safe_line(
        f"{problem.file}:{problem.line}:{problem.column}: {problem.severity} {problem.code} {problem.message}"
    )


EXPLAIN = "stancediff explain CODE says what a code means and how to fix it"


def report_text(report: Report, stream: TextIO) -> None:
    """The problems for a reader, grouped by file on a terminal; no line reads as a GitHub workflow command."""
    console, styled = console_for(stream)
    if not styled:
        lines = [plain_line(problem) for problem in report.problems] + [summary(report.counts)]
        if report.problems:
            lines.append(EXPLAIN)
        stream.write(inert_commands("\n".join(lines) + "\n"))
        return
    with console.capture() as captured:
        _print_grouped(report, console)
    stream.write(inert_commands(captured.get()))


def _print_grouped(report: Report, console: Console) -> None:
    for file, problems in groupby(report.problems, key=lambda p: p.file):
        console.print(Text(visible(file), style="bold underline"), soft_wrap=True)
        for problem in problems:
            line = Text("  ")
            line.append(f"{problem.line}:{problem.column}".ljust(9), style="dim")
            line.append(problem.severity.ljust(9), style=_SEVERITY_STYLE[problem.severity])
            line.append(problem.message)
            line.append(f"  ({problem.code})", style="dim")
            console.print(line, soft_wrap=True)
        console.print()
    counts = report.counts
    style = "bold red" if counts.errors else "yellow" if counts.warnings else "bold green"
    console.print(Text(summary(counts), style=style), soft_wrap=True)
    if report.problems:
        console.print(Text(EXPLAIN, style="dim"), soft_wrap=True)


def report_json(report: Report, stream: TextIO) -> None:
    document = {
        "problems": [
            {
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "severity": p.severity,
                "code": p.code,
                "message": p.message,
            }
            for p in report.problems
        ],
        "counts": asdict(report.counts),
    }
    write_json(document, stream)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(report: Report, stream: TextIO) -> None:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    for p in report.problems:
        properties = (
            f"file={_escape_property(visible(p.file))},line={p.line},col={p.column},title={_escape_property(p.code)}"
        )
        stream.write(f"::{p.severity} {properties}::{_escape_data(p.message)}\n")
    stream.write(summary(report.counts) + "\n")


REPORTERS: dict[str, Format[Report]] = {
    "text": Format(report_text, "grouped by file, styled on a terminal"),
    "json": Format(report_json, "for programs"),
    "github": Format(report_github, "GitHub Actions annotations on each line (the default under GitHub Actions)"),
}
