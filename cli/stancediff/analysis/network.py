"""Discourse networks: actors tied by the sides they take on topics, as the Discourse Network Analyzer ties them.

The method (docs/views.md, *network*; Leifeld, *Discourse Network Analyzer
Manual*, sections "Construction of One-Mode Networks" and "Normalization for
One-Mode Networks"; Leifeld 2017): each actor's current stance on each topic
chosen (as of `as_of`) is a statement with a binary qualifier, its side:
for (support, lean-support) or against (lean-oppose, oppose). A neutral
stance takes no side and ties no one; it still counts among its actor's
stances (`Node.stance_count`).

- one-mode, `congruence`: two actors are tied by every topic on which they
  take the same side, `conflict`: by every topic on which they take opposite
  sides. The count is the manual's sum over topics j and sides k of
  x_ijk x_i'jk (congruence) or x_ijk x_i'j(1-k) (conflict), with x binary
  since an actor holds one current stance per topic.
- the weight is that count, or normalised by the actors' activity a_i (how
  many sided stances each holds on the chosen topics), as the manual's
  Phi functions define it: `average` count / ((a_i + a_i') / 2); `jaccard`
  count / (m10 + m01 + m11), where m10 counts the sides i takes that i' does
  not take on the same topic, m01 the reverse, and m11 the sides both take;
  `cosine` count / (sqrt(a_i^2) sqrt(a_i'^2)), that is count / (a_i a_i'),
  as the manual writes it and DNA computes it.
- two-mode: actors and topics, an edge for each current stance (neutral ones
  too), carrying its position, value, date, basis and stance id.

Every edge names the topics and stances it rests on, so that a picture drawn
from it leads back to the evidence. Nothing here needs networkx: the writers
(export/graph.py) build the graph.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from ..format.model import Actor, PartialDate, Stance, Topic, stance_id
from .compare import current

RELATIONS = ("congruence", "conflict")
NORMALIZATIONS = ("count", "average", "jaccard", "cosine")
FOR, AGAINST = "for", "against"


def side(stance: Stance) -> str | None:
    """The side a stance takes: for, against, or None when neutral."""
    if stance.value > 0:
        return FOR
    if stance.value < 0:
        return AGAINST
    return None


@dataclass(frozen=True)
class Node:
    id: str
    mode: str  # "actor" or "topic"
    name: str  # an actor's name, a topic's title
    stance_count: int  # the current stances it holds (an actor) or that are held on it (a topic), in the network
    kind: str | None = None  # an actor's kind
    bloc: int | None = None  # an actor's bloc (analysis/blocs.py), 1 the largest


@dataclass(frozen=True)
class Edge:
    source: str  # node ids
    target: str
    weight: float | None  # one-mode: the count, or its normalisation; two-mode: None
    topic_ids: tuple[str, ...]  # the topics it rests on
    stance_ids: tuple[str, ...]  # the stances it rests on
    # two-mode only: the stance the edge is
    position: str | None = None
    value: int | None = None
    date: str | None = None
    basis: str | None = None

    @property
    def count(self) -> int:
        """How many topics it rests on."""
        return len(self.topic_ids)


@dataclass(frozen=True)
class Network:
    mode: str  # "one-mode" or "two-mode"
    relation: str | None  # one-mode: congruence or conflict
    normalization: str | None  # one-mode: how weights are worked out
    as_of: PartialDate | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _held(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None) -> list[dict[str, Stance]]:
    """Each actor's current stance on each chosen topic (topic id -> stance), in the order of `actors`."""
    chosen = {topic.id for topic in topics}
    return [{t: s for t, s in current(actor.stances, as_of).items() if t in chosen} for actor in actors]


def one_mode(
    actors: Sequence[Actor],
    topics: Sequence[Topic],
    as_of: PartialDate | None,
    relation: str,
    normalization: str,
    blocs: dict[str, int] | None = None,
) -> Network:
    """The congruence or conflict network of `actors` over `topics` (see the module's docstring)."""
    if relation not in RELATIONS:
        raise ValueError(f"relation {relation!r}: one of {', '.join(RELATIONS)}")
    if normalization not in NORMALIZATIONS:
        raise ValueError(f"normalization {normalization!r}: one of {', '.join(NORMALIZATIONS)}")
    held = _held(actors, topics, as_of)
    sides = [{t: k for t, s in stances.items() if (k := side(s)) is not None} for stances in held]
    activity = [len(taken) for taken in sides]
    index = {actor.id: n for n, actor in enumerate(actors)}
    by_topic: dict[str, dict[str, list[int]]] = {}  # topic -> side -> actors (indices) taking it
    for n, taken in enumerate(sides):
        for topic_id, k in taken.items():
            by_topic.setdefault(topic_id, {}).setdefault(k, []).append(n)
    ties: dict[tuple[int, int], list[str]] = {}  # (i < i') -> the topics tying them, in topic order
    for topic in topics:
        on = by_topic.get(topic.id, {})
        if relation == "congruence":
            pairs = [pair for members in on.values() for pair in combinations(members, 2)]
        else:
            pairs = [(min(i, j), max(i, j)) for i in on.get(FOR, []) for j in on.get(AGAINST, [])]
        for pair in pairs:
            ties.setdefault(pair, []).append(topic.id)
    edges = []
    for (i, j), tied in sorted(ties.items()):
        matched = sum(1 for t, k in sides[i].items() if sides[j].get(t) == k)  # m11
        weight = normalize(len(tied), normalization, activity[i], activity[j], matched)
        stances = tuple(
            stance_id(actor.id, t, held[n][t].date) for t in tied for n, actor in ((i, actors[i]), (j, actors[j]))
        )
        edges.append(Edge(actors[i].id, actors[j].id, weight, tuple(tied), stances))
    nodes = tuple(
        Node(
            actor.id,
            "actor",
            actor.name,
            len(held[index[actor.id]]),
            kind=actor.kind,
            bloc=(blocs or {}).get(actor.id),
        )
        for actor in actors
    )
    return Network("one-mode", relation, normalization, as_of, nodes, tuple(edges))


def normalize(count: int, normalization: str, a: int, b: int, matched: int) -> float:
    """A tie's weight from its count, the two actors' activities `a` and `b`, and the sides both take (`matched`).

    The manual's Phi functions for a binary qualifier; 0 where the denominator is 0, as DNA does.
    """
    if normalization == "count":
        return float(count)
    if normalization == "average":
        denominator = (a + b) / 2
    elif normalization == "jaccard":
        # m10 + m01 + m11: the sides only one of the two takes, plus those both take (each x is 0 or 1).
        denominator = (a - matched) + (b - matched) + matched
    else:  # cosine, as the manual writes it: sqrt(a^2) sqrt(b^2)
        denominator = math.sqrt(a * a) * math.sqrt(b * b)
    return count / denominator if denominator else 0.0


def two_mode(
    actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None, blocs: dict[str, int] | None = None
) -> Network:
    """The affiliation network: actors and topics, an edge for each current stance (see the module's docstring)."""
    held = _held(actors, topics, as_of)
    per_topic: dict[str, int] = {}
    edges = []
    for actor, stances in zip(actors, held, strict=True):
        for topic in topics:
            stance = stances.get(topic.id)
            if stance is None:
                continue
            per_topic[topic.id] = per_topic.get(topic.id, 0) + 1
            edges.append(
                Edge(
                    actor_node(actor.id),
                    topic_node(topic.id),
                    None,
                    (topic.id,),
                    (stance_id(actor.id, topic.id, stance.date),),
                    position=stance.position,
                    value=stance.value,
                    date=str(stance.date),
                    basis=stance.basis,
                )
            )
    actor_nodes = [
        Node(actor_node(a.id), "actor", a.name, len(s), kind=a.kind, bloc=(blocs or {}).get(a.id))
        for a, s in zip(actors, held, strict=True)
    ]
    topic_nodes = [Node(topic_node(t.id), "topic", t.title, per_topic[t.id]) for t in topics if t.id in per_topic]
    return Network("two-mode", None, None, as_of, (*actor_nodes, *topic_nodes), tuple(edges))


def bloc_numbers(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None) -> dict[str, int]:
    """Each actor's bloc, numbered from 1 (the largest), as `stancediff blocs` finds them with its defaults."""
    from .agreement import measure  # numpy and scipy, loaded only when a network is drawn
    from .blocs import find_blocs

    ordered = sorted(actors, key=lambda a: a.id)  # as `blocs` takes them, so that the blocs are the same
    held, agreed = measure(ordered, topics, as_of, weighted=True, min_shared=1)
    found = find_blocs(held, agreed)
    return {actor.id: number for number, bloc in enumerate(found.blocs, start=1) for actor in bloc.members}


def actor_node(actor_id: str) -> str:
    """An actor's node id in the two-mode network, where an actor and a topic may share an id."""
    return f"actor:{actor_id}"


def topic_node(topic_id: str) -> str:
    return f"topic:{topic_id}"
