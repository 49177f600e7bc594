"""The one rule for terminal output: styled on a terminal, plain everywhere else."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console


def console_for(stream: TextIO) -> tuple[Console, bool]:
    """A rich console on `stream`, and whether it styles its output.

    Styles only on a terminal and never with NO_COLOR set (no-color.org); a
    console that does not style writes no escape codes at all.
    """
    console = Console(file=stream, highlight=False)
    if console.is_terminal and not os.environ.get("NO_COLOR"):
        return console, True
    return Console(file=stream, highlight=False, color_system=None), False
