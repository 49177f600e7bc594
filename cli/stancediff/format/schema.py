"""JSON Schemas (draft 2020-12) of the three kinds of file, generated from `spec`.

Editors use them for completion and inline errors (through a
`# yaml-language-server: $schema=...` line), and any JSON Schema validator can
check the files with them. They cover what a schema can say: keys, types,
allowed values and formats. What needs the whole dataset (references,
uniqueness, quotes) or YAML 1.1 (`NO` read as false) is left to `validate`.
"""

from __future__ import annotations

import json
from typing import Any

from . import spec
from .spec import Field, Kind, Record

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_YEAR = {"type": "integer", "minimum": 1000, "maximum": 9999}  # YAML reads `date: 2019` as a number


def _text(kind: Kind) -> dict[str, Any]:
    """A string that follows `kind`'s rule, with the very pattern `conform` applies."""
    pattern = kind.rule.schema_pattern
    return {"type": "string", **({"pattern": pattern} if pattern else {})}


# The file kinds `stancediff schema` offers, and the record at the top of each.
FILES: dict[str, Record] = {"actor": spec.ACTOR, "topics": spec.TOPICS_FILE, "sources": spec.SOURCES_FILE}


def _def_name(record: Record) -> str:
    return record.name.replace(" ", "-")


def _value(field: Field, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of a key's value; records go into `defs` and are referred to."""
    if field.kind is Kind.RECORDS:
        assert field.record is not None
        name = _def_name(field.record)
        defs[name] = _record(field.record, defs)
        return {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}
    if field.kind is Kind.CHOICE:
        return {"enum": list(field.choices)}
    if field.kind in (Kind.TEXTS, Kind.NAMES):
        return {"type": "array", "items": _text(Kind.NAME if field.kind is Kind.NAMES else Kind.TEXT)}
    if field.kind is Kind.DATE:
        return {"anyOf": [_text(Kind.DATE), _YEAR]}
    if field.kind is Kind.SHARE:
        return {"type": "number", "minimum": 0, "maximum": 1}
    return _text(field.kind)


def _field(field: Field, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _value(field, defs)
    # An optional key may be left empty (null), as `validate` allows; so may a list of records,
    # required or not (`topics:` with no items yet).
    if not field.required or field.kind is Kind.RECORDS:
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": field.description, **schema}


def _record(record: Record, defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {field.name: _field(field, defs) for field in record.fields},
        "required": [field.name for field in record.fields if field.required],
        "additionalProperties": False,
    }


def schema_for(kind: str, actor_kinds: tuple[str, ...] = spec.ACTOR_KINDS) -> dict[str, Any]:
    """The JSON Schema of one kind of file: "actor", "topics" or "sources"; an actor's kinds `actor_kinds`."""
    defs: dict[str, Any] = {}
    top = _record(spec.actor_record(actor_kinds) if kind == "actor" else FILES[kind], defs)
    return {
        "$schema": DIALECT,
        "title": f"stancediff {kind} file (positions format v1)",
        **top,
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
    }


def schema_text(kind: str, actor_kinds: tuple[str, ...] = spec.ACTOR_KINDS) -> str:
    """The schema as the committed files hold it: indented JSON and a final newline."""
    return json.dumps(schema_for(kind, actor_kinds), indent=2) + "\n"
