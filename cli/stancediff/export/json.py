"""JSON: the whole dataset, normalised, in a versioned shape (docs/exports.md).

{"format": "stancediff-export", "version": 1, "as_of": null or a date,
 "topics": [...], "sources": [...], "actors": [...], "stances": [...]}

Topics, sources and actors carry every key of the format (an actor without
its stances); each stance carries `id` (`actor:topic:date`, as in the
other exports), `actor`, every key of the format (its evidence entries
nested, each with `source` and `quote`), `value` and `current`. The records
come from `views.records`, so a key added to the format appears here too.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..format.model import Dataset, PartialDate
from ..views.records import actor_json, source_json, stance_json, topic_json
from .tables import current_ids

FORMAT = "stancediff-export"
VERSION = 1


def document(dataset: Dataset, as_of: PartialDate | None) -> dict[str, Any]:
    held = current_ids(dataset)
    return {
        "format": FORMAT,
        "version": VERSION,
        "as_of": None if as_of is None else str(as_of),
        "topics": [topic_json(topic) for topic in dataset.topics],
        "sources": [source_json(source) for source in dataset.sources],
        "actors": [actor_json(actor) for actor in dataset.actors],
        "stances": [{**stance_json(stance), "current": stance.id in held} for stance in dataset.stances],
    }


def write_json(dataset: Dataset, as_of: PartialDate | None, stream: TextIO) -> None:
    json.dump(document(dataset, as_of), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
