"""What the report shows, as data: the actors in bloc order, their stances, blocs and agreement, the evidence.

Nothing here knows HTML. Agreement and blocs are those of `stancediff
agreement` and `blocs` (analysis/agreement.py and blocs.py, with their
defaults), and the blocs' order, which `compare` uses too, orders every
picture and table of the report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..analysis import compare
from ..analysis.agreement import Agreements, agreements, holdings, intervals
from ..analysis.blocs import Blocs, find_blocs
from ..analysis.bootstrap import van_der_eijk_interval
from ..analysis.contested import MIN_STANCES, SCALE, van_der_eijk
from ..analysis.select import select_actors
from ..format.model import Actor, Dataset, PartialDate, Source, Stance, Topic
from ..format.spec import POSITIONS
from ..views.records import other_keys

if TYPE_CHECKING:
    import numpy as np

    from ..analysis.reliability import Reliability

# Beyond this many actors the matrix, the strips, the agreement matrix and the
# timeline are not drawn: at 60 rows and columns a cell is still a readable
# square on a laptop screen; far beyond it the picture is noise. The report
# says so and shows the per-topic summaries (and the blocs) instead.
MAX_DRAWN_ACTORS = 60
# Beyond this many stances, when the pictures are left out, the evidence is
# left out too: the page would weigh tens of megabytes; `stancediff show ACTOR`
# gives any actor's evidence. Under the pictures it always stays, as every
# mark links to it.
MAX_EVIDENCE_STANCES = 5000
# The reliability section lists at most this many disagreements, and as many units found by only some
# coders; `stancediff reliability` lists them all.
MAX_UNITS_LISTED = 500


# The stance keys the evidence lays out itself; any other is listed as `key: value`.
LAID_OUT = frozenset(
    {"topic", "position", "date", "basis", "speaker", "salience", "summary", "conditions", "evidence", "note"}
)


@dataclass(frozen=True)
class Coalitions:
    """Who sides with whom: every pair's agreement and the blocs, as `stancediff agreement` and `blocs` find them."""

    agreed: Agreements
    found: Blocs
    low: np.ndarray  # every pair's 95% interval, as `stancediff agreement` gives it
    high: np.ndarray

    @cached_property
    def index(self) -> dict[str, int]:
        """An actor's row in `agreed`'s matrices."""
        return {actor.id: n for n, actor in enumerate(self.agreed.actors)}

    @cached_property
    def bloc_of(self) -> dict[str, int]:
        """An actor's bloc, as an index into `found.blocs`."""
        return {actor.id: n for n, bloc in enumerate(self.found.blocs) for actor in bloc.members}

    def bloc_name(self, actor: Actor) -> str | None:
        """'bloc 2', numbered as `stancediff blocs` numbers them; None for an actor that joined none."""
        n = self.bloc_of[actor.id]
        return f"bloc {n + 1}" if len(self.found.blocs[n].members) > 1 else None

    def agreement(self, a: Actor, b: Actor) -> tuple[float | None, int]:
        """The agreement of `a` and `b` (None where they share no topic), and over how many topics."""
        i, j = self.index[a.id], self.index[b.id]
        score = float(self.agreed.score[i, j])
        return (None if math.isnan(score) else score), int(self.agreed.shared[i, j])

    def interval(self, a: Actor, b: Actor) -> tuple[float, float]:
        """The 95% interval of the agreement of `a` and `b` (who share a topic)."""
        i, j = self.index[a.id], self.index[b.id]
        return float(self.low[i, j]), float(self.high[i, j])


def coalitions(actors: Sequence[Actor], topics: Sequence[Topic], as_of: PartialDate | None) -> Coalitions:
    """The agreement and blocs of `actors`; the blocs' order is the order of every picture and table.

    Actors are taken sorted by id, as `compare`, `agreement` and `blocs` take
    them, so the report seats actors as `compare` does.
    """
    held = holdings(sorted(actors, key=lambda a: a.id), topics, as_of)
    agreed = agreements(held)
    return Coalitions(agreed, find_blocs(held, agreed), *intervals(held, agreed))


@dataclass(frozen=True)
class Quote:
    text: str
    source_id: str
    source: Source | None  # None when the source is not in the dataset

    @property
    def link(self) -> str | None:
        """The source's address, only when it is http(s): nothing else becomes a link."""
        url = self.source.url if self.source else None
        return url if url and url.lower().startswith(("http://", "https://")) else None


@dataclass(frozen=True)
class Entry:
    """One stance in the evidence, with its anchor and standing."""

    anchor: str
    stance: Stance
    actor: Actor
    topic: Topic
    current: bool
    superseded_on: PartialDate | None  # the date of the stance that followed, when superseded
    move: str  # from the actor's stance on the topic before: 'neutral -> support (up 2)', 'unchanged'; '' if first
    quotes: tuple[Quote, ...]
    other: tuple[str, ...]  # `key: value` lines of keys the page does not lay out (a key added to the format)


@dataclass(frozen=True)
class Tally:
    """A topic's current positions, with how much they rest on: the actors who take none, and A's interval."""

    topic: Topic
    counts: dict[str, int]  # position -> actors holding it now
    actors: int  # every actor in the report
    agreement: float | None  # Van der Eijk's A, as `stancediff contested` gives it; None below two stances
    interval: tuple[float, float] | None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def none(self) -> int:
        """The actors who take no stance on the topic."""
        return self.actors - self.total


def tally(topic: Topic, counts: dict[str, int], actors: int) -> Tally:
    ordered = [counts[p] for p in SCALE]
    measured = sum(ordered) >= MIN_STANCES
    return Tally(
        topic,
        counts,
        actors,
        van_der_eijk(ordered) if measured else None,
        van_der_eijk_interval(ordered) if measured else None,
    )


@dataclass(frozen=True)
class Content:
    title: str
    dataset_name: str
    as_of: PartialDate | None
    errors: int  # records with errors, left out
    topics: tuple[Topic, ...]
    actors: tuple[Actor, ...]  # every actor with a current stance, in bloc order
    coalitions: Coalitions
    stance_count: int  # every stance up to as_of
    current_count: int
    tallies: tuple[Tally, ...]
    # Every stance up to as_of, by topic, actor and date, and each actor's current ones by topic:
    # empty when neither the pictures nor the evidence are shown.
    entries: tuple[Entry, ...]
    held: dict[str, dict[str, Entry]]
    reliability: Reliability | None = None  # with `report --coder`: this dataset against other codings

    @property
    def drawn(self) -> bool:
        """Whether the pictures of every actor are drawn (not beyond `MAX_DRAWN_ACTORS`)."""
        return len(self.actors) <= MAX_DRAWN_ACTORS

    @property
    def evidence_shown(self) -> bool:
        """Whether the evidence is shown: always under the pictures (their links lead there), else up to a limit."""
        return self.drawn or self.stance_count <= MAX_EVIDENCE_STANCES

    def current(self, actor: Actor, topic: Topic) -> Entry | None:
        return self.held[actor.id].get(topic.id)

    def on_topic(self, topic: Topic) -> list[Entry]:
        """Every stance on `topic` up to as_of, current or not, by actor (in order) and date."""
        return [e for e in self.entries if e.topic.id == topic.id]


def build(
    dataset: Dataset,
    title: str | None = None,
    as_of: PartialDate | None = None,
    errors: int = 0,
    reliability: Reliability | None = None,
) -> Content:
    """The report's content: every topic, every actor with a stance as of `as_of`, every stance up to it;
    with `reliability`, how far other codings of the same sources agree with it."""
    together = coalitions(select_actors(dataset, as_of=as_of), dataset.topics, as_of)
    actors = together.found.order
    topic_order = {topic.id: n for n, topic in enumerate(dataset.topics)}
    last = as_of.first_day if as_of else None
    kept = {
        actor.id: sorted(
            (s for s in actor.stances if s.topic in topic_order and (last is None or s.date.first_day <= last)),
            key=lambda s: (topic_order[s.topic], s.date.first_day),
        )
        for actor in actors
    }
    now = {actor.id: compare.current(kept[actor.id]) for actor in actors}
    stance_count = sum(map(len, kept.values()))
    shown = len(actors) <= MAX_DRAWN_ACTORS or stance_count <= MAX_EVIDENCE_STANCES
    entries = _entries(dataset, actors, kept, now) if shown else []
    held: dict[str, dict[str, Entry]] = {actor.id: {} for actor in actors}
    for entry in entries:
        if entry.current:
            held[entry.actor.id][entry.topic.id] = entry
    return Content(
        title=title or "Who stands where",
        dataset_name=dataset.root.resolve().name,
        as_of=as_of,
        errors=errors,
        topics=tuple(dataset.topics),
        actors=tuple(actors),
        coalitions=together,
        stance_count=stance_count,
        current_count=sum(map(len, now.values())),
        tallies=tuple(tally(topic, _counts(now, topic), len(actors)) for topic in dataset.topics),
        entries=tuple(entries),
        held=held,
        reliability=reliability,
    )


def _entries(
    dataset: Dataset, actors: Sequence[Actor], kept: dict[str, list[Stance]], now: dict[str, dict[str, Stance]]
) -> list[Entry]:
    """Every kept stance as an `Entry`, by topic, actor (in order) and date; `kept` is by topic and date."""
    anchors: set[str] = set()
    entries = []
    for actor in actors:
        stances = kept[actor.id]
        for index, stance in enumerate(stances):
            later = stances[index + 1] if index + 1 < len(stances) else None
            before = stances[index - 1] if index and stances[index - 1].topic == stance.topic else None
            is_current = now[actor.id][stance.topic] is stance
            entries.append(
                Entry(
                    anchor=_anchor(f"{actor.id}--{stance.topic}--{stance.date}", anchors),
                    stance=stance,
                    actor=actor,
                    topic=dataset.topic_ids[stance.topic],
                    current=is_current,
                    superseded_on=None if is_current or later is None else later.date,
                    move=compare.move(before.position, stance.position) if before else "",
                    quotes=tuple(Quote(e.quote, e.source, dataset.source_ids.get(e.source)) for e in stance.evidence),
                    other=tuple(other_keys(stance, LAID_OUT)),
                )
            )
    topic_order = {topic.id: n for n, topic in enumerate(dataset.topics)}
    order = {actor.id: n for n, actor in enumerate(actors)}
    entries.sort(key=lambda e: (topic_order[e.topic.id], order[e.actor.id], e.stance.date.first_day))
    return entries


def _counts(now: dict[str, dict[str, Stance]], topic: Topic) -> dict[str, int]:
    counts = dict.fromkeys(POSITIONS, 0)
    for by_topic in now.values():
        if stance := by_topic.get(topic.id):
            counts[stance.position] += 1
    return counts


def _anchor(wanted: str, taken: set[str]) -> str:
    """A fragment id, unique in the page (ids and dates are already safe in a URL)."""
    anchor, n = wanted, 1
    while anchor in taken:
        n += 1
        anchor = f"{wanted}--{n}"
    taken.add(anchor)
    return anchor
