"""Records as JSON, as every view emits them."""

from __future__ import annotations

from typing import Any

from ..format.model import Actor, Stance, Topic


def stance_json(stance: Stance) -> dict[str, Any]:
    return {
        "actor": stance.actor,
        "topic": stance.topic,
        "position": stance.position,
        "value": stance.value,
        "date": str(stance.date),
        "basis": stance.basis,
        "speaker": stance.speaker,
        "summary": stance.summary,
        "conditions": list(stance.conditions),
        "evidence": [{"source": e.source, "quote": e.quote} for e in stance.evidence],
        "note": stance.note,
    }


def _actor_json(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country, "part_of": actor.part_of}


def _topic_json(topic: Topic) -> dict[str, Any]:
    return {"id": topic.id, "title": topic.title, "proposition": topic.proposition}
