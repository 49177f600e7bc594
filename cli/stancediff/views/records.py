"""Records as JSON, as every view emits them: every key of the format, by construction.

The keys come from `spec`, so a key added to the format appears in every
view's JSON without a change here. Dates are strings as precise as the data,
lists are arrays, and an absent optional key is `null` (or `[]` for a list).
"""

from __future__ import annotations

from typing import Any

from ..format import spec
from ..format.model import Actor, Located, Source, Stance, Topic, value_text
from ..format.spec import Kind, Record


def record_json(record: Located, kind: Record, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every key of `kind` on `record` but those in `leave_out`, as JSON values."""
    return {
        field.name: _json_value(field, getattr(record, field.name))
        for field in kind.fields
        if field.name not in leave_out
    }


def _json_value(field: spec.Field, value: Any) -> Any:
    if field.kind is Kind.RECORDS:
        assert field.record is not None
        return [record_json(item, field.record) for item in value]
    if field.many:
        return list(value)
    if field.kind is Kind.DATE:
        return str(value)
    return value


def stance_json(stance: Stance) -> dict[str, Any]:
    """A stance: its id (`Stance.id`), its actor, every key of the format, and `value`, its position on the scale."""
    return {"id": stance.id, "actor": stance.actor, **record_json(stance, spec.STANCE), "value": stance.value}


def actor_json(actor: Actor) -> dict[str, Any]:
    """An actor's own keys; its stances are listed where a view lists stances."""
    return record_json(actor, spec.ACTOR, leave_out=("stances",))


def topic_json(topic: Topic) -> dict[str, Any]:
    return record_json(topic, spec.TOPIC)


def source_json(source: Source) -> dict[str, Any]:
    return record_json(source, spec.SOURCE)


def other_keys(stance: Stance, shown: frozenset[str]) -> list[str]:
    """`key: value` lines for the stance keys a view does not lay out itself, where given.

    So a key added to the format shows up in every view that lists stances.
    """
    lines = []
    for field in spec.STANCE.fields:
        text = value_text(field, getattr(stance, field.name)) if field.name not in shown else ""
        if text:
            lines.append(f"{field.name}: {text}")
    return lines
