"""Uniqueness: topic, source and actor ids, and one stance per actor, topic and date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..format.model import Actor, Dataset, PartialDate, Source, Topic
from ..problems import Code, Problem, Raw, problem
from .base import Scope, Summary

CODES: dict[str, Code] = {
    "duplicate-id": Code.error(
        "Duplicate id",
        "{kind} id {value} is already used at {first}",
        "Give each {kind} its own id, or merge the two entries.",
    ),
    "duplicate-stance": Code.error(
        "Duplicate stance",
        "a stance on {topic} dated {date} is already given at line {first_line}",
        "Keep one stance per topic and date; a later stance needs a later date.",
    ),
}


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


def _duplicate_ids(kind: str, records: Iterable[Topic | Source | Summary]) -> Iterator[Problem]:
    """Each record whose id an earlier one has."""
    first: dict[str, Topic | Source | Summary] = {}
    for record in records:
        record_id = record.id
        if record_id is None:
            continue
        if record_id in first:
            seen = first[record_id]
            where = Raw(f"{seen.path}:{seen.at('id')[0]}")
            yield problem("duplicate-id", record.path, record.at("id"), kind=Raw(kind), value=record_id, first=where)
        else:
            first[record_id] = record
