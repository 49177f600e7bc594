"""Uniqueness: topic, source and actor ids, and one stance per actor, topic and date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..format.model import Actor, Dataset, PartialDate
from ..problems import Problem, Raw, problem
from .base import Scope, Summary


def of_actor(actor: Actor, scope: Scope) -> Iterator[Problem]:
    """A second stance of the actor on the same topic and date."""
    first: dict[tuple[str, PartialDate], int] = {}
    for stance in actor.stances:
        key = (stance.topic, stance.date)
        if stance.topic is None or stance.date is None:
            continue
        if key in first:
            yield problem(
                "duplicate-stance",
                stance.path,
                stance.at(),
                topic=stance.topic,
                date=Raw(str(stance.date)),
                first_line=first[key],
            )
        else:
            first[key] = stance.at()[0]


def across(dataset: Dataset, actors: Sequence[Summary], scope: Scope) -> Iterator[Problem]:
    """Ids given twice: of topics, of sources, of actors."""
    yield from _duplicate_ids("topic", dataset.topics)
    yield from _duplicate_ids("source", dataset.sources)
    yield from _duplicate_ids("actor", actors)


def _duplicate_ids(kind: str, records: Iterable) -> Iterator[Problem]:
    """Each record (with `id`, `path` and `at`) whose id an earlier one has."""
    first: dict[str, object] = {}
    for record in records:
        record_id = record.id
        if record_id is None:
            continue
        if record_id in first:
            seen = first[record_id]
            where = Raw(f"{seen.path}:{seen.at('id')[0]}")  # type: ignore[attr-defined]
            yield problem("duplicate-id", record.path, record.at("id"), kind=Raw(kind), value=record_id, first=where)
        else:
            first[record_id] = record
