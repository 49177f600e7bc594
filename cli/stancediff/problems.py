"""Problems found in a dataset, the catalogue of every problem code, and the report of a run.

A module that finds problems declares its codes beside the code that finds
them, in `CODES` (a severity, a title, a message template and a fix for each),
and its docstring documents them, as a yamllint rule does; `CATALOGUE` merges
them, so that `explain`, docs/problems.md, the reporters and the tests all read
the same text. Code that finds a problem calls `problem(code, file, mark,
**fields)`; the fields fill the template and are made visible first (see
`text.visible`), so a message never carries raw control characters from the
data.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import ModuleType
from typing import Literal, NamedTuple

from .text import SHOWN_CHARS, count, shorten, visible

Severity = Literal["error", "warning"]
Mark = tuple[int, int]  # 1-based line and column

MAX_PER_FILE = 200  # problems listed per file
MAX_PER_RUN = 2_000  # problems listed in all


@dataclass(frozen=True)
class Code:
    """What a problem code means, as the module that reports it declares it in its `CODES`."""

    severity: Severity
    title: str
    template: str  # the message, with {fields} filled by `problem`
    fix: str  # what to do about it, for `explain` and docs/problems.md

    @classmethod
    def error(cls, title: str, template: str, fix: str) -> Code:
        return cls("error", title, template, fix)

    @classmethod
    def warning(cls, title: str, template: str, fix: str) -> Code:
        return cls("warning", title, template, fix)


@dataclass(frozen=True)
class Section:
    """The codes that one module declares, and its docstring, which documents them."""

    module: str  # its dotted name
    doc: str  # its docstring; the first line is "Heading: what it checks"
    codes: Mapping[str, Code]

    @property
    def heading(self) -> str:
        return self.doc.partition(":")[0]


def _declaring() -> tuple[ModuleType, ...]:
    """The modules that declare problem codes, in the order docs/problems.md lists them.

    Reading a dataset first, then the checks in the order `validate` runs
    them, then the run's own. Imported here, not at the top: each of them
    imports this module to report its problems.
    """
    from .checks import MODULES, validate
    from .curation import sheet_problems
    from .format import archive, conform, dataset, load

    return (load, dataset, archive, conform, *MODULES, validate, sheet_problems)


class Catalogue(Mapping[str, Code]):
    """Every problem code: the `CODES` of each declaring module, merged on first use."""

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(m.__name__, inspect.getdoc(m) or "", m.CODES) for m in _declaring())

    @cached_property
    def _codes(self) -> dict[str, Code]:
        merged: dict[str, Code] = {}
        for section in self.sections:
            for code, entry in section.codes.items():
                if code in merged:
                    raise ValueError(f"problem code {code} is declared twice, the second time in {section.module}")
                merged[code] = entry
        return merged

    def __getitem__(self, code: str) -> Code:
        return self._codes[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


CATALOGUE = Catalogue()


class Problem(NamedTuple):
    """One problem at file:line:column. A tuple, so that its order (by file, line, column, code, ...) and its
    making cost what a tuple's do: a hostile file may bring hundreds of thousands."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str


def problem(code: str, file: str, mark: Mark, /, **fields: object) -> Problem:
    """Make the problem `code` at `file:mark`, its message filled from `fields`.

    String fields are quoted; pass `Raw` for text that is already part of the
    message (a hint, a list of choices). The whole message is made visible,
    `Raw` fields too, since they may hold a path or a name from the data.
    """
    entry = CATALOGUE[code]
    key = _message_key(code, fields)
    message = _MESSAGES.get(key) if key is not None else None
    if message is None:
        shown = {name: value if isinstance(value, Raw) else show(value) for name, value in fields.items()}
        message = visible(entry.template.format(**shown))
        if key is not None and len(_MESSAGES) < _MAX_MESSAGES:
            _MESSAGES[key] = message
    return Problem(file, mark[0], mark[1], code, entry.severity, message)


# Messages made, by code and fields: the same one recurs (a key missing from every item of a list), and
# formatting and escaping it anew cost most of reading a file of a few hundred thousand problems.
_MESSAGES: dict[tuple[object, ...], str] = {}
_MAX_MESSAGES = 4_096
_KEYED_CHARS = 200  # a field longer than this is not remembered


def _message_key(code: str, fields: dict[str, object]) -> tuple[object, ...] | None:
    """What a message is made from, types included (Raw("1") and "1" and 1 are shown apart); None when a field
    is not a short text."""
    key: list[object] = [code]
    for name, value in fields.items():
        if not isinstance(value, str) or len(value) > _KEYED_CHARS:
            return None
        key += (name, type(value), value)
    return tuple(key)


def capped(problems: list[Problem], per_file: int = MAX_PER_FILE, per_run: int = MAX_PER_RUN) -> list[Problem]:
    """The sorted `problems` as listed: at most `per_file` a file and `per_run` in all.

    Where problems are left out, a line at the first of them says how many,
    so that nothing is left out silently: `more-problems`, an error, when
    errors are among them, else `more-warnings`, a warning.
    """
    listed: list[Problem] = []
    left_out: list[Problem] = []
    index = 0
    while index < len(problems):
        file = problems[index].file
        end = index
        while end < len(problems) and problems[end].file == file:
            end += 1
        room = min(per_file, per_run - len(listed))
        if room <= 0:
            left_out = problems[index:]
            break
        listed += problems[index : min(end, index + room)]
        if end - index > room:
            listed.append(_more(problems[index + room : end], "in this file"))
        index = end
    if left_out:
        listed.append(_more(left_out, "in this and later files"))
    return listed


def _more(omitted: list[Problem], where: str) -> Problem:
    first = omitted[0]
    errors = sum(p.severity == "error" for p in omitted)
    if not errors:
        more = Raw(count(len(omitted), "more warning"))
        return problem("more-warnings", first.file, (first.line, first.column), more=more, where=Raw(where))
    return problem(
        "more-problems",
        first.file,
        (first.line, first.column),
        more=Raw(count(len(omitted), "more problem")),
        where=Raw(where),
        errors=Raw(count(errors, "error")),
        warnings=Raw(count(len(omitted) - errors, "warning")),
    )


class Raw(str):
    """Message text written by stancediff itself, shown as it is."""

    @classmethod
    def from_data(cls, text: str) -> Raw:
        """Text shown as it is but for what it may carry from the data (a tag, an exception's words):
        made visible, and shortened."""
        return cls(visible(shorten(text)))


def show(value: object) -> str:
    """A value as a message shows it: strings quoted, everything made visible, anything long shortened."""
    if not isinstance(value, str):
        return visible(shorten(str(value)))
    if len(value) > SHOWN_CHARS:
        return f'"{visible(value[:SHOWN_CHARS])}…" ({len(value):,} characters)'
    return '"' + visible(value) + '"'


@dataclass(frozen=True)
class Counts:
    files: int
    actors: int
    stances: int
    quotes: int
    quotes_checked: int
    quotes_unchecked: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]  # sorted by file, line and column; capped (see `capped`)
    counts: Counts  # of every problem, listed or not

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean; 1 on errors, or when `strict` on warnings too and on quotes left unchecked.

        A quote not proved against its archived text is as good as a warning to
        CI: `--strict` cannot pass with "0 checked, 1 unchecked".
        """
        unproved = self.counts.warnings or self.counts.quotes_unchecked
        return 1 if self.counts.errors or (strict and unproved) else 0
