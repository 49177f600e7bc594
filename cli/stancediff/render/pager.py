"""Long output on a terminal goes through a pager, as git's does; never when piped.

The pager is `$STANCEDIFF_PAGER`, else `$PAGER`, else `less -FRX` (quit when
the text fits one screen, keep colours, leave it on the screen), run by the
shell as git runs its pager. An empty pager or `cat` means none. A pager
that cannot be run (not found, not executable) loses nothing: the output is
written without it, with a warning.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from ..problems import show
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
    except OSError as error:
        _unpaged(buffer.getvalue(), stream, command, error.strerror or str(error))
        return
    with _pipe_errors_raised(), contextlib.suppress(BrokenPipeError):  # the pager quit early, or never ran
        process.communicate(text)
    if process.returncode in _NOT_RUN:
        _unpaged(buffer.getvalue(), stream, command, f"the shell could not run it, exit status {process.returncode}")


_NOT_RUN = (126, 127)  # the shell's exit status for a command not executable, not found


def _unpaged(text: str, stream: TextIO, command: str, why: str) -> None:
    sys.stderr.write(f"warning: the pager {show(command)} did not run ({why}); showing the output without it\n")
    sys.stderr.flush()
    stream.write(text)


@contextlib.contextmanager
def _pipe_errors_raised() -> Iterator[None]:
    """Writing to a pager that has gone is a `BrokenPipeError` to handle, not a death by SIGPIPE (see `cli.run`)."""
    try:
        previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    except (AttributeError, ValueError):  # no SIGPIPE here, or not the main thread: nothing to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGPIPE, previous)
