"""Add a record to a file of the dataset, keeping every byte that was there, and write it safely.

A file is never re-dumped. ruamel.yaml (round-trip) composes the file to find
where the list the record joins ends, and emits the new record alone, in the
list's own indentation; that text is spliced in after the list's last line,
so comments, key order, quoting, flow lists and blank lines stay as they were
(a full round-trip dump re-indents lists and respaces flow lists, and hangs a
new item after a trailing comment). The result is then read back: it must
hold exactly the old values plus the new record, and the whole dataset, as it
would be, must pass the strict loader and every check before the file is
replaced atomically (a temporary file in the same folder, then a rename).

Nothing is written outside the dataset folder, through a symlink, or over a
file that was not meant to be touched.
"""

from __future__ import annotations

import datetime
import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from yaml.resolver import Resolver

from ..checks.base import Context
from ..checks.validate import check_reading
from ..errors import Refused
from ..files import read_regular, temporary_prefix
from ..format.dataset import read_dataset
from ..problems import Problem

_STR = "tag:yaml.org,2002:str"
NOT_WRITTEN = "nothing was written: the change would bring the errors above (at lines of the file as changed)"
_RESOLVER = Resolver()


def _yaml() -> YAML:
    emitter = YAML()  # round-trip
    emitter.width = 1_000_000  # never fold a long line
    emitter.indent(mapping=2, sequence=4, offset=2)  # the format's own style: `  - key: value`
    return emitter


def scalar(value: object) -> object:
    """`value` as it must be written for the strict loader (YAML 1.1) to read it back unchanged.

    A text that YAML 1.1 would read as something else (`NO`, `0755`, `1e3`,
    `2019-05-14`) is double-quoted; ruamel.yaml alone follows YAML 1.2.
    """
    if isinstance(value, str) and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR:
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


@dataclass(frozen=True)
class _Place:
    """Where a new item goes: before line `line` (0-based), with its dash and content at these columns."""

    line: int
    dash: int
    content: int
    cut: tuple[int, int, int] | None = None  # (line, start, end): an empty `[]` or `null` to remove first


def append_item(text: str, key: str, item: Mapping[str, Any]) -> str:
    """`text` (a YAML file whose top level is a block mapping) with `item` added to the list under `key`.

    Every line of `text` is kept byte for byte, in order; where the list is
    empty (`[]`, `null`, nothing) that empty value alone is removed, and where
    `key` is absent it is added at the end.
    """
    return append_items(text, key, [item])


def append_items(text: str, key: str, items: Sequence[Mapping[str, Any]]) -> str:
    """`text` with `items` added, in order, to the list under `key`, as `append_item` adds one (one reading)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        root = YAML().compose(text)
    except YAMLError as error:
        raise Refused(f"the file is not valid YAML, so nothing was added: {error}") from None
    if not isinstance(root, MappingNode) or root.flow_style:
        raise Refused("the top level of the file is not a block mapping; add the record by hand")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    bodies = [render(item).splitlines() for item in items]
    place = _place(root, key)
    if place is None:  # no such key: a new list at the end of the file
        lines += [f"{key}:{newline}", *(line for body in bodies for line in _item_lines(body, 2, 4, newline))]
        return "".join(lines)
    if place.cut is not None:
        at, start, end = place.cut
        lines[at] = lines[at][:start].rstrip(" ") + lines[at][end:]
    added = [line for body in bodies for line in _item_lines(body, place.dash, place.content, newline)]
    lines[place.line : place.line] = added
    return "".join(lines)


def _item_lines(body: list[str], dash: int, content: int, newline: str) -> list[str]:
    """The rendered mapping `body` as a list item, its dash at column `dash`, its keys at `content`."""
    first, *rest = body
    head = " " * dash + "-" + " " * (content - dash - 1) + first
    return [head + newline, *((" " * content + line if line else line) + newline for line in rest)]


def _place(root: MappingNode, key: str) -> _Place | None:
    for key_node, value in root.value:
        if not (isinstance(key_node, ScalarNode) and key_node.value == key):
            continue
        column = key_node.start_mark.column
        if isinstance(value, SequenceNode) and not value.flow_style and value.value:
            dash = value.start_mark.column
            content = value.value[0].start_mark.column
            if content - dash < 2:  # `-` then a line break: the item starts on the next line
                content = dash + 2
            end = _last_mark(value.value[-1])
            return _Place(end[0] if end[1] == 0 else end[0] + 1, dash, content)
        empty_flow = isinstance(value, SequenceNode) and value.flow_style and not value.value
        null = isinstance(value, ScalarNode) and value.tag == "tag:yaml.org,2002:null"
        if empty_flow or null:
            start, end = value.start_mark, value.end_mark
            cut = (start.line, start.column, end.column) if end.index > start.index else None
            return _Place(key_node.start_mark.line + 1, column + 2, column + 4, cut)
        raise Refused(f"`{key}` is not a block list here (a flow list [...] or another value); add the record by hand")
    return None


def _last_mark(node: Node) -> tuple[int, int]:
    """The (line, column) where the last content of `node` ends: of its last scalar or flow collection."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.line, node.end_mark.column
    if isinstance(node, MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = list(node.value)
    return max((_last_mark(child) for child in children), default=(node.end_mark.line, node.end_mark.column))


def plain(value: Any) -> Any:
    """A loaded value as plain Python (dicts, lists, str), to compare two readings."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def check_append(before: str, after: str, key: str, item: Mapping[str, Any]) -> None:
    """The new text holds exactly the old values and `item` at the end of `key`'s list, or `Refused`."""
    check_appended(before, after, key, [item])


def check_appended(before: str, after: str, key: str, items: Sequence[Mapping[str, Any]]) -> None:
    """The new text holds exactly the old values and `items` at the end of `key`'s list, or `Refused`."""
    reader = YAML(typ="safe", pure=True)
    try:
        old = plain(reader.load(before)) or {}
        new = plain(reader.load(after))
    except YAMLError as error:
        raise Refused(f"the file cannot be read as YAML ({error}); run `stancediff validate`") from None
    expected = {**old, key: [*(old.get(key) or []), *(plain(_loaded(item)) for item in items)]}
    if new != expected:
        raise Refused("adding the record would change what the file says elsewhere; nothing was written")


def _loaded(item: Any) -> Any:
    """`item` as YAML reads it back: lists of words and nested records as plain values."""
    if isinstance(item, Mapping):
        return {k: _loaded(v) for k, v in item.items()}
    if isinstance(item, (list, tuple)):
        return [_loaded(v) for v in item]
    return item


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


def problems_after(root: Path, changed: Mapping[str, bytes], sources_dir: Path | None) -> tuple[Problem, ...]:
    """The errors the whole dataset would have with `changed` (file name -> new contents) in place."""
    reading = read_dataset(root, replaced=changed)
    report = check_reading(reading, Context(today=datetime.date.today(), sources_dir=sources_dir))
    return tuple(p for p in report.problems if p.severity == "error")


def replace_checked(root: Path, name: str, before: bytes, after: bytes, sources_dir: Path | None) -> Path:
    """Replace dataset file `name` (which held `before`) by `after`, if the dataset stays free of errors.

    `Refused`, with the errors, leaves the file as it was; so does any failure
    while writing, since the new text reaches `name` only by one rename.
    """
    path = safe_target(root, name)
    errors = problems_after(root, {name: after}, sources_dir)
    if errors:
        raise Refused(NOT_WRITTEN, errors)
    if read_regular(path) != before:
        raise Refused(f"{root / name} changed while stancediff was reading it; nothing was written, try again")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    except OSError as error:
        raise Refused(f"cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(after)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException as error:
        os.unlink(temporary)
        if isinstance(error, OSError):
            raise Refused(f"cannot write {path}: {error.strerror or error}; it is as it was") from None
        raise
    return path
