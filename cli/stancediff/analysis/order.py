"""The order actors are shown in, and the groups they are shown in.

`bloc` (the default) seats actors who agree side by side: the leaf order of
the same clustering as `blocs` (analysis/blocs.py), over the topics shown.
`name` is alphabetical, `kind` follows the dataset's list of kinds (then name),
and a topic id orders by position on that topic, support first, actors
without a stance on it last. Every order starts from the actors sorted by id,
so it is the same on every run.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import StancediffError
from ..format.model import Actor, PartialDate, Topic
from ..format.spec import ACTOR_KINDS
from .compare import current

SORTS = ("bloc", "name", "kind")  # or a topic's id
GROUPS = ("kind", "part_of")


def order_actors(
    actors: Sequence[Actor],
    topics: Sequence[Topic],
    sort: str = "bloc",
    as_of: PartialDate | None = None,
    kinds: Sequence[str] = ACTOR_KINDS,
) -> list[Actor]:
    """`actors` in the order `sort` names (see the module's docstring)."""
    by_id = sorted(actors, key=lambda a: a.id)
    if sort == "bloc":
        from .agreement import agreements, holdings
        from .blocs import leaf_order

        return [by_id[i] for i in leaf_order(agreements(holdings(by_id, topics, as_of)))]
    if sort == "name":
        return sorted(by_id, key=lambda a: a.name.casefold())
    if sort == "kind":
        rank = {kind: number for number, kind in enumerate(kinds)}
        return sorted(by_id, key=lambda a: (rank.get(a.kind, len(rank)), a.name.casefold()))
    topic = next((t for t in topics if t.id == sort), None)
    if topic is None:
        shown = ", ".join(t.id for t in topics)
        raise StancediffError(f"--sort takes {', '.join(SORTS)} or the id of a topic shown ({shown}), not {sort!r}")
    held = {a.id: current(a.stances, as_of).get(topic.id) for a in by_id}
    values = {actor: stance.value for actor, stance in held.items() if stance is not None}
    return sorted(by_id, key=lambda a: (a.id not in values, -values.get(a.id, 0)))


def group_actors(actors: Sequence[Actor], by: str, names: dict[str, str]) -> list[tuple[str, list[Actor]]]:
    """`actors` in groups, keeping their order within each: by kind, or by the actor they are part of.

    Groups follow their first member's place in `actors`; `names` gives a parent's name for its label.
    """
    groups: dict[str, list[Actor]] = {}
    for actor in actors:
        key = actor.kind if by == "kind" else (actor.part_of or actor.id)
        groups.setdefault(key, []).append(actor)
    if by == "kind":
        return list(groups.items())
    return [(names.get(key, key), members) for key, members in groups.items()]
