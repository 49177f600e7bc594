"""Edit a YAML file's text where a value, a key or a list item stands, every other byte kept.

    text = Text.of(before)                       # before: the file's bytes
    stance = text.items("stances")[2]            # the third stance, a mapping node
    text.set_key(stance, "position", "oppose", spec.STANCE)
    text.remove_key(stance, "note")
    after = text.bytes()

PyYAML composes the file (with libyaml's C parser, where available: a rename
reads every actor file) to find where things stand (the line and column of
every node); the edits are then made on the text itself, as spans replaced,
so comments, quoting, flow lists and blank lines elsewhere stay as they were,
as `write.append_item` keeps them. A value is written as `write.render`
writes it (YAML 1.1 look-alikes quoted); a scalar keeps its quoting style
where the new text allows it. Edits are collected and applied at once, last
first, so that the marks they were found by stay true. A file, or a part of
it, that is not in block style (a flow mapping `{...}`) is `Refused` where
a key must be added or removed: that is edited by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Refused
from ..format import spec
from .write import render

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class _Edit:
    start: int  # offsets in the text
    end: int
    text: str


class Text:
    """One YAML file's text, its composed nodes, and the edits to make to it."""

    def __init__(self, text: str, bom: bool = False, name: str = "the file") -> None:
        self.text = text
        self.bom = bom
        self.name = name
        self.newline = "\r\n" if "\r\n" in text else "\n"
        try:
            root = compose(text)
        except yaml.YAMLError as error:
            raise Refused(f"{name} is not valid YAML ({error}); run `stancediff validate`") from None
        if not isinstance(root, MappingNode):
            raise Refused(f"the top level of {name} is not a mapping; run `stancediff validate`")
        self.root: MappingNode = root
        self._starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self._starts.append(index + 1)
        self._edits: list[_Edit] = []
        self._removals: dict[int, tuple[MappingNode, str, SequenceNode, list[Node]]] = {}

    @classmethod
    def of(cls, data: bytes, name: str = "the file") -> Text:
        bom = data.startswith(_BOM)
        try:
            return cls(data[len(_BOM) if bom else 0 :].decode("utf-8"), bom, name)
        except UnicodeDecodeError:
            raise Refused(f"{name} is not UTF-8; run `stancediff validate`") from None

    def bytes(self) -> bytes:
        """The text with every edit made."""
        for owner, key, sequence, items in self._removals.values():
            self._remove_items(owner, key, sequence, items)
        self._removals.clear()
        text = self.text
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end), reverse=True):
            text = text[: edit.start] + edit.text + text[edit.end :]
        return (_BOM if self.bom else b"") + text.encode("utf-8")

    # --- finding ---

    def offset(self, line: int, column: int) -> int:
        """The offset of a 0-based line and column."""
        return self._starts[line] + column

    def at(self, mark: yaml.Mark) -> int:
        """The offset of a node's mark (by line and column, which count characters in both parsers)."""
        return self.offset(mark.line, mark.column)

    def line_end(self, line: int) -> int:
        """The offset just after line `line`'s line break (or the end of the text)."""
        return self._starts[line + 1] if line + 1 < len(self._starts) else len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self._starts[line] : self.line_end(line)] if line < len(self._starts) else ""

    def items(self, key: str, within: MappingNode | None = None) -> list[MappingNode]:
        """The mappings of the list under `key` (of the top level, or of `within`); others are skipped."""
        found = entry(within or self.root, key)
        if found is None or not isinstance(found[1], SequenceNode):
            return []
        return [item for item in found[1].value if isinstance(item, MappingNode)]

    def list_node(self, key: str, within: MappingNode | None = None) -> SequenceNode | None:
        found = entry(within or self.root, key)
        return found[1] if found is not None and isinstance(found[1], SequenceNode) else None

    # --- editing ---

    def replace(self, start: int, end: int, text: str) -> None:
        for edit in self._edits:
            if (start < edit.end and edit.start < end) or (start == end == edit.start == edit.end):
                raise Refused(f"two changes to {self.name} meet at one place; make them one at a time")
        self._edits.append(_Edit(start, end, text))

    def replace_scalar(self, node: ScalarNode, value: str) -> None:
        """Write `value` over the scalar `node`, in its quoting style where the value allows it."""
        self.replace(self.at(node.start_mark), self.at(node.end_mark), scalar_text(value, node.style))

    def set_key(self, mapping: MappingNode, key: str, value: Any, record: spec.Record) -> None:
        """Give `key` of `mapping` the value `value`: in place if it is there, else after the keys before it."""
        found = entry(mapping, key)
        if found is not None:
            key_node, old = found
            if isinstance(old, ScalarNode) and not isinstance(value, (list, tuple, Mapping)):
                start, end = self.at(old.start_mark), self.at(old.end_mark)
                if old.tag == "tag:yaml.org,2002:null" and start == end:
                    self.replace(start, end, " " + scalar_text(value, None))
                else:
                    self.replace_scalar(old, value)
                return
            self._refuse_flow(mapping, key)
            column = key_node.start_mark.column
            start = self.at(key_node.start_mark)
            end = self.offset(*last_mark(old))
            self.replace(start, end, self._block(key, value, column, first_indent=False))
            return
        self._refuse_flow(mapping, key)
        before = [f.name for f in record.fields[: [f.name for f in record.fields].index(key)]]
        previous = [pair for pair in mapping.value if isinstance(pair[0], ScalarNode) and pair[0].value in before]
        column = mapping.value[0][0].start_mark.column if mapping.value else mapping.start_mark.column
        if previous:
            line, _ = last_mark(previous[-1][1])
            at = self.line_end(line)
            prefix = "" if self.text[at - 1 : at] == "\n" else self.newline
        else:  # a first key: before the mapping's first key, which keeps its place on the dash line
            first = mapping.value[0][0]
            at = self.at(first.start_mark)
            text = self._block(key, value, column, first_indent=False)
            self.replace(at, at, text + self.newline + " " * column)
            return
        self.replace(at, at, prefix + self._block(key, value, column, first_indent=True) + self.newline)

    def remove_key(self, mapping: MappingNode, key: str) -> bool:
        """Remove `key` and its value from `mapping`, with the lines they alone stood on; False if absent."""
        found = entry(mapping, key)
        if found is None:
            return False
        self._refuse_flow(mapping, key)
        key_node, value = found
        line = key_node.start_mark.line
        if self.text[self._starts[line] : self.at(key_node.start_mark)].strip():
            raise Refused(f"`{key}` of {self.name} shares its line with what comes before it; remove it by hand")
        end_line, _ = last_mark(value)
        self.replace(self._starts[line], self.line_end(end_line), "")
        return True

    def remove_item(self, owner: MappingNode, key: str, item: Node) -> None:
        """Remove `item` from the list under `key` of `owner`, with its lines, when the text is taken.

        Items of one list are removed together, so that the blank lines between
        them go as they came; an emptied list becomes `key: []`.
        """
        sequence = self.list_node(key, owner)
        if sequence is None or not any(node is item for node in sequence.value):
            raise Refused(f"no such item under `{key}` in {self.name}")
        if sequence.flow_style:
            raise Refused(f"`{key}` of {self.name} is a flow list [...]; remove the item by hand")
        pending = self._removals.setdefault(id(sequence), (owner, key, sequence, []))
        if not any(node is item for node in pending[3]):
            pending[3].append(item)

    def _remove_items(self, owner: MappingNode, key: str, sequence: SequenceNode, items: list[Node]) -> None:
        kept = [i for i, node in enumerate(sequence.value) if not any(node is gone for gone in items)]
        if not kept:
            key_node = entry(owner, key)[0]  # type: ignore[index]
            end_line, end_column = last_mark(sequence)
            self.replace(self.at(key_node.start_mark), self.offset(end_line, end_column), f"{key}: []")
            return
        index = 0
        while index < len(sequence.value):
            if index in kept:
                index += 1
                continue
            run_end = index
            while run_end + 1 < len(sequence.value) and run_end + 1 not in kept:
                run_end += 1
            first = sequence.value[index].start_mark.line
            last, _ = last_mark(sequence.value[run_end])
            if run_end + 1 < len(sequence.value):  # the blank lines after the run go with it
                stop = last + 1
                while stop < sequence.value[run_end + 1].start_mark.line and not self.line_text(stop).strip():
                    stop += 1
                self.replace(self._starts[first], self._starts[stop], "")
            else:  # a run at the end: the blank lines before it go with it
                previous_end, _ = last_mark(sequence.value[index - 1])
                while first - 1 > previous_end and not self.line_text(first - 1).strip():
                    first -= 1
                self.replace(self._starts[first], self.line_end(last), "")
            index = run_end + 1

    def append_text(self, text: str) -> None:
        """Add `text` (whole lines) at the end of the file."""
        end = len(self.text)
        prefix = "" if not self.text or self.text.endswith("\n") else self.newline
        self.replace(end, end, prefix + text.replace("\n", self.newline))

    def item_text(self, item: Node) -> tuple[str, int, int]:
        """The lines of a block list item as they stand, with its dash's column and its content's."""
        first = item.start_mark.line
        last, _ = last_mark(item)
        text = self.text[self._starts[first] : self.line_end(last)]
        dash = self.line_text(first).find("-")
        return text, dash, item.start_mark.column

    def _block(self, key: str, value: Any, column: int, first_indent: bool) -> str:
        """`key: value` as `render` writes it, its later lines indented to `column`."""
        lines = render({key: value}).splitlines()
        indent = " " * column
        shown = [
            (indent if first_indent else "") + lines[0],
            *((indent + line if line else line) for line in lines[1:]),
        ]
        return self.newline.join(shown)

    def _refuse_flow(self, mapping: MappingNode, key: str) -> None:
        if mapping.flow_style:
            raise Refused(f"`{key}` is in a flow mapping {{...}} in {self.name}; change it by hand")


def compose(text: str) -> Node | None:
    """The node tree of a YAML text, with the C parser where PyYAML has it."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def entry(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    """The key node and value node of `key` in `mapping`, if it is there."""
    for key_node, value in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def scalar_value(mapping: MappingNode, key: str) -> str | None:
    found = entry(mapping, key)
    return found[1].value if found is not None and isinstance(found[1], ScalarNode) else None


def last_mark(node: Node) -> tuple[int, int]:
    """The 0-based (line, column) where the last content of `node` ends: of its last scalar or flow collection."""
    if isinstance(node, ScalarNode) or getattr(node, "flow_style", False):
        return node.end_mark.line, node.end_mark.column
    children: Iterable[Node]
    if isinstance(node, MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = list(node.value)
    return max((last_mark(child) for child in children), default=(node.end_mark.line, node.end_mark.column))


def scalar_text(value: Any, style: str | None) -> str:
    """`value` as one scalar's text: in quoting `style` ('"', "'" or plain None) where it reads back the same."""
    if isinstance(value, str) and "\n" not in value and style == "'":
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, str) and style == '"':
        rendered = render({"k": _double(value)})
        return rendered[len("k: ") :].rstrip("\n")
    rendered = render({"k": value})
    text = rendered[len("k: ") :].rstrip("\n")
    if "\n" in text:  # a long or multi-line text: one double-quoted line
        text = render({"k": _double(value)})[len("k: ") :].rstrip("\n")
    return text


def _double(value: Any) -> Any:
    return DoubleQuotedScalarString(value) if isinstance(value, str) else value
