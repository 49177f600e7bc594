"""What every command that reads or replaces a file it was pointed at needs: regular files only, short temporary names.

A FIFO named where a file is expected would hang the command that opens it
(`report -o FIFO`, `report -o /dev/stdout | cat`, a FIFO topics.yaml), and a
device may do something when opened, or be replaced by a file: so the kind of
a file is looked at before it is opened, and again once it is open. A
temporary file beside a target is named after it, cut short, so that a
target with a long name (up to the 255 bytes a name may have) can still get
one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

from .errors import StancediffError

NAME_IN_TEMPORARY = 64  # characters of the target's name in its temporary file's name


class NotAFile(StancediffError):
    pass


def temporary_prefix(name: str) -> str:
    """The start of the name of a temporary file written beside the file `name`: `.NAME.`, the name cut short."""
    return f".{name[:NAME_IN_TEMPORARY]}."


def kind(mode: int) -> str:
    """What a file of this `st_mode` is, in words: "a regular file", "a folder", "a FIFO", ..."""
    if stat.S_ISREG(mode):
        return "a regular file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def special(path: Path) -> str | None:
    """What `path` is, its links followed, when it exists and is neither a regular file nor a folder; else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else kind(mode)


def described(error: OSError) -> str:
    """An I/O error as a message: the file, if it names one, and what went wrong ("No space left on device")."""
    what = error.strerror or str(error)
    return f"{error.filename}: {what}" if error.filename else what


def finish_output(status: int | str | None, stream: TextIO, errors: TextIO) -> int | str | None:
    """The exit status once what is left of the output in `stream` is written (`status` if it is).

    Output that fails only when flushed at exit (a full disk, /dev/full) is
    said on `errors`, with exit status 2 if nothing failed before, instead of
    Python's "Exception ignored" and status 120; what cannot be written is
    dropped, so that nothing tries again.
    """
    try:
        stream.flush()
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        if status in (0, None):
            errors.write(f"Error: cannot write the output: {error.strerror or error}\n")
            return 2
    return status


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path` (at most `limit + 1` of them); `NotAFile` if it is none.

    Never opens a FIFO or a device, and never waits on one swapped in meanwhile.
    """
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path} is {kind(mode)}; it must be a regular file")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise NotAFile(f"{path} does not exist") from None
    except OSError as error:
        raise NotAFile(f"cannot read {path}: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path} is {kind(mode)}; it must be a regular file")
        return stream.read() if limit is None else stream.read(limit + 1)
