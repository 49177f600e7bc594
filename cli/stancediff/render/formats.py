"""The view renderers by `--format` name: every view command offers these."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..views.view import View
from .csv import render_csv
from .json import render_json
from .markdown import render_markdown
from .table import render_table

Renderer = Callable[[View, TextIO], None]

FORMATS: dict[str, Renderer] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}
