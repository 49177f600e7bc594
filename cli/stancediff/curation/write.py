"""The one way stancediff changes a dataset: under its lock, checked whole, written atomically.

A command that writes to a dataset does all of it, from its first read to its
last rename, inside `change`:

    with change(root, sources_dir) as edit:
        current = edit.read("actors/us.yaml")      # the file as it is, read by the strict loader first
        edit.replace(current.appended("stances", stance))  # or edit.contents(name, data) for new bytes
        edit.create("actors/new.yaml", text)        # or a new file, never over one
    # here it is written; or `Refused`, with the errors it would bring, and nothing written

`change` promises, for every command that goes through it (`add` today; any
command that writes must):

- **the lock**: it holds an exclusive `flock` on `.stancediff.lock` in the
  dataset folder from before the first read to after the last rename, so
  that commands writing at once wait for each other and lose nothing. The
  lock file stays, empty; the loader never reads it, and a repository
  ignores it (`.gitignore`).
- **the strict loader first**: `read` refuses a file with any problem of the
  strict loader (an alias, an anchor, deep nesting, broken YAML...), before
  anything else reads it, so nothing is ever expanded or guessed at.
- **only its own errors**: the dataset as it would be is read and run through
  every check; the change is refused for an error it brings (at the line the
  changed file would have), never for a warning, nor for an error that was
  there before (counted on every problem, not the capped list `validate`
  prints).
- **atomic files, and nothing left behind**: new files are created beside
  their final name and linked into place (never over a file); a changed file
  is written to a temporary file in its folder and renamed over the old one,
  after checking that nobody else changed it meanwhile. If any write fails,
  the files already written are put back as they were and the new ones
  removed.

A file is never re-dumped: `Contents.appended` splices a new list item into
the text, keeping every other byte (see there).
"""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import io
import os
import stat
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..checks.base import Context
from ..checks.validate import check_all
from ..errors import Refused
from ..files import read_regular, temporary_prefix
from ..format.dataset import SOURCES_NAME, TOPICS_NAME, display_path, is_actor_path, read_dataset
from ..format.load import DEFAULT_YAML_LOADER, MAX_BYTES, Loaded, Loader, YamlMap, plain_tag
from ..problems import Problem, capped
from .init import write_new

LOCK_NAME = ".stancediff.lock"
NOT_WRITTEN = "nothing was written: the change would bring the errors above (at lines of the file as changed)"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOM = b"\xef\xbb\xbf"


# Rendering a record


def _yaml() -> YAML:
    emitter = YAML()  # round-trip
    emitter.width = 1_000_000  # never fold a long line
    emitter.indent(mapping=2, sequence=4, offset=2)  # the format's own style: `  - key: value`
    return emitter


def scalar(value: object) -> object:
    """`value` as it must be written for the strict loader (YAML 1.1) to read it back unchanged.

    A text that YAML 1.1 would read as something else (`NO`, `0755`, `1e3`,
    `2019-05-14`, `1:30`) is double-quoted; ruamel.yaml alone follows YAML 1.2.
    """
    if isinstance(value, str) and plain_tag(value) != _STR:
        return DoubleQuotedScalarString(value)
    return value


def render(record: Mapping[str, Any]) -> str:
    """`record` as a block mapping at column 0 (nested lists as the format writes them)."""
    stream = io.StringIO()
    _yaml().dump(_commented(record), stream)
    return stream.getvalue()


def _commented(value: Any) -> Any:
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _commented(item)
        return mapping
    if isinstance(value, (list, tuple)):
        sequence = CommentedSeq(_commented(item) for item in value)
        if all(isinstance(item, str) for item in value):
            sequence.fa.set_flow_style()  # a list of words: `[a, b]`
        return sequence
    return scalar(value)


def _loaded(item: Any) -> Any:
    """`item` as YAML reads it back: nested records and lists as plain dicts and lists."""
    if isinstance(item, Mapping):
        return {k: _loaded(v) for k, v in item.items()}
    if isinstance(item, (list, tuple)):
        return [_loaded(v) for v in item]
    return item


# Splicing a record into a file


@dataclass(frozen=True)
class _Place:
    """Where a new item goes: before line `line` (0-based), with its dash and content at these columns."""

    line: int
    dash: int
    content: int
    cut: tuple[int, int, int] | None = None  # (line, start, end): an empty `[]` or `null` to remove first


@dataclass(frozen=True)
class Contents:
    """The contents of a dataset file, as it is or as a change would leave it, read by the strict loader."""

    name: str  # in the dataset: "actors/us.yaml"
    file: str  # as problems name it
    data: bytes
    tree: YamlMap

    @classmethod
    def load(cls, name: str, data: bytes, file: str) -> Contents:
        """Read `data` strictly (problems name it `file`); `Refused` with the loader's problems, if any."""
        loaded = Loader().load_bytes(data, file)
        if loaded.problems or loaded.tree is None:
            raise Refused(
                f"nothing was written: stancediff changes {file} only while the strict loader reads it without "
                "a problem (above)",
                tuple(capped(list(loaded.problems))),
            )
        return cls(name, file, data, loaded.tree)

    def appended(self, key: str, item: Mapping[str, Any]) -> Contents:
        """The file with `item` added at the end of the list under the top-level `key`.

        Every line is kept byte for byte, in order; where the list is empty
        (`[]`, `null`, nothing) that empty value alone is removed, and where
        `key` is absent it is added at the end. The new item is written in
        the list's own indentation. The result is read back: it must hold
        exactly the old values and `item`, or `Refused`.
        """
        bom = _BOM if self.data.startswith(_BOM) else b""
        text = self.data[len(bom) :].decode("utf-8")  # the strict loader read it: UTF-8
        after = Contents.load(self.name, bom + append_items(text, key, [item]).encode("utf-8"), self.file)
        if after.tree != {**self.tree, key: [*(self.tree.get(key) or ()), _loaded(item)]}:
            raise Refused("adding the record would change what the file says elsewhere; nothing was written")
        return after


def append_items(text: str, key: str, items: Sequence[Mapping[str, Any]]) -> str:
    """`text` with `items` added, in order, at the end of the list under the top-level `key`, as
    `Contents.appended` adds one: every other line kept, an empty value removed, a missing key added."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    bodies = [render(item).splitlines() for item in items]
    try:
        place = _place(text, key)
    except yaml.YAMLError as error:
        raise Refused(f"the file is not valid YAML, so nothing was added: {error}") from None
    if place is None:  # no such key: a new list at the end of the file
        lines += [f"{key}:{newline}", *(line for body in bodies for line in _item_lines(body, 2, 4, newline))]
        return "".join(lines)
    if place.cut is not None:
        at, start, end = place.cut
        lines[at] = lines[at][:start].rstrip(" ") + lines[at][end:]
    lines[place.line : place.line] = [
        line for body in bodies for line in _item_lines(body, place.dash, place.content, newline)
    ]
    return "".join(lines)


def check_appended(before: str, after: str, key: str, items: Sequence[Mapping[str, Any]]) -> None:
    """The text `after` holds exactly the values of `before` and `items` at the end of `key`'s list, read
    by the strict loader; `Refused` if not."""
    loader = Loader()
    old, new = loader.load_bytes(before.encode("utf-8"), "before"), loader.load_bytes(after.encode("utf-8"), "after")
    if old.tree is None or new.tree is None or new.problems:
        raise Refused("the file cannot be read strictly; run `stancediff validate`")
    expected = {**old.tree, key: [*(old.tree.get(key) or ()), *(_loaded(item) for item in items)]}
    if new.tree != expected:
        raise Refused("adding the record would change what the file says elsewhere; nothing was written")


def _item_lines(body: list[str], dash: int, content: int, newline: str) -> list[str]:
    """The rendered mapping `body` as a list item, its dash at column `dash`, its keys at `content`."""
    first, *rest = body
    head = " " * dash + "-" + " " * (content - dash - 1) + first
    return [head + newline, *((" " * content + line if line else line) + newline for line in rest)]


def _place(text: str, key: str) -> _Place | None:
    """Where an item joins the list under the top-level `key` of `text`, from the parser's events; None if
    there is no such key. `text` has passed the strict loader, so its events are few and flat enough."""
    parser = DEFAULT_YAML_LOADER(text)
    try:
        get = parser.get_event
        get(), get()  # StreamStart, DocumentStart
        root = get()
        if not isinstance(root, MappingStartEvent) or root.flow_style:
            raise Refused("the top level of the file is not a block mapping; add the record by hand")
        while True:
            event = get()
            if isinstance(event, MappingEndEvent):
                return None
            if isinstance(event, ScalarEvent) and event.value == key:
                return _place_in(get, event)
            _skip(get, event)  # the key
            _skip(get, get())  # its value
    finally:
        parser.dispose()


def _skip(get: Callable[[], Any], event: Any) -> None:
    """Read past the node that starts with `event`."""
    depth = 1 if isinstance(event, CollectionStartEvent) else 0
    while depth:
        event = get()
        depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)


class _Mark(Protocol):
    line: int
    column: int
    index: int


def _marked(mark: _Mark | None) -> _Mark:
    """An event's mark: the parser gives every event its marks, though the types allow None."""
    if mark is None:
        raise AssertionError("a YAML event without its mark")
    return mark


def _place_in(get: Callable[[], Any], key: ScalarEvent) -> _Place:
    """Where an item joins the value (its events read from `get`) of the top-level `key`."""
    value = get()
    start = _marked(value.start_mark)
    if isinstance(value, SequenceStartEvent):
        if not value.flow_style:
            first = get()
            dash, content = start.column, _marked(first.start_mark).column
            if content - dash < 2:  # `-` then a line break: the item starts on the next line
                content = dash + 2
            line, column = _last_end(get, first)
            return _Place(line if column == 0 else line + 1, dash, content)
        closing = get()
        if isinstance(closing, SequenceEndEvent):  # `[]`
            return _emptied(key, start, _marked(closing.end_mark))
    elif isinstance(value, ScalarEvent) and value.implicit[0] and plain_tag(value.value) == _NULL:
        return _emptied(key, start, _marked(value.end_mark))
    raise Refused(
        f"`{key.value}` is not a block list here (a flow list [...] or another value); add the record by hand"
    )


def _emptied(key: ScalarEvent, start: _Mark, end: _Mark) -> _Place:
    """The place of the first item where the key's value is empty: `[]`, `null`, `~` (cut) or nothing."""
    at = _marked(key.start_mark)
    if end.index == start.index:  # nothing written
        return _Place(at.line + 1, at.column + 2, at.column + 4)
    if end.line != start.line:
        raise Refused(f"`{key.value}` is empty over several lines; add the record by hand")
    return _Place(end.line + 1, at.column + 2, at.column + 4, (start.line, start.column, end.column))


def _last_end(get: Callable[[], Any], event: Any) -> tuple[int, int]:
    """The (line, column) where the last content of a block sequence ends: of its last scalar or flow
    collection. Its events are read from `get`, from its first item `event` to the sequence's end."""
    last = (0, 0)
    flows: list[bool] = []  # of each collection open within the sequence: whether it is a flow one
    while True:
        if isinstance(event, CollectionStartEvent):
            flows.append(bool(event.flow_style))
        elif isinstance(event, CollectionEndEvent) and not flows:
            return last
        if isinstance(event, ScalarEvent) or (isinstance(event, CollectionEndEvent) and flows.pop()):
            end = _marked(event.end_mark)
            last = max(last, (end.line, end.column))
        event = get()


# The change


def safe_target(root: Path, name: str) -> Path:
    """The path of `name` (as "actors/us.yaml") in the dataset folder; `Refused` if it would lead outside.

    A symlink, at the file or at a folder on the way, is not followed out of
    the dataset folder.
    """
    base = os.path.realpath(root)
    path = Path(base, name)
    if path.is_symlink():
        raise Refused(f"{root / name} is a symlink; not writing through it")
    if os.path.commonpath([base, os.path.realpath(path.parent)]) != base:
        raise Refused(f"{root / name} lies outside the dataset folder {root}; not writing there")
    return path


@dataclass
class Change:
    """One change to a dataset, made inside `change`: what it read, and the files it will write."""

    root: Path
    sources_dir: Path | None = None  # the archive the quotes are checked against; None: the dataset's own
    _read: dict[str, bytes] = field(default_factory=dict)  # name -> the bytes read
    _replaced: dict[str, Contents] = field(default_factory=dict)  # name -> the new contents of a file read
    _created: dict[str, bytes] = field(default_factory=dict)  # name -> the bytes of a new file
    _archived: dict[Path, bytes] = field(default_factory=dict)  # a new archived text outside the dataset folder

    def read(self, name: str) -> Contents:
        """Dataset file `name` ("actors/us.yaml") as it is, read strictly; `Refused` if it cannot be, or the
        strict loader finds any problem in it."""
        path = safe_target(self.root, name)
        data = read_regular(path, MAX_BYTES)  # a FIFO or a folder is refused, never waited on
        if len(data) > MAX_BYTES:
            raise Refused(f"{path} is larger than {MAX_BYTES:,} bytes, the limit of a file")
        contents = self.contents(name, data)
        self._read[name] = data
        return contents

    def contents(self, name: str, data: bytes) -> Contents:
        """`data` as the contents of dataset file `name`, read strictly; `Refused` on any problem of the
        strict loader. (`read` gives a file as it is, and `Contents.appended` one with an item added.)"""
        return Contents.load(name, data, os.path.join(display_path(self.root), name))

    def replace(self, new: Contents) -> None:
        """Write `new` over its dataset file, which was `read` in this change."""
        if new.name not in self._read:
            raise ValueError(f"{new.name} must be read before it is replaced")
        self._replaced[new.name] = new

    def create(self, name: str, data: bytes) -> None:
        """Write `data` as the new file `name` (a dataset file, or an archived text in an archive inside the
        dataset folder); `Refused` if it exists."""
        path = safe_target(self.root, name)
        if path.exists() or path.is_symlink():
            raise Refused(f"{path} exists; not overwriting it")
        self._created[name] = data

    def archive(self, path: Path, data: bytes) -> None:
        """Write `data` as the new archived text at `path` (resolved), in an archive the caller has checked
        to be part of the project; `Refused` if it exists."""
        if path.exists() or path.is_symlink():
            raise Refused(f"{path} exists; not overwriting it")
        self._archived[path] = data

    @property
    def created_paths(self) -> tuple[Path, ...]:
        """The paths of the new files, as given to `create` and `archive`."""
        return (*self._archived, *(safe_target(self.root, name) for name in self._created))

    def commit(self) -> None:
        """Check the dataset as the change leaves it, then write every file; `Refused` with the errors the
        change brings, or if a write fails, and then nothing is changed."""
        archived = {name: data for name, data in self._created.items() if not _is_dataset_file(name)}
        done: list[tuple[Path, bytes | None]] = []  # written so far: each path, with its old bytes if it had any
        path = self.root
        try:
            for name, data in archived.items():  # archived texts first: the checks read them from disk
                path = safe_target(self.root, name)
                write_new(path, data)
                done.append((path, None))
            for path, data in self._archived.items():
                write_new(path, data)
                done.append((path, None))
            errors = self._errors_brought()
            if errors:
                raise Refused(NOT_WRITTEN, tuple(capped(errors)))
            for name in self._replaced:
                if read_regular(safe_target(self.root, name)) != self._read[name]:
                    raise Refused(f"{self.root / name} was changed meanwhile (not by stancediff); try again")
            for name, data in self._created.items():
                if name not in archived:
                    path = safe_target(self.root, name)
                    write_new(path, data)
                    done.append((path, None))
            for name, new in self._replaced.items():
                path = safe_target(self.root, name)
                _replace(path, new.data)
                done.append((path, self._read[name]))
        except BaseException as error:
            left = _undo(done)
            if isinstance(error, OSError):
                state = "the dataset is as it was" if not left else "and could not put back " + ", ".join(left)
                raise Refused(f"cannot write {path}: {error.strerror or error}; {state}") from None
            raise

    def _errors_brought(self) -> list[Problem]:
        """The errors the dataset would have with the change that it does not have now."""

        def context() -> Context:
            return Context(today=datetime.date.today(), sources_dir=self.sources_dir)

        files: dict[str, bytes | Loaded] = {n: d for n, d in self._created.items() if _is_dataset_file(n)}
        files.update({name: Loaded(new.file, new.tree, ()) for name, new in self._replaced.items()})
        after = [p for p in check_all(read_dataset(self.root, replaced=files), context()) if p.severity == "error"]
        if not after:
            return []
        moved = {new.file: _line_map(self._read[name], new.data) for name, new in self._replaced.items()}
        return _brought(check_all(read_dataset(self.root), context()), after, moved)


def _is_dataset_file(name: str) -> bool:
    return name in (TOPICS_NAME, SOURCES_NAME) or is_actor_path(name)


def _line_map(old: bytes, new: bytes) -> Callable[[int], int | None]:
    """Where each line (1-based) of `old` is in `new`, which changed one run of lines; None for a changed line."""
    before, after = old.splitlines(), new.splitlines()
    most = min(len(before), len(after))
    prefix = 0
    while prefix < most and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < most - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    shift = len(after) - len(before)

    def moved(line: int) -> int | None:
        if line <= prefix:
            return line
        return line + shift if line > len(before) - suffix else None

    return moved


def _brought(before: Sequence[Problem], after: Sequence[Problem], moved: Mapping[str, Callable]) -> list[Problem]:
    """The problems of `after` that were not in `before`, by file, line, column and code (messages differ
    as hints change); the lines of a changed file are compared where they moved to."""
    there = Counter((p.file, moved[p.file](p.line) if p.file in moved else p.line, p.column, p.code) for p in before)
    new = []
    for found in after:
        key = (found.file, found.line, found.column, found.code)
        if there[key]:
            there[key] -= 1
        else:
            new.append(found)
    return new


def _replace(path: Path, data: bytes) -> None:
    """Replace the file at `path` by `data` in one rename, from a temporary file beside it (with its mode)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _undo(done: list[tuple[Path, bytes | None]]) -> list[str]:
    """Put back what a failed change wrote, last first; the paths that could not be."""
    left = []
    for path, before in reversed(done):
        try:
            if before is None:
                path.unlink()
            else:
                _replace(path, before)
        except OSError:
            left.append(str(path))
    return left


@contextlib.contextmanager
def locked(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the dataset's lock (`.stancediff.lock`, flock'ed) while the block runs: the one lock of every
    command that writes. Waited for without end, or `wait` seconds and then `Refused`."""
    path = os.path.join(root, LOCK_NAME)
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags, 0o666)
    except OSError as error:
        raise Refused(f"cannot lock the dataset with {path}: {error.strerror or error}") from None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise Refused(f"{path} is not a regular file; remove it (stancediff locks the dataset with it)")
        if wait is None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        else:
            _flock_within(handle, wait, root)
        yield
    finally:
        os.close(handle)  # which releases the lock


def _flock_within(handle: int, wait: float, root: Path) -> None:
    """Take the lock on `handle`, trying for `wait` seconds; `Refused` if another command holds it still."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Refused(f"another stancediff command is writing to {root}; try again when it is done") from None
            time.sleep(0.05)


@contextlib.contextmanager
def change(root: Path, sources_dir: Path | None = None) -> Iterator[Change]:
    """Change the dataset in `root`: read and stage files in the block, checked and written at its end.

    The dataset's lock is held from the start of the block to the last
    rename; see the module's docstring for what is promised. `sources_dir`
    is the archive quotes are checked against (None: the dataset's own).
    An exception in the block writes nothing.
    """
    with locked(root):
        edit = Change(root, sources_dir)
        yield edit
        edit.commit()
