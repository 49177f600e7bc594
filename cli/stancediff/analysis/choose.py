"""What a command works on: the dataset a view may show, filtered, and the actors and topics chosen.

Every view starts here, so that each chooses the same way:

    shown = view_dataset(root, bases=("stated",))
    shown.warnings      # what was left out or is ambiguous, one line each, for stderr
    chosen = choose(shown.dataset, actor_ids=("us",), topic_ids=(), tags=(), kinds=(), as_of=None)

A choice that leaves nothing raises `NothingToShow`: an empty answer, not an error.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..checks.shown import Shown, for_views
from ..errors import NothingToShow, StancediffError
from ..format.dataset import find_positions, read_dataset
from ..format.model import Actor, Dataset, PartialDate, Topic
from ..problems import show
from .select import describe_choice, filter_stances, select_actors, select_topics


def view_dataset(
    positions: Path | None,
    bases: Collection[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> Shown:
    """The dataset a view shows (found from `positions` as every command finds it), only the stances kept.

    Its warnings say what was left out or is ambiguous; the details are `validate`'s.
    """
    shown = for_views(read_dataset(find_positions(positions)))
    return Shown(filter_stances(shown.dataset, bases, since, until), shown.warnings)


@dataclass(frozen=True)
class Chosen:
    topics: list[Topic]
    actors: list[Actor]


def choose(
    dataset: Dataset,
    actor_ids: Sequence[str] = (),
    topic_ids: Sequence[str] = (),
    tags: Collection[str] = (),
    kinds: Collection[str] = (),
    as_of: PartialDate | None = None,
) -> Chosen:
    """The topics named (or tagged), and the actors named or holding a stance on them; `NothingToShow` if none."""
    unknown = [kind for kind in kinds if kind not in dataset.actor_kinds]
    if unknown:
        listed = ", ".join(dataset.actor_kinds)
        raise StancediffError(f"no actor kind {show(unknown[0])} in this dataset; its kinds are: {listed}")
    topics = select_topics(dataset, topic_ids, tags)
    if not topics:
        raise NothingToShow(f"no topic has the tag {' or '.join(tags)}")
    actors = select_actors(dataset, actor_ids, kinds, topics, as_of)
    if not actors:
        raise NothingToShow(describe_choice("actor", kinds, as_of))
    return Chosen(topics, actors)
