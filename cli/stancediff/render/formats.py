"""The view renderers by `--format` name, each with the line its help gives.

Every view command offers `FORMATS`; `changes` and `log` offer
`CHANGES_FORMATS`, as their several tables have no one CSV; `search` offers `SEARCH_FORMATS`, lines
as grep prints them. Options, help texts and the generated
command reference (docs/cli.md) read their lists from here.
"""

from __future__ import annotations

from ..views.view import View
from .csv import render_csv
from .hits import render_hits
from .json import render_json
from .markdown import render_markdown
from .registry import Format
from .table import render_table

FORMATS: dict[str, Format[View]] = {
    "table": Format(render_table, "for the terminal"),
    "json": Format(render_json, "for programs (shapes in `stancediff docs views`)"),
    "markdown": Format(render_markdown, "for a pull request, an issue or a wiki"),
    "csv": Format(render_csv, "the main table, for a spreadsheet"),
}
CHANGES_FORMATS: dict[str, Format[View]] = {name: FORMATS[name] for name in ("table", "markdown", "json")}
SEARCH_FORMATS: dict[str, Format[View]] = {
    "text": Format(render_hits, "file:line:column: what: text, as grep -n; matches highlighted on a terminal"),
    "json": FORMATS["json"],
    "csv": Format(render_csv, "a row per hit, for a spreadsheet"),
}
