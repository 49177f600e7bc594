"""References: stance topics, evidence sources and `part_of` must name records that exist.

A `part_of` chain must also end: an actor cannot be, through its parents, part of itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..format.model import Actor, Dataset
from ..problems import Code, Problem, problem
from ..suggest import Suggester
from .base import Scope, Summary

CODES: dict[str, Code] = {
    "unknown-topic": Code.error(
        "Unknown topic",
        "topic {value} is not defined in topics.yaml{hint}",
        "Add the topic to topics.yaml or correct the id.",
    ),
    "unknown-source": Code.error(
        "Unknown source",
        "source {value} is not defined in sources.yaml{hint}",
        "Add the source to sources.yaml or correct the id.",
    ),
    "unknown-actor": Code.error(
        "Unknown actor",
        "part_of names actor {value}, which has no file in actors/{hint}",
        "Add the parent actor's file or correct the id.",
    ),
    "part-of-cycle": Code.error(
        "part_of cycle",
        "part_of forms a cycle: {cycle}",
        "An actor cannot be part of itself; break the cycle.",
    ),
}


def of_actor(actor: Actor, scope: Scope) -> Iterator[Problem]:
    """Stances on unknown topics, and evidence from unknown sources."""
    topic_hints, source_hints = scope.topic_hints.anew(), scope.source_hints.anew()  # this file's own budgets
    for stance in actor.stances:
        if stance.topic is not None and stance.topic not in scope.topics:
            hint = topic_hints.hint(stance.topic)
            yield problem("unknown-topic", stance.path, stance.at("topic"), value=stance.topic, hint=hint)
        for evidence in stance.evidence:
            if evidence.source is not None and evidence.source not in scope.sources:
                hint = source_hints.hint(evidence.source)
                yield problem("unknown-source", evidence.path, evidence.at("source"), value=evidence.source, hint=hint)


def across(dataset: Dataset, actors: Sequence[Summary], scope: Scope) -> Iterator[Problem]:
    """`part_of` naming an actor that does not exist, and `part_of` cycles."""
    ids: dict[str, Summary] = {}
    for actor in actors:
        if actor.id is not None:
            ids.setdefault(actor.id, actor)
    hints = Suggester(ids)
    for actor in actors:
        if actor.part_of is not None and actor.part_of not in ids:
            hint = hints.hint(actor.part_of)
            yield problem("unknown-actor", actor.path, actor.at("part_of"), value=actor.part_of, hint=hint)
    yield from _cycles(actors)


def _cycles(actors: Sequence[Summary]) -> Iterator[Problem]:
    """One problem per part_of cycle, at the first actor of the cycle in file order."""
    parent = {actor.id: actor.part_of for actor in actors if actor.part_of and actor.id is not None}
    reported: set[str] = set()
    for actor in actors:
        if actor.id is None:
            continue
        chain = [actor.id]
        while (step := parent.get(chain[-1])) is not None and step not in chain:
            chain.append(step)
        if step is None or step != actor.id or actor.id in reported:
            continue  # no cycle, or a cycle that this actor only leads into
        reported.update(chain)
        yield problem("part-of-cycle", actor.path, actor.at("part_of"), cycle=" -> ".join([*chain, actor.id]))
