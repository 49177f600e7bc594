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
from .conform import KEBAB
from .spec import Field, Kind, Record

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_NON_BLANK = {"type": "string", "pattern": r"\S"}
_KIND_SCHEMAS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: _NON_BLANK,
    Kind.PATH: _NON_BLANK,
    Kind.ID: {"type": "string", "pattern": f"^{KEBAB.pattern}$"},
    Kind.DATE: {
        "anyOf": [
            {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ]
    },
    Kind.COUNTRY: {"type": "string", "pattern": "^[A-Z]{2}$"},
    Kind.URL: {"type": "string", "pattern": r"^https?://[^\s/]+\S*$"},
    Kind.SHA256: {"type": "string", "pattern": "^[0-9a-f]{64}$"},
    Kind.TEXTS: {"type": "array", "items": _NON_BLANK},
}

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
    return dict(_KIND_SCHEMAS[field.kind])


def _field(field: Field, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _value(field, defs)
    if not field.required:  # an optional key may be left empty (null), as `validate` allows
        schema = {"anyOf": [schema, {"type": "null"}]}
    return {"description": field.description, **schema}


def _record(record: Record, defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {field.name: _field(field, defs) for field in record.fields},
        "required": [field.name for field in record.fields if field.required],
        "additionalProperties": False,
    }


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file: "actor", "topics" or "sources"."""
    defs: dict[str, Any] = {}
    top = _record(FILES[kind], defs)
    return {
        "$schema": DIALECT,
        "title": f"stancediff {kind} file (positions format v1)",
        **top,
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
    }


def schema_text(kind: str) -> str:
    """The schema as the committed files hold it: indented JSON and a final newline."""
    return json.dumps(schema_for(kind), indent=2) + "\n"
