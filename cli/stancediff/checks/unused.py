"""Warnings: topics nobody takes a stance on, sources no evidence cites, actors without stances.

They are counted over the records that loaded: a stance with errors of its own
does not count as a use.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Dataset
from ..problems import Problem, problem
from .base import Context


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    stances = dataset.stances
    used_topics = {stance.topic for stance in stances}
    cited = {evidence.source for stance in stances for evidence in stance.evidence}
    for topic in dataset.topics:
        if topic.id not in used_topics:
            yield problem("unused-topic", topic.path, topic.at("id"), value=topic.id)
    for source in dataset.sources:
        if source.id not in cited:
            yield problem("unused-source", source.path, source.at("id"), value=source.id)
    for actor in dataset.actors:
        if not actor.stances:
            yield problem("no-stances", actor.path, actor.at("id"), value=actor.id)
