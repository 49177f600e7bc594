"""Choosing what a view shows: actors and topics by id, the default sets, filters.

The command line passes what the user typed; these functions find the
records, raise `UnknownId` with a suggestion for a wrong id, and apply the
filters, so that every command chooses the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TypeVar

from ..errors import UnknownId
from ..format.model import Actor, Dataset, Topic
from ..problems import show
from ..suggest import closest


def select_topics(dataset: Dataset, topic_ids: Sequence[str] = ()) -> list[Topic]:
    """The topics named, in the order given; every topic when none is named."""
    return [find_topic(dataset, t) for t in topic_ids] or list(dataset.topics)


def select_actors(
    dataset: Dataset,
    actor_ids: Sequence[str] = (),
    kinds: Collection[str] = (),
    topics: Sequence[Topic] | None = None,
) -> list[Actor]:
    """The actors named, in the order given; else every actor with a stance (on `topics`, when given).

    `kinds` keeps only actors of those kinds.
    """
    if actor_ids:
        actors = [find_actor(dataset, a) for a in actor_ids]
    else:
        shown = None if topics is None else {t.id for t in topics}
        actors = [a for a in dataset.actors if any(shown is None or s.topic in shown for s in a.stances)]
    return [a for a in actors if not kinds or a.kind in kinds]


def find_actor(dataset: Dataset, actor_id: str) -> Actor:
    """The actor with this id, or `UnknownId` with a suggestion."""
    return _find("actor", actor_id, dataset.actor_ids)


def find_topic(dataset: Dataset, topic_id: str) -> Topic:
    """The topic with this id, or `UnknownId` with a suggestion."""
    return _find("topic", topic_id, dataset.topic_ids)


Record = TypeVar("Record")


def _find(kind: str, wanted: str, index: dict[str, Record]) -> Record:
    if wanted in index:
        return index[wanted]
    guess = closest(wanted, index)
    hint = f"; did you mean {show(guess)}?" if guess else f"; the {kind}s are: {', '.join(sorted(index)) or 'none'}"
    raise UnknownId(f"no {kind} {show(wanted)}{hint}")
