"""The schema: each record read is compared with its definition (`spec.Record`), as `stancediff docs format` gives it.

`conform` reports missing and unknown keys (with "did you mean"), wrong types
(with a hint to quote values that YAML 1.1 reads as booleans, numbers or
dates), values outside their allowed set, and values that break their kind's
rule (`spec.Kind`: ids, dates, country codes, URLs, digests). It returns every
value that passed, even from a record with other problems, so that the checks
after it see everything well-formed; a record missing a required value is
marked incomplete, its problems already reported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..problems import Code, Mark, Problem, Raw, problem, show
from ..suggest import did_you_mean
from ..text import escape
from .load import YamlList, YamlMap, describe
from .model import PartialDate
from .spec import INVISIBLE, Field, Kind, Record

_INVISIBLE = re.compile(f"[{INVISIBLE}]")


CODES: dict[str, Code] = {
    "missing-key": Code.error(
        "Missing required key",
        "{record} is missing the required key {key}",
        "Add the key; `stancediff docs format` lists the required keys of each record.",
    ),
    "unknown-key": Code.error(
        "Unknown key",
        "unknown key {key} in {record}{hint}",
        "Remove the key or correct its spelling; `stancediff docs format` lists the allowed keys.",
    ),
    "wrong-type": Code.error(
        "Wrong type",
        "{key} must be {expected}, but YAML read {found}{hint}",
        "Write a value of the expected type; quote values that YAML reads as "
        'booleans, numbers or dates (`country: "NO"`, `id: "0755"`).',
    ),
    "empty-value": Code.error(
        "Empty value",
        "{key} is empty",
        "Write a value, or remove the key if it is optional.",
    ),
    "invalid-choice": Code.error(
        "Value not allowed",
        "{key} is {value}; it must be one of: {choices}{hint}",
        "Use one of the listed values.",
    ),
    "invalid-id": Code.error(
        "Invalid id",
        "{key} {value} is not kebab-case (lowercase letters and digits joined by single hyphens)",
        "Rename it, for example `steve-tsang` or `huawei-in-5g`.",
    ),
    "invalid-format": Code.error(
        "Invalid format",
        "{key} {value} is not {expected}",
        "Write the value in the format shown.",
    ),
    "invisible-character": Code.error(
        "Invisible character",
        "{key} {value} holds an invisible character, {char} ({name}), at character {index}: "
        "it looks the same as the text without it",
        "Delete the character (zero-width spaces, direction marks and soft hyphens often come with text pasted "
        "from the web): names, titles, propositions, aliases and tags must show every character they hold.",
    ),
    "invalid-date": Code.error(
        "Invalid date",
        "{key} {value} is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "Write the date as YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
}


@dataclass(frozen=True)
class Values:
    """The values of one record that passed, and where each stands."""

    values: dict[str, Any]  # key -> value; Kind.RECORDS keys hold lists of Values
    mark: Mark  # where the record starts
    marks: dict[str, Mark]  # key -> mark of its value (the loader's own map, not a copy)
    complete: bool  # every required value is there and valid


def conform(node: YamlMap, record: Record, file: str, problems: list[Problem]) -> Values:
    """Check `node` against `record`, appending to `problems`; return the values that passed."""
    values: dict[str, Any] = {}
    complete = True
    for key, raw in node.items():
        spec = record.by_name.get(key)
        if spec is None:
            hint = did_you_mean(key, record.by_name)
            problems.append(
                problem("unknown-key", file, node.key_marks[key], key=key, record=Raw(record.name), hint=hint)
            )
            continue
        if type(raw) is str and spec.valid_text is not None and spec.valid_text(raw):
            values[key] = raw  # the common case, at once
            continue
        mark = node.value_marks[key]
        if raw is None and spec.kind is Kind.RECORDS:
            values[key] = []  # `topics:` with no items yet: an empty list, as `topics: []`
            continue
        if raw is None:
            if spec.required:
                problems.append(problem("empty-value", file, mark, key=Raw(key)))
                complete = False
            continue  # an optional key left empty is as good as absent
        value = _value(spec, raw, node.plain.get(key), mark, file, problems)
        if value is _INVALID:
            complete = complete and not spec.required
            continue
        values[key] = value
    for spec in record.fields:
        if spec.required and spec.name not in node:
            problems.append(problem("missing-key", file, node.mark, record=Raw(record.name), key=Raw(spec.name)))
            complete = False
    return Values(values, node.mark, node.value_marks, complete)


_INVALID = object()


def _value(spec: Field, raw: Any, plain: str | None, mark: Mark, file: str, problems: list[Problem]) -> Any:
    """The checked value of one key, or `_INVALID` after reporting why."""
    kind = spec.kind
    if kind is Kind.RECORDS:
        if not isinstance(raw, YamlList):
            problems.append(_wrong_type(spec, raw, plain, mark, file))
            return _INVALID
        items = []
        assert spec.record is not None
        for index, (item, item_mark) in enumerate(zip(raw, raw.item_marks, strict=True)):
            if isinstance(item, YamlMap):
                items.append(conform(item, spec.record, file, problems))
            else:
                problems.append(_wrong_type(spec, item, raw.plain.get(index), item_mark, file, item=True))
        return items
    if kind in (Kind.TEXTS, Kind.NAMES):
        if not isinstance(raw, YamlList):
            problems.append(_wrong_type(spec, raw, plain, mark, file))
            return _INVALID
        texts = []
        item_kind = Kind.NAME if kind is Kind.NAMES else Kind.TEXT
        for index, (item, item_mark) in enumerate(zip(raw, raw.item_marks, strict=True)):
            if not isinstance(item, str):
                problems.append(_wrong_type(spec, item, raw.plain.get(index), item_mark, file, item=True))
            elif not item_kind.rule.accepts(item):
                code, fields = _text_error(item)
                problems.append(problem(code, file, item_mark, key=Raw(f"an item of {spec.name}"), **fields))
            else:
                texts.append(item)
        return tuple(texts)
    if kind is Kind.DATE:
        date = PartialDate.parse(raw)
        if date is None:
            problems.append(problem("invalid-date", file, mark, key=Raw(spec.name), value=plain or raw))
            return _INVALID
        return date
    if kind is Kind.SHARE:
        return _share(spec, raw, plain, mark, file, problems)
    if not isinstance(raw, str):
        problems.append(_wrong_type(spec, raw, plain, mark, file))
        return _INVALID
    error = None if spec.kind is not Kind.CHOICE and spec.rule.accepts(raw) else _rule_error(spec, raw)
    if error is not None:
        problems.append(problem(error[0], file, mark, **{"key": Raw(spec.name), "value": raw, **error[1]}))
        return _INVALID
    return raw


def _share(spec: Field, raw: Any, plain: str | None, mark: Mark, file: str, problems: list[Problem]) -> Any:
    """A number from 0 to 1 (YAML's `.nan` and `.inf` are not), or `_INVALID` after reporting why."""
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        problems.append(_wrong_type(spec, raw, plain, mark, file))
        return _INVALID
    if not 0 <= raw <= 1:
        expected = Raw(spec.rule.expected)
        problems.append(
            problem("invalid-format", file, mark, key=Raw(spec.name), value=plain or raw, expected=expected)
        )
        return _INVALID
    return float(raw)


def _rule_error(spec: Field, text: str) -> tuple[str, dict[str, object]] | None:
    """The problem code and message fields if `text` breaks `spec`'s rule, else None."""
    rule = spec.rule
    if spec.kind is Kind.CHOICE:
        if text in spec.choices:
            return None
        return (rule.code, {"choices": Raw(", ".join(spec.choices)), "hint": did_you_mean(text, spec.choices)})
    if rule.accepts(text):
        return None
    if spec.kind is Kind.NAME:
        return _text_error(text)
    return (rule.code, {"expected": Raw(rule.expected)} if rule.expected else {})


def _text_error(text: str) -> tuple[str, dict[str, object]]:
    """Why a text that should be a name is not: it is blank, or holds an invisible character (the first)."""
    if not Kind.TEXT.rule.accepts(text):
        return ("empty-value", {})
    index, char = next((i, c) for i, c in enumerate(text) if _INVISIBLE.match(c))
    name = unicodedata.name(char, "a format character")
    shown = Raw(show(_INVISIBLE.sub(lambda m: escape(m.group()), text)))
    return (
        "invisible-character",
        {"char": Raw(escape(char)), "name": Raw(name), "index": Raw(str(index + 1)), "value": shown},
    )


def _wrong_type(spec: Field, raw: Any, plain: str | None, mark: Mark, file: str, item: bool = False) -> Problem:
    """A wrong-type problem for a key's value or, with `item`, for an item of its list."""
    if item:
        key = f"an item of {spec.name}"
        expected = "a mapping" if spec.kind is Kind.RECORDS else "a non-empty string"
    else:
        key, expected = spec.name, spec.rule.description
    wants_text = not spec.many and spec.kind is not Kind.SHARE
    if plain is None:
        found, hint = describe(raw), ""
    else:  # YAML 1.1 read a plain scalar as a boolean, number, date or null
        found = f"{show(plain)} as {describe(raw)}"
        hint = f"; quote it: {show(plain)}" if wants_text else ""
    return problem("wrong-type", file, mark, key=Raw(key), expected=Raw(expected), found=Raw(found), hint=Raw(hint))
