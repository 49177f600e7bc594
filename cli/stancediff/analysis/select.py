"""Choosing what a view shows: actors and topics by id, the default sets, filters.

The command line passes what the user typed; these functions find the
records, raise `UnknownId` with a suggestion for a wrong id, and apply the
filters, so that every command chooses the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TypeVar

from ..errors import StancediffError, UnknownId
from ..format.model import Actor, Dataset, PartialDate, Source, Stance, Topic
from ..problems import show
from ..suggest import closest
from .compare import current


def select_topics(dataset: Dataset, topic_ids: Sequence[str] = (), tags: Collection[str] = ()) -> list[Topic]:
    """The topics named, in the order given, else every topic; with `tags`, only those with one of them."""
    topics = [find_topic(dataset, t) for t in topic_ids] or list(dataset.topics)
    return [t for t in topics if not tags or any(tag in tags for tag in t.tags)]


def filter_stances(
    dataset: Dataset,
    bases: Collection[str] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> Dataset:
    """The dataset with only the stances of those bases, dated from `since` to `until`.

    Dates compare by their first day, as `--as-of` does: `until 2019-06` keeps
    stances dated up to 2019-06-01.
    """
    if not bases and since is None and until is None:
        return dataset

    def kept(stance: Stance) -> bool:
        day = stance.date.first_day
        return (
            (not bases or stance.basis in bases)
            and (since is None or day >= since.first_day)
            and (until is None or day <= until.first_day)
        )

    actors = tuple(replace(a, stances=tuple(s for s in a.stances if kept(s))) for a in dataset.actors)
    return replace(dataset, actors=actors)


def select_actors(
    dataset: Dataset,
    actor_ids: Sequence[str] = (),
    kinds: Collection[str] = (),
    topics: Sequence[Topic] | None = None,
    as_of: PartialDate | None = None,
) -> list[Actor]:
    """The actors named, in the order given; else every actor with a stance (on `topics`, as of `as_of`).

    `kinds` keeps only actors of those kinds. Naming an actor twice is an
    error (a comparison of an actor with itself says nothing).
    """
    if actor_ids:
        actors = [find_actor(dataset, a) for a in actor_ids]
        seen: set[str] = set()
        for actor in actors:
            if actor.id in seen:
                raise StancediffError(f"actor {show(actor.id)} is named twice; name each actor once")
            seen.add(actor.id)
    else:
        shown = None if topics is None else {t.id for t in topics}
        actors = [a for a in dataset.actors if any(shown is None or t in shown for t in current(a.stances, as_of))]
    return [a for a in actors if not kinds or a.kind in kinds]


def describe_choice(what: str, kinds: Collection[str] = (), as_of: PartialDate | None = None) -> str:
    """Why a selection came out empty: 'no actor of kind government has a stance ... as of 2019-05-01'."""
    of_kind = f" of kind {' or '.join(kinds)}" if kinds else ""
    when = f" as of {as_of}" if as_of else ""
    return f"no {what}{of_kind} has a stance on the topics shown{when}"


def find_actor(dataset: Dataset, wanted: str) -> Actor:
    """The actor with this id, name or alias (in any case), or `UnknownId` with a suggestion."""
    return _find("actor", wanted, dataset.actor_ids, lambda a: (a.id, a.name, *a.aliases))


def find_topic(dataset: Dataset, wanted: str) -> Topic:
    """The topic with this id or title (in any case), or `UnknownId` with a suggestion."""
    return _find("topic", wanted, dataset.topic_ids, lambda t: (t.id, t.title))


def find_source(dataset: Dataset, wanted: str) -> Source:
    """The source with this id or title (in any case), or `UnknownId` with a suggestion."""
    return _find("source", wanted, dataset.source_ids, lambda s: (s.id, s.title))


Record = TypeVar("Record", Actor, Topic, Source)
MAX_LISTED = 10  # candidates named in a message; more are counted


def _find(kind: str, wanted: str, index: dict[str, Record], names: Callable[[Record], tuple[str, ...]]) -> Record:
    """The one record whose id is `wanted`, else whose id, name or alias equals it ignoring case and accents.

    Several matches are ambiguous; none gives the records whose names contain
    `wanted`, or else the closest id, as a suggestion.
    """
    if wanted in index:
        return index[wanted]
    key = _folded(wanted)
    matches = [record for record in index.values() if key in (_folded(name) for name in names(record))]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownId(f"{show(wanted)} names {len(matches)} {kind}s: {_listed(matches)}; give an id")
    containing = [record for record in index.values() if any(key in _folded(name) for name in names(record))]
    if len(containing) == 1:
        hint = f"; did you mean {show(containing[0].id)}?"
    elif containing:
        hint = f"; {kind}s that match: {_listed(containing)}"
    elif guess := closest(wanted, index):
        hint = f"; did you mean {show(guess)}?"
    else:
        hint = f"; the {kind}s are: {_listed(list(index.values())) or 'none'}"
    raise UnknownId(f"no {kind} {show(wanted)}{hint}")


def _folded(text: str) -> str:
    """`text` as lookup compares it: without case, accents or width ("Zoë" and "zoe" are one)."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _listed(records: Sequence[Actor] | Sequence[Topic] | Sequence[Source]) -> str:
    """'us (United States government), uk (...)': ids with their names, at most `MAX_LISTED`."""
    shown = ", ".join(f"{r.id} ({r.name if isinstance(r, Actor) else r.title})" for r in records[:MAX_LISTED])
    more = len(records) - MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")
