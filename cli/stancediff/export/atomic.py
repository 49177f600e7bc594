"""Writing an export whole or not at all: into a temporary file or folder beside the target, then a rename.

Nothing is overwritten without `force`, and nothing but a regular file or a
data package or Parquet lake stancediff wrote, even with it: a folder is
replaced only when it holds stancediff's `datapackage.json` and the files that
names, nothing else (`datapackage.not_ours`), or stancediff's
`_stancediff.json` and the table folders of a lake, nothing else
(`parquet.not_ours`), so `--force` cannot wipe a folder of notes, data and a
`.git` that happens to hold one of those, or a home folder; and a device, a
FIFO or a symbolic link is never replaced by a file. When writing fails, or is
interrupted, the temporary file or folder is removed and the target is as it
was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import StancediffError
from ..files import temporary_prefix
from . import datapackage, parquet


class WontOverwrite(StancediffError):
    pass


def check_target(target: Path, folder: bool, force: bool) -> None:
    """Refuse, before any work, a target that exists (without `force`) or that `force` may not replace."""
    if not target.parent.is_dir():
        raise WontOverwrite(f"the folder {target.parent} does not exist; create it first")
    if not (target.exists() or target.is_symlink()):
        return
    if not force:
        raise WontOverwrite(f"{target} exists; pass --force to replace it, or choose another name")
    if target.is_symlink():
        raise WontOverwrite(f"{target} is a symbolic link; not replacing it, choose another name")
    if not folder and target.is_dir():
        raise WontOverwrite(f"{target} is a folder; give the name of a file")
    if folder and not target.is_dir():
        raise WontOverwrite(f"{target} exists and is not a folder; not replacing it, choose another name")
    if folder and (why := datapackage.not_ours(target)) is not None and (lake := parquet.not_ours(target)) is not None:
        raise WontOverwrite(
            f"{target} is not a data package stancediff wrote ({why}), nor a Parquet lake ({lake}); not replacing it"
        )
    if not folder and not target.is_file():
        raise WontOverwrite(f"{target} is not a regular file (a device or a FIFO?); not replacing it")


def _mode(folder: bool) -> int:
    """The permissions a new file or folder gets under the umask (mkstemp and mkdtemp make them private)."""
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def _fsync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


def write_file(target: Path, write: Callable[[Path], None], force: bool) -> None:
    """Have `write` fill a new temporary file beside `target`, then put it in place.

    Without `force` the file is hard-linked to `target`, which fails if
    `target` appeared meanwhile; with it, renamed over `target`.
    """
    check_target(target, folder=False, force=force)
    with _failing_as(target):
        _write_file(target, write, force)


def _write_file(target: Path, write: Callable[[Path], None], force: bool) -> None:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=temporary_prefix(target.name), suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _fsync(temporary)
        temporary.chmod(_mode(folder=False))
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise WontOverwrite(f"not overwriting {target}, which appeared meanwhile") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_folder(target: Path, write: Callable[[Path], None], force: bool) -> None:
    """Have `write` fill a new temporary folder beside `target`, then rename it to `target`.

    With `force`, a data package already at `target` is moved aside first,
    and removed once the new one is in place (put back if that fails): file by
    file, only if it still holds nothing stancediff did not write.
    """
    check_target(target, folder=True, force=force)
    with _failing_as(target):
        _write_folder(target, write)


def _write_folder(target: Path, write: Callable[[Path], None]) -> None:
    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=temporary_prefix(target.name), suffix=".tmp"))
    old: Path | None = None
    try:
        write(temporary)
        for path in temporary.rglob("*"):
            if path.is_file():
                _fsync(path)
        temporary.chmod(_mode(folder=True))
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=temporary_prefix(target.name), suffix=".old"))
            os.replace(target, old)
        try:
            os.rename(temporary, target)
        except OSError as error:
            if old is not None:
                os.replace(old, target)
                old = None
            if error.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise WontOverwrite(f"not replacing {target}, which appeared meanwhile") from None
            raise
    finally:
        shutil.rmtree(temporary, ignore_errors=True)  # made here, and filled by `write` alone
    if old is not None:
        _discard(old, target)


@contextlib.contextmanager
def _failing_as(target: Path) -> Iterator[None]:
    """An I/O error while writing (a full disk, a file-size limit) as a message: the target is as it was."""
    try:
        yield
    except OSError as error:
        raise StancediffError(f"cannot write {target}: {error.strerror or error}; it is as it was") from None
    except sqlite3.OperationalError as error:  # SQLite's own word for the same ("database or disk is full")
        raise StancediffError(f"cannot write {target}: {error}; it is as it was") from None


def _discard(old: Path, target: Path) -> None:
    """Remove the export that `target` was, moved to `old`, unless something else appeared in it meanwhile."""
    why = datapackage.not_ours(old)
    if why is None:
        for entry in os.scandir(old):
            os.unlink(entry.path)
        os.rmdir(old)
        return
    lake = parquet.not_ours(old)
    if lake is not None:
        raise WontOverwrite(f"replaced {target}; what it held is kept in {old}, since {why}; {lake}")
    shutil.rmtree(old)  # a lake: its table folders, of part files only
