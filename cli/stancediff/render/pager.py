"""Long output on a terminal goes through a pager, as git's does; never when piped.

The pager is `$STANCEDIFF_PAGER`, else `$PAGER`, else `less -FRX` (quit when
the text fits one screen, keep colours, leave it on the screen), run by the
shell as git runs its pager. An empty pager or `cat` means none.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable
from typing import TextIO

from .console import TerminalBuffer
from .encoding import ERRORS

DEFAULT = "less -FRX"


def pager_command(environ: dict[str, str] | os._Environ[str] = os.environ) -> str | None:
    """The pager to run, or None for none."""
    command = environ.get("STANCEDIFF_PAGER", environ.get("PAGER", DEFAULT)).strip()
    return None if command in ("", "cat") else command


def write_paged(render: Callable[[TextIO], object], stream: TextIO, enabled: bool = True) -> None:
    """Write what `render` writes to `stream`, through the pager when `stream` is a terminal."""
    command = pager_command() if enabled and stream.isatty() else None
    if command is None:
        render(stream)
        return
    buffer = TerminalBuffer(shutil.get_terminal_size().columns)
    render(buffer)
    text = buffer.getvalue().encode(getattr(stream, "encoding", None) or "utf-8", ERRORS)
    try:
        process = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env={"LESS": "FRX", **os.environ})
    except OSError:
        stream.write(buffer.getvalue())
        return
    with contextlib.suppress(BrokenPipeError):  # the reader quit the pager early
        process.communicate(text)
