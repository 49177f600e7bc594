"""JSON: the view's own document, and how every command writes JSON (`write_json`)."""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from ..format.spec import INVISIBLE
from ..text import FORBIDDEN, JSON_ESCAPE, inert_commands
from ..views.view import View

# Escaped as \u, so that a reader or a diff sees them: controls, bidi overrides,
# lone surrogates, and characters that show nothing (zero-width space, ...).
_ESCAPED = re.compile(f"{FORBIDDEN.pattern}|[{INVISIBLE}]")


def render_json(view: View, stream: TextIO) -> None:
    write_json(view.document(), stream)


def write_json(document: Any, stream: TextIO) -> None:
    """JSON, UTF-8 as it is, but with control and invisible characters as \\u escapes (still valid JSON).

    Indented for a reader on a terminal; compact, on one line, for a program
    (piped or to a file), as gh does: the standard library indents in Python
    but writes compact JSON in C, several times faster on a large document.
    Every command's JSON goes through here (views, validate, quote).
    """
    if stream.isatty():
        text = json.dumps(document, indent=2, ensure_ascii=False)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    text = _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    stream.write(inert_commands(text, escape=JSON_ESCAPE) + "\n")  # `##[` as `\u0023#[`: the same JSON
