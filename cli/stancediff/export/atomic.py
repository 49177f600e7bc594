"""Writing an export whole or not at all: into a temporary file or folder beside the target, then a rename.

Nothing is overwritten without `force`; a folder is replaced only when it is
an export stancediff wrote (it holds `datapackage.json` or `_stancediff.json`),
so `--force -o ~` cannot wipe a home folder. When writing fails, or is
interrupted, the temporary file or folder is removed and the target is as it
was.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import StancediffError

MARKERS = ("datapackage.json", "_stancediff.json")  # what a folder must hold, one of them, for `force` to replace it


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
    if folder and not (target.is_dir() and not target.is_symlink() and any((target / m).is_file() for m in MARKERS)):
        raise WontOverwrite(f"{target} exists and is not an export (no {' or '.join(MARKERS)}); not replacing it")
    if not folder and target.is_dir():
        raise WontOverwrite(f"{target} is a folder; give the name of a file")


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
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
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
    and removed once the new one is in place (put back if that fails).
    """
    check_target(target, folder=True, force=force)
    temporary = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    old: Path | None = None
    try:
        write(temporary)
        for path in temporary.rglob("*"):
            if path.is_file():
                _fsync(path)
        temporary.chmod(_mode(folder=True))
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
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
        shutil.rmtree(temporary, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
