"""Unused records: topics nobody takes a stance on, sources no evidence cites, actors without stances.

Each is a warning, which fails `validate --strict` only.

A stance with problems of its own still counts as a use of the topic and
sources it names well.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..format.model import Actor, Dataset
from ..problems import Code, Problem, problem
from .base import Scope, Summary

CODES: dict[str, Code] = {
    "unused-topic": Code.warning(
        "Unused topic",
        "topic {value} has no stances",
        "Record stances on it, or remove it from topics.yaml.",
    ),
    "unused-source": Code.warning(
        "Unused source",
        "source {value} is not cited by any evidence",
        "Cite it as evidence, or remove it from sources.yaml.",
    ),
    "no-stances": Code.warning(
        "Actor without stances",
        "actor {value} has no stances",
        "Record at least one stance, or remove the actor.",
    ),
}


def of_actor(actor: Actor, scope: Scope) -> Iterator[Problem]:
    if not actor.stances and actor.id is not None:
        yield problem("no-stances", actor.path, actor.at("id"), value=actor.id)


def across(dataset: Dataset, actors: Sequence[Summary], scope: Scope) -> Iterator[Problem]:
    used_topics = {topic for actor in actors for topic in actor.topics}
    cited = {source for actor in actors for source in actor.sources}
    for topic in dataset.topics:
        if topic.id is not None and topic.id not in used_topics:
            yield problem("unused-topic", topic.path, topic.at("id"), value=topic.id)
    for source in dataset.sources:
        if source.id is not None and source.id not in cited:
            yield problem("unused-source", source.path, source.at("id"), value=source.id)
