"""JSON: the view's own document, and how every command writes JSON (`write_json`)."""

from __future__ import annotations

import json
import re
import secrets
from typing import Any, TextIO

from ..format.spec import INVISIBLE
from ..text import FORBIDDEN, JSON_ESCAPE, inert_commands
from ..views.view import Matrix, View

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
    A `Matrix` is written a whole matrix at a time (on a terminal, a row a
    line). Every command's JSON goes through here (views, validate, quote).
    """
    matrices: list[Matrix] = []
    nonce = secrets.token_hex(8)  # so that no string of the data can pass for a matrix's place

    def placeholder(value: object) -> str:
        if not isinstance(value, Matrix):
            raise TypeError(f"{type(value).__name__} is not JSON serialisable")
        matrices.append(value)
        return f"\x00{nonce}:{len(matrices) - 1}\x00"

    indented = stream.isatty()
    if indented:
        text = json.dumps(document, indent=2, ensure_ascii=False, default=placeholder)
    else:
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=placeholder)
    pieces = re.split(rf'"\\u0000{nonce}:(\d+)\\u0000"', text)  # text, matrix number, text, ...
    for at, piece in enumerate(pieces):
        if at % 2:
            indent = pieces[at - 1][pieces[at - 1].rfind("\n") + 1 :] if indented else None
            stream.write(_matrix_text(matrices[int(piece)], indent))
        else:
            piece = _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", piece)
            stream.write(inert_commands(piece, escape=JSON_ESCAPE))  # `##[` as `\u0023#[`: the same JSON
    stream.write("\n")


def _matrix_text(matrix: Matrix, indent: str | None) -> str:
    """The matrix as `json.dumps` writes its `rows()` compactly; with `indent` (the text of its line before
    it), a row a line, indented one step below that line.

    Each distinct value is formatted once and the rows are joined from those
    words: a few thousand numbers are formatted, not millions.
    """
    import numpy as np

    values = np.asarray(matrix.values)
    if values.size == 0:
        return json.dumps(matrix.rows(), separators=(",", ":"))
    if values.dtype.kind == "f":
        values = np.round(values, matrix.digits)
    distinct, inverse = np.unique(values, return_inverse=True)
    words = ["null" if x != x else repr(x) for x in distinct.tolist()]
    width = values.shape[1]
    flat: list[int] = inverse.ravel().tolist()
    rows = ["[" + ",".join(map(words.__getitem__, flat[at : at + width])) + "]" for at in range(0, len(flat), width)]
    if indent is None:
        return "[" + ",".join(rows) + "]"
    outer = indent[: len(indent) - len(indent.lstrip(" "))]
    return "[\n" + ",\n".join(f"{outer}  {row}" for row in rows) + f"\n{outer}]"
