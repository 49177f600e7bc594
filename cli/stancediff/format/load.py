"""Reading a file: each YAML file is read strictly, into plain values that remember where they stand.

`Loader` is the one way stancediff reads YAML (the CLI, the tests and the
benchmark all use it). It drives PyYAML's event parser (libyaml's C parser
where available, else PyYAML's pure-Python one, with the same results) and
builds the tree itself, without recursion. That is what makes it safe and
strict at once:

- every mapping and list records the line and column of its keys and items;
- duplicate keys, anchors, aliases, merge keys, explicit tags and a second
  document are seen in the event stream and reported, never expanded, so an
  alias bomb costs nothing;
- nesting deeper than `max_depth` stops the file, where libyaml's own
  recursive composer would overflow the C stack and kill the process;
- more than `max_nodes` keys, values and items stop the file too, so that
  the cost of everything after loading is bounded per file;
- a plain scalar that YAML 1.1 reads as a number but is longer than
  `MAX_NUMBER_CHARS` stays text, with a problem: PyYAML builds a base-60
  integer (`1:30` is 90) in quadratic time, and Python reads no decimal
  integer of more than 4,300 digits, nor prints one; every scalar is read in
  time linear in its length;
- bytes that are not UTF-8, control characters, bidirectional overrides and
  lone surrogates are reported with their position.

Every problem becomes a `Problem`; no input raises.
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..problems import Code, Mark, Problem, Raw, problem, show
from ..text import FORBIDDEN, escape

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 250_000  # keys, values and list items
MAX_BAD_CHARACTERS = 20  # reported one by one per file; the rest are counted
MAX_NUMBER_CHARS = 100  # a longer plain scalar that YAML 1.1 reads as a number stays text

DEFAULT_YAML_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NUMBERS = frozenset((_INT, _FLOAT))
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CONSTRUCTOR = SafeConstructor()
_RESOLVER = Resolver()
# First characters for which YAML 1.1 may read a plain scalar as something
# other than a string; any other plain scalar is a string without asking the
# resolver (which is what the resolver would answer, only slower).
_RESOLVABLE = frozenset(Resolver.yaml_implicit_resolvers)
assert None not in _RESOLVABLE, "a wildcard implicit resolver would apply to every scalar"
# Characters that YAML itself refuses (the parser would stop at the first);
# bidirectional controls and NEL are printable to YAML, so parsing goes on.
_YAML_PRINTABLE = frozenset("\x85\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_NO_PLAIN: Mapping[Any, str] = MappingProxyType({})


class YamlMap(dict[str, Any]):
    """A YAML mapping, with the marks of its keys and values.

    `plain` keeps the source text of plain scalars that YAML read as something
    other than a string (`NO`, `0755`, `2019-05-14`), for messages; it is
    shared and empty until one turns up.
    """

    __slots__ = ("key_marks", "mark", "plain", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}
        self.plain: Mapping[str, str] = _NO_PLAIN


class YamlList(list[Any]):
    """A YAML sequence, with the marks of its items (see `YamlMap.plain`)."""

    __slots__ = ("item_marks", "mark", "plain")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []
        self.plain: Mapping[int, str] = _NO_PLAIN


CODES: dict[str, Code] = {
    "unreadable": Code.error(
        "File cannot be read",
        "cannot read this file: {reason}",
        "Make it a regular file that the user running stancediff may read.",
    ),
    "file-too-large": Code.error(
        "File too large",
        "this file is {size} bytes; the limit is {limit} bytes",
        "Split the data into smaller files (one actor per file).",
    ),
    "not-utf8": Code.error(
        "Not UTF-8",
        "this file is not valid UTF-8 (byte {byte} at offset {offset})",
        "Save the file as UTF-8.",
    ),
    "bad-character": Code.error(
        "Forbidden character",
        "forbidden character {char} ({name})",
        "Delete the character; control characters, bidirectional overrides and "
        "lone surrogates are not allowed anywhere in the data.",
    ),
    "yaml-syntax": Code.error(
        "YAML syntax error",
        "YAML syntax error: {detail}",
        "Fix the YAML at the line shown; the message names the likely cause. The usual ones: a value holding "
        '": " or " #" must be quoted (`summary: "Reyes on rebates: no money"`); indent with spaces, never tabs; '
        "close every bracket and quote you open (`aliases: [a, b]`, the line of the opening one is named); a line "
        "indented under a value that is not a mapping belongs one level up.",
    ),
    "empty-file": Code.error(
        "Empty file",
        "the file holds no data",
        "Fill it in as `stancediff docs format` describes, or delete it.",
    ),
    "multiple-documents": Code.error(
        "More than one YAML document",
        "a second YAML document starts here; a file holds exactly one",
        "Remove the `---` separator and move the second document to a file of its own.",
    ),
    "root-not-mapping": Code.error(
        "Top level is not a mapping",
        "the top level of this file is {found}; it must be a mapping of keys to values",
        "Start the file with `key: value` lines, as `stancediff docs format` shows.",
    ),
    "too-deep": Code.error(
        "Nesting too deep",
        "nesting deeper than {limit} levels",
        "The format nests a few levels at most; remove the extra brackets or indentation.",
    ),
    "long-number": Code.error(
        "Number too long",
        "YAML 1.1 reads {value} as a number; stancediff reads numbers of at most {limit} characters "
        "and keeps this one as text",
        "Quote it if it is text: to YAML 1.1 a plain value of digits and colons is a number in base 60 "
        "(`1:30` is 90). A number of the format is short (`max_quoted: 0.2`).",
    ),
    "too-many-nodes": Code.error(
        "Too many values",
        "this file holds more than {limit} keys, values and list items; it is not read further",
        "Split the data into smaller files (one actor per file); a topics or sources file this large is a mistake.",
    ),
    "duplicate-key": Code.error(
        "Duplicate key",
        "duplicate key {key}; it was first given at line {first_line}",
        "Keep one of the two entries.",
    ),
    "key-not-string": Code.error(
        "Key is not a string",
        "key {key} is read as {found}; keys must be strings",
        "Use a plain word as the key, or quote it.",
    ),
    "anchor": Code.error(
        "YAML anchor",
        "YAML anchor &{name} is not allowed",
        "Write the value out in full; anchors and aliases are not part of the format.",
    ),
    "alias": Code.error(
        "YAML alias",
        "YAML alias *{name} is not allowed",
        "Write the value out in full; anchors and aliases are not part of the format.",
    ),
    "merge-key": Code.error(
        "YAML merge key",
        "YAML merge key << is not allowed",
        "Write the keys out in full.",
    ),
    "tag": Code.error(
        "YAML tag",
        "explicit YAML tag {tag} is not allowed",
        "Remove the tag; quote the value if it must be read as a string.",
    ),
}


@dataclass(frozen=True)
class Loaded:
    """One file as read: its tree (None where it holds no usable mapping) and problems."""

    file: str
    tree: YamlMap | None
    problems: tuple[Problem, ...]

    @classmethod
    def failed(cls, file: str, code: str, **fields: object) -> Loaded:
        """A file that could not be read at all: no tree, one problem at its start."""
        return cls(file, None, (problem(code, file, (1, 1), **fields),))


class Loader:
    """Read YAML files into `YamlMap` trees, with every problem located."""

    def __init__(
        self,
        yaml_loader: type = DEFAULT_YAML_LOADER,
        max_bytes: int = MAX_BYTES,
        max_depth: int = MAX_DEPTH,
        max_nodes: int = MAX_NODES,
    ) -> None:
        self.yaml_loader = yaml_loader
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_nodes = max_nodes

    def load_path(self, path: Path, file: str) -> Loaded:
        """Read the file at `path`; `file` is the name problems are reported under."""
        data = self.read_path(path, file)
        return data if isinstance(data, Loaded) else self.load_bytes(data, file)

    def read_path(self, path: Path, file: str) -> bytes | Loaded:
        """The bytes of the file at `path`, or (as a failed `Loaded`) why they cannot be read."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                return Loaded.failed(file, "unreadable", reason="not a regular file")
            if info.st_size > self.max_bytes:
                return Loaded.failed(file, "file-too-large", size=info.st_size, limit=self.max_bytes)
            return path.read_bytes()
        except OSError as error:
            return Loaded.failed(file, "unreadable", reason=error.strerror or str(error))

    def load_bytes(self, data: bytes, file: str) -> Loaded:
        """Read a file's contents, as from disk or from git."""
        if len(data) > self.max_bytes:
            return Loaded.failed(file, "file-too-large", size=len(data), limit=self.max_bytes)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            start = error.start
            line_start = data.rfind(b"\n", 0, start) + 1
            mark = (data.count(b"\n", 0, start) + 1, start - line_start + 1)
            found = problem("not-utf8", file, mark, byte=Raw(f"0x{data[start]:02x}"), offset=start)
            return Loaded(file, None, (found,))
        problems: list[Problem] = []
        parse = _scan_characters(text, file, problems)
        tree = None
        if parse:
            try:
                tree = _Builder(self.yaml_loader(text), file, problems, self.max_depth, self.max_nodes).build()
            except yaml.YAMLError as error:
                problems.append(_syntax_problem(error, file, text, self.max_depth))
            except Exception as error:  # a bug of ours must not stop the other files
                problems.append(problem("internal-error", file, (1, 1), detail=Raw.from_data(repr(error))))
        problems.sort()
        return Loaded(file, tree, tuple(problems))


def _mark_of(text: str, offset: int) -> Mark:
    return (text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _scan_characters(text: str, file: str, problems: list[Problem]) -> bool:
    """Report forbidden characters in the raw text; return whether YAML can parse it."""
    parse = True
    found = 0
    for match in FORBIDDEN.finditer(text):
        char = match.group()
        parse = parse and char in _YAML_PRINTABLE
        found += 1
        if found <= MAX_BAD_CHARACTERS:
            problems.append(_bad_character(char, file, _mark_of(text, match.start())))
    if found > MAX_BAD_CHARACTERS:
        problems[-1] = problem(
            "bad-character",
            file,
            (problems[-1].line, problems[-1].column),
            char=Raw("..."),
            name=Raw(f"{found - MAX_BAD_CHARACTERS + 1} more in this file from here on"),
        )
    return parse


def _bad_character(char: str, file: str, mark: Mark) -> Problem:
    name = unicodedata.name(char, "control character")
    return problem("bad-character", file, mark, char=Raw(escape(char)), name=Raw(name))


# What libyaml (0.2.5 with PyYAML 6.0.3 and later) says when brackets nest past its own
# limit of 1,000, which its scanner can meet before the builder meets `max_depth`.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _syntax_problem(error: yaml.YAMLError, file: str, text: str, max_depth: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        where = (mark.line + 1, mark.column + 1)
    else:  # a ReaderError knows only its offset
        where = _mark_of(text, getattr(error, "position", 0))
    detail = getattr(error, "problem", None) or str(error)
    if detail == _LIBYAML_TOO_DEEP:
        return problem("too-deep", file, where, limit=max_depth)
    context = getattr(error, "context", None)
    if context:
        detail = f"{detail} ({context})"
    opened = getattr(error, "context_mark", None)
    hint = _hint(detail, opened.line + 1 if opened is not None else None)
    return problem("yaml-syntax", file, where, detail=Raw(Raw.from_data(detail) + (f"; {hint}" if hint else "")))


def _hint(detail: str, opened: int | None) -> str | None:
    """The likely cause of libyaml's complaint, and its fix, in the user's terms."""
    if "mapping values are not allowed" in detail:
        return (
            'likely a value holding ": " that is not quoted: quote the whole value (summary: "a: b"), '
            "or the line is indented under a value that is not a mapping"
        )
    if "tab" in detail:
        return "indent with spaces, not tabs"
    if "flow sequence" in detail or "flow mapping" in detail:
        bracket = "[" if "sequence" in detail else "{"
        return f"close the {bracket} opened at line {opened}" if opened else f"close the {bracket}"
    if "quoted scalar" in detail:
        return f"close the quote opened at line {opened}" if opened else "close the quote"
    if "could not find expected ':'" in detail:
        return 'a key needs ": " after it; a value holding ": " or " #" must be quoted'
    return None


# In this order: a bool is also an int, and a datetime also a date.
_DESCRIPTIONS: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (datetime.datetime, "a date and time"),
    (datetime.date, "a date"),
    (str, "a string"),
    (list, "a list"),
    (dict, "a mapping"),
)


def describe(value: object) -> str:
    """What YAML made of a value, for messages: 'a boolean', 'a list', ..."""
    if value is None:
        return "null"
    return next((text for kind, text in _DESCRIPTIONS if isinstance(value, kind)), type(value).__name__)


class _Builder:
    """Turn one parser's event stream into a `YamlMap`, reporting as it goes."""

    def __init__(self, parser: Any, file: str, problems: list[Problem], max_depth: int, max_nodes: int) -> None:
        self.parser = parser
        self.file = file
        self.problems = problems
        self.max_depth = max_depth
        self.max_nodes = max_nodes

    def report(self, code: str, mark: Mark, **fields: object) -> None:
        self.problems.append(problem(code, self.file, mark, **fields))

    def build(self) -> YamlMap | None:
        try:
            get = self.parser.get_event
            get()  # StreamStart
            if isinstance(get(), StreamEndEvent):
                self.report("empty-file", (1, 1))
                return None
            root = self.content()
            if root is _STOPPED:
                return None
            get()  # DocumentEnd
            event = get()
            if isinstance(event, DocumentStartEvent):
                self.report("multiple-documents", _mark(event))
        finally:
            self.parser.dispose()
        if root is None:
            self.report("empty-file", (1, 1))
            return None
        if not isinstance(root, YamlMap):
            self.report("root-not-mapping", (1, 1), found=Raw(describe(root)))
            return None
        return root

    def content(self) -> Any:
        """Build the document's root node; return `_STOPPED` if it is too deep or too large."""
        get = self.parser.get_event
        resolve = self.parser.resolve
        tags = _TAGS.setdefault(type(self.parser), {})  # a parser's own: the C and Python ones are compared
        stack: list[YamlMap | YamlList] = []
        keys: list[Any] = []  # per open mapping: _NO_KEY, or (key, mark) awaiting its value
        left = self.max_nodes
        while True:
            event = get()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                node = stack.pop()
                keys.pop()
                if not stack:
                    return node
                continue
            start = event.start_mark
            mark = (start.line + 1, start.column + 1)
            left -= 1
            if left < 0:
                self.report("too-many-nodes", mark, limit=Raw(f"{self.max_nodes:,}"))
                return _STOPPED
            plain = None
            if kind is ScalarEvent:
                value = event.value
                if event.anchor is not None:
                    self.report("anchor", mark, name=Raw.from_data(event.anchor))
                if event.tag is not None:
                    self.report("tag", mark, tag=Raw.from_data(event.tag))
                elif event.implicit[0] and (not value or value[0] in _RESOLVABLE):
                    tag = tags.get(value) or _remember_tag(tags, value, plain_tag(value, resolve))
                    if tag in _NUMBERS and len(value) > MAX_NUMBER_CHARS:
                        self.report("long-number", mark, value=value, limit=MAX_NUMBER_CHARS)
                    elif tag != _STR:
                        plain = value
                        value = _construct(tag, value)
                elif event.style == '"' and FORBIDDEN.search(value):
                    for match in FORBIDDEN.finditer(value):
                        self.problems.append(_bad_character(match.group(), self.file, mark))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    self.report("anchor", mark, name=Raw.from_data(event.anchor))
                if event.tag is not None:
                    self.report("tag", mark, tag=Raw.from_data(event.tag))
                if len(stack) >= self.max_depth:
                    self.report("too-deep", mark, limit=self.max_depth)
                    return _STOPPED
                value = YamlMap(mark) if kind is MappingStartEvent else YamlList(mark)
            elif kind is AliasEvent:
                self.report("alias", mark, name=Raw.from_data(event.anchor))
                value = None
            else:  # pragma: no cover - the parser emits nothing else inside a document
                raise AssertionError(f"unexpected event {event}")

            top = stack[-1] if stack else None
            if top is None:
                if kind is not MappingStartEvent and kind is not SequenceStartEvent:
                    return value  # the whole document is one scalar
            elif isinstance(top, YamlList):
                if plain is not None:
                    _plain_of(top)[len(top)] = plain
                top.append(value)
                top.item_marks.append(mark)
            elif keys[-1] is _NO_KEY:
                keys[-1] = (value, mark, plain)
            else:
                self.attach(top, keys[-1], value, mark, plain)
                keys[-1] = _NO_KEY
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(value)
                keys.append(_NO_KEY)

    def attach(self, mapping: YamlMap, key_entry: tuple, value: Any, mark: Mark, plain: str | None) -> None:
        key, key_mark, key_plain = key_entry
        if not isinstance(key, str):
            shown = Raw(show(key_plain)) if key_plain is not None else Raw(describe(key))
            self.report("key-not-string", key_mark, key=shown, found=Raw(describe(key)))
            return
        if key == "<<" and key_plain is not None:
            self.report("merge-key", key_mark)
            return
        if key in mapping:
            self.report("duplicate-key", key_mark, key=key, first_line=mapping.key_marks[key][0])
            return
        mapping[key] = value
        mapping.key_marks[key] = key_mark
        mapping.value_marks[key] = mark
        if plain is not None:
            _plain_of(mapping)[key] = plain


_NO_KEY = object()
_STOPPED = object()


def _plain_of(node: YamlMap | YamlList) -> dict[Any, str]:
    """The node's own `plain` map, made on first use (until then it shares the empty one)."""
    if isinstance(node.plain, dict):
        return node.plain
    own: dict[Any, str] = {}
    node.plain = own
    return own


def _mark(event: Any) -> Mark:
    start = event.start_mark
    return (start.line + 1, start.column + 1)


# YAML 1.1 reads only base-60 numbers (`1:30`) with more colons than a timestamp has
# (`2001-12-14 21:59:43.1 +05:30`); PyYAML's patterns for them repeat a group, which
# Python's regex engine matches with a stack entry per colon (10 MB: 400 MB of memory).
_MOST_COLONS = 4
# The same in linear time and constant memory: a head, the digits and colons after
# it, a fraction for a float; then the parts after the head must each be 0-59
# written in one or two digits (`[0-5]?[0-9]`), which plain substring searches
# tell once the digits are read as low (0-5) and high (6-9).
_BASE_60 = re.compile(r"[-+]?([0-9][0-9_]*):([0-9:]*)(\.[0-9_]*)?")
_LOW_HIGH = bytes.maketrans(b"0123456789", b"llllllhhhh")
_NOT_PARTS = (b"::", b":hl", b":hh", *(bytes(run) for run in itertools.product(b"lh", repeat=3)))


# The tags of short plain values seen, by the kind of parser that resolved them (dates and numbers recur
# across files), up to a bound.
_TAGS: dict[type, dict[str, str]] = {}
_MAX_TAGS = 65_536
_MAX_TAGGED_CHARS = 32


def _remember_tag(tags: dict[str, str], text: str, tag: str) -> str:
    if len(text) <= _MAX_TAGGED_CHARS and len(tags) < _MAX_TAGS:
        tags[text] = tag
    return tag


def plain_tag(text: str, resolve: Callable[..., str] = _RESOLVER.resolve) -> str:
    """The tag YAML 1.1 gives `text` written plain (`tag:yaml.org,2002:int`, `...:str`), in time and memory
    linear in its length; `resolve` is a parser's own resolver, which is quicker to call."""
    if len(text) > MAX_NUMBER_CHARS and text.count(":") > _MOST_COLONS:
        return _base_60_tag(text)
    return resolve(ScalarNode, text, (True, False))


def _base_60_tag(text: str) -> str:
    """What YAML 1.1 reads `text` as, when it has more colons than any value but a base-60 number: int,
    float or str, as PyYAML's resolver would say, in linear time and constant memory."""
    found = _BASE_60.fullmatch(text)
    if found is None:
        return _STR
    parts = b":" + found.group(2).encode("ascii").translate(_LOW_HIGH) + b":"
    if any(bad in parts for bad in _NOT_PARTS):
        return _STR
    if found.group(3) is not None:
        return _FLOAT
    return _INT if found.group(1)[0] != "0" else _STR


def _construct(tag: str, text: str) -> Any:
    """The value YAML 1.1 gives a plain scalar of `tag` (bool, int, date, ...)."""
    if tag == _TIMESTAMP and len(text) == 10:
        # The resolver matched a timestamp, so ten characters are YYYY-MM-DD:
        # the C date parser gives what SafeConstructor would, several times faster.
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            return text  # e.g. 2019-02-30: left as a string for the date check to report
    construct = _CONSTRUCTOR.yaml_constructors.get(tag)
    if construct is None or tag == _MERGE:
        return text
    try:
        return construct(_CONSTRUCTOR, ScalarNode(tag, text))
    except (ValueError, OverflowError, AttributeError, yaml.YAMLError):
        # 2019-02-30 and the like are left as strings, for conform to report
        # as it reports any malformed value; AttributeError: PyYAML's timestamp
        # constructor fails so on text its resolver did not quite match.
        return text
