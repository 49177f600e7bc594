"""The one rule for terminal output: styled on a terminal, plain everywhere else.

`--color auto` (the default) styles only on a terminal, never with NO_COLOR
set (no-color.org), and always with FORCE_COLOR set; `--color always` and
`--color never` decide outright. A console that does not style writes no
escape codes at all.
"""

from __future__ import annotations

import io
import os
from typing import TextIO

from rich.console import Console

COLOR_MODES = ("auto", "always", "never")
_color = "auto"


def set_color(mode: str) -> None:
    """Choose when output is styled: "auto", "always" or "never" (the command line's --color)."""
    global _color
    if mode not in COLOR_MODES:
        raise ValueError(f"--color takes {', '.join(COLOR_MODES)}, not {mode!r}")
    _color = mode


class TerminalBuffer(io.StringIO):
    """Text bound for a terminal through a pager: styled, and as wide as the terminal it stands for."""

    def __init__(self, width: int) -> None:
        super().__init__()
        self.width = width

    def isatty(self) -> bool:
        return True


def styles(stream: TextIO) -> bool:
    """Whether output to `stream` is styled, by --color, NO_COLOR and FORCE_COLOR."""
    if _color != "auto":
        return _color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def console_for(stream: TextIO) -> tuple[Console, bool]:
    """A rich console on `stream`, and whether it styles its output."""
    width = getattr(stream, "width", None)
    if styles(stream):
        return Console(file=stream, highlight=False, force_terminal=True, width=width), True
    return Console(file=stream, highlight=False, color_system=None, width=width), False
