"""Unused records: topics nobody takes a stance on, sources no evidence cites, actors without stances.

Each is a warning, which fails `validate --strict` only.

A stance with problems of its own still counts as a use of the topic and
sources it names well.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Dataset
from ..problems import Code, Problem, problem
from .base import Context

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


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    stances = dataset.stances
    used_topics = {stance.topic for stance in stances}
    cited = {evidence.source for stance in stances for evidence in stance.evidence}
    for topic in dataset.topics:
        if topic.id is not None and topic.id not in used_topics:
            yield problem("unused-topic", topic.path, topic.at("id"), value=topic.id)
    for source in dataset.sources:
        if source.id is not None and source.id not in cited:
            yield problem("unused-source", source.path, source.at("id"), value=source.id)
    for actor in dataset.actors:
        if not actor.stances and actor.id is not None:
            yield problem("no-stances", actor.path, actor.at("id"), value=actor.id)
