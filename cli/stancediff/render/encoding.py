"""Output to a stream whose encoding cannot hold every character (`PYTHONIOENCODING=ascii`, a C locale).

Nothing fails for it: the glyphs of the views fall back to ASCII ("·" to
"."), and any other character is written as an escape (`\\xe9`), as `visible`
spells control characters.
"""

from __future__ import annotations

import codecs
import io
from typing import TextIO

from ..text import escape

GLYPHS = {
    "·": ".",
    "█": "#",
    "—": "--",
    "–": "-",
    "…": "...",
    "→": "->",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
}
ERRORS = "stancediff-ascii"  # the codec error handler's name


def _fall_back(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(GLYPHS.get(char) or escape(char) for char in text), error.end


codecs.register_error(ERRORS, _fall_back)


def never_fail(stream: TextIO) -> None:
    """Make `stream` (sys.stdout, sys.stderr) write what its encoding cannot hold as ASCII, never raising."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
        stream.reconfigure(errors=ERRORS)
