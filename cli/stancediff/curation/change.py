"""A change to several files of a dataset, written all or nothing, only if it brings no error.

    with editing(root) as change:           # no other stancediff command writes meanwhile
        text = change.read("topics.yaml")
        change.write("topics.yaml", new_text)
        change.remove("actors/old.yaml")
        written = change.commit(sources_dir)

`commit` reads the whole dataset as the change would leave it (files
replaced, added and removed) with the strict loader and runs every check of
`validate`; errors that were there before the change are not its business,
any new one refuses it (`Refused` with the errors) and nothing is written.
Then each new text goes to a temporary file beside its target, every file
is checked to be as it was read, and the files are renamed into place one
after another. If a step fails, those already replaced are put back as they
were, so the dataset is left wholly changed or not at all (a crash of the
machine in the middle of the renames is the one case not covered).
"""

from __future__ import annotations

import contextlib
import datetime
import os
import secrets
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..checks.base import Context
from ..checks.validate import check_reading
from ..errors import Refused
from ..format.dataset import display_path, read_dataset
from ..problems import Problem
from .write import NOT_WRITTEN, locked, safe_target

LOCK_WAIT = 10.0  # seconds to wait for another writing command to finish


@contextlib.contextmanager
def editing(root: Path) -> Iterator[Change]:
    """A change to the dataset in `root`, with the dataset locked from the first read to the last rename."""
    with locked(root, LOCK_WAIT):  # the lock of `add` too (write.py): writing commands exclude each other
        yield Change(root)


class Change:
    """Files of one dataset to replace, add and remove, by name ("actors/us.yaml"), with what each held."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.before: dict[str, bytes | None] = {}  # as read: None for a file that was not there
        self.writes: dict[str, bytes] = {}
        self.removes: list[str] = []
        self.renames: dict[str, str] = {}  # old name -> new name, for matching old errors with new ones

    def read(self, name: str) -> bytes:
        """The file's bytes, remembered so that `commit` can tell whether it changed meanwhile."""
        if name in self.writes:
            return self.writes[name]
        path = safe_target(self.root, name)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise Refused(f"cannot read {self.root / name}: {error.strerror or error}") from None
        self.before.setdefault(name, data)
        return data

    def write(self, name: str, data: bytes) -> None:
        """Replace the file (or add it, if it is not there) with `data`."""
        if name not in self.before:
            path = safe_target(self.root, name)
            self.before[name] = path.read_bytes() if path.exists() else None
        self.writes[name] = data

    def remove(self, name: str) -> None:
        self.read(name)
        self.removes.append(name)

    def rename(self, old: str, new: str, data: bytes) -> None:
        """Move file `old` to `new`, with `data` as its new contents; refused if `new` exists."""
        target = safe_target(self.root, new)
        if target.exists() or target.is_symlink():
            raise Refused(f"{self.root / new} exists; not overwriting it")
        self.writes.pop(old, None)
        self.remove(old)
        self.write(new, data)
        self.renames[old] = new

    @property
    def files(self) -> tuple[Path, ...]:
        """The files the change writes or removes."""
        return tuple(self.root / name for name in (*self.writes, *self.removes))

    def new_errors(self, sources_dir: Path | None) -> tuple[Problem, ...]:
        """The errors the dataset would have with the change made that it does not have now."""
        context = Context(today=datetime.date.today(), sources_dir=sources_dir)
        after = check_reading(read_dataset(self.root, replaced=self.writes, removed=self.removes), context)
        errors = [p for p in after.problems if p.severity == "error"]
        if not errors:
            return ()
        before = check_reading(read_dataset(self.root), Context(today=context.today, sources_dir=sources_dir))
        shown = display_path(self.root)
        moved = {os.path.join(shown, old): os.path.join(shown, new) for old, new in self.renames.items()}
        old = Counter((moved.get(p.file, p.file), p.code, p.message) for p in before.problems if p.severity == "error")
        new = []
        for found in errors:
            key = (found.file, found.code, found.message)
            if old[key]:
                old[key] -= 1
            else:
                new.append(found)
        return tuple(new)

    def commit(self, sources_dir: Path | None, check: bool = True) -> tuple[Path, ...]:
        """Write the change if it brings no new error (`Refused` with them, nothing written); the files touched."""
        if check:
            errors = self.new_errors(sources_dir)
            if errors:
                raise Refused(NOT_WRITTEN, errors)
        self._apply()
        return self.files

    def _apply(self) -> None:
        for name, before in self.before.items():
            path = safe_target(self.root, name)
            now = path.read_bytes() if path.exists() else None
            if now != before:
                raise Refused(
                    f"{self.root / name} changed while stancediff was working; nothing was written, try again"
                )
        temporaries: dict[str, Path] = {}
        try:
            for name, data in self.writes.items():
                temporaries[name] = _temporary(safe_target(self.root, name), data, self.before.get(name) is not None)
        except OSError as error:
            _discard(temporaries.values())
            raise Refused(f"cannot write in {self.root}: {error.strerror or error}; nothing was written") from None
        done: list[tuple[str, Path | None]] = []  # (name, where the old file was put aside, if removed)
        try:
            for name, temporary in temporaries.items():
                path = safe_target(self.root, name)
                if self.before.get(name) is None:
                    os.link(temporary, path)  # fails if the file appeared meanwhile
                else:
                    os.replace(temporary, path)
                done.append((name, None))
            for name in self.removes:
                if name in self.writes:
                    continue
                path = safe_target(self.root, name)
                aside = path.with_name(f".{path.name}.{secrets.token_hex(8)}.removed")
                os.rename(path, aside)
                done.append((name, aside))
        except BaseException as error:
            self._undo(done)
            _discard(temporaries.values())
            if isinstance(error, OSError):
                raise Refused(
                    f"cannot write in {self.root}: {error.strerror or error}; every file is as it was"
                ) from None
            raise
        _discard(temporaries.values())
        for _, put_aside in done:
            if put_aside is not None:
                put_aside.unlink()

    def _undo(self, done: list[tuple[str, Path | None]]) -> None:
        """Put back what `_apply` changed, last first."""
        for name, aside in reversed(done):
            path = self.root / name
            with contextlib.suppress(OSError):
                if aside is not None:
                    os.rename(aside, path)
                elif self.before.get(name) is None:
                    path.unlink()
                else:
                    os.replace(_temporary(path, self.before[name] or b"", True), path)


def _temporary(path: Path, data: bytes, existing: bool) -> Path:
    """`data` in a new temporary file beside `path`, synced, with `path`'s permissions where it exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, os.stat(path).st_mode & 0o7777 if existing else 0o666 & ~mask)
    return Path(name)


def _discard(paths: Iterable[Path]) -> None:
    for path in list(paths):
        with contextlib.suppress(OSError):
            path.unlink()
