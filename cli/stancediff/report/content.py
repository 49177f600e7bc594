"""What the report shows, as data: the actors in order, each one's current stances, every stance's evidence.

Nothing here knows HTML. The actor order comes from `actor_order` alone, so
the report orders every picture the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis import compare
from ..analysis.select import select_actors
from ..format.model import Actor, Dataset, PartialDate, Source, Stance, Topic
from ..format.spec import POSITIONS
from ..views.records import other_keys

# Beyond this many actors the matrix, the strips, the agreement matrix and the
# timeline are not drawn: at 60 rows and columns a cell is still a readable
# square on a laptop screen; far beyond it the picture is noise. The report
# says so and shows the per-topic summaries (and the blocs) instead.
MAX_DRAWN_ACTORS = 60
# Beyond this many stances the evidence is left out: the page would weigh tens
# of megabytes; `stancediff show ACTOR` gives any actor's evidence.
MAX_EVIDENCE_STANCES = 5000


# The stance keys the evidence lays out itself; any other is listed as `key: value`.
LAID_OUT = frozenset(
    {"topic", "position", "date", "basis", "speaker", "salience", "summary", "conditions", "evidence", "note"}
)


def actor_order(actors: Sequence[Actor], dataset: Dataset) -> list[Actor]:
    """The order of actors in every picture and table of the report: by name."""
    return sorted(actors, key=lambda a: (a.name.casefold(), a.id))


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
    topic: Topic
    counts: dict[str, int]  # position -> actors holding it now

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class Content:
    title: str
    dataset_name: str
    as_of: PartialDate | None
    errors: int  # records with errors, left out
    topics: tuple[Topic, ...]
    actors: tuple[Actor, ...]  # every actor with a current stance, in `actor_order`
    held: dict[str, dict[str, Entry]]  # actor id -> topic id -> current stance
    entries: tuple[Entry, ...]  # every stance up to as_of, by topic, actor and date
    tallies: tuple[Tally, ...]

    @property
    def drawn(self) -> bool:
        """Whether the pictures of every actor are drawn (not beyond `MAX_DRAWN_ACTORS`)."""
        return len(self.actors) <= MAX_DRAWN_ACTORS

    @property
    def evidence_shown(self) -> bool:
        return len(self.entries) <= MAX_EVIDENCE_STANCES

    @property
    def current_count(self) -> int:
        return sum(len(by_topic) for by_topic in self.held.values())

    def current(self, actor: Actor, topic: Topic) -> Entry | None:
        return self.held[actor.id].get(topic.id)

    def on_topic(self, topic: Topic) -> list[Entry]:
        """Every stance on `topic` up to as_of, current or not, by actor (in order) and date."""
        return [e for e in self.entries if e.topic.id == topic.id]


def build(dataset: Dataset, title: str | None = None, as_of: PartialDate | None = None, errors: int = 0) -> Content:
    """The report's content: every topic, every actor with a stance as of `as_of`, every stance up to it."""
    actors = actor_order(select_actors(dataset, as_of=as_of), dataset)
    order = {actor.id: n for n, actor in enumerate(actors)}
    topic_order = {topic.id: n for n, topic in enumerate(dataset.topics)}
    anchors: set[str] = set()
    entries: list[Entry] = []
    held: dict[str, dict[str, Entry]] = {actor.id: {} for actor in actors}
    for actor in actors:
        stances = [
            s
            for s in actor.stances
            if s.topic in topic_order and (as_of is None or s.date.first_day <= as_of.first_day)
        ]
        stances.sort(key=lambda s: (topic_order[s.topic], s.date.first_day))
        now = compare.current(stances)
        for index, stance in enumerate(stances):
            later = stances[index + 1] if index + 1 < len(stances) else None
            before = stances[index - 1] if index and stances[index - 1].topic == stance.topic else None
            is_current = now[stance.topic] is stance
            entry = Entry(
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
            entries.append(entry)
            if is_current:
                held[actor.id][stance.topic] = entry
    entries.sort(key=lambda e: (topic_order[e.topic.id], order[e.actor.id], e.stance.date.first_day))
    tallies = tuple(Tally(topic, _counts(held, topic)) for topic in dataset.topics)
    return Content(
        title=title or "Who stands where",
        dataset_name=dataset.root.resolve().name,
        as_of=as_of,
        errors=errors,
        topics=tuple(dataset.topics),
        actors=tuple(actors),
        held=held,
        entries=tuple(entries),
        tallies=tallies,
    )


def _counts(held: dict[str, dict[str, Entry]], topic: Topic) -> dict[str, int]:
    counts = dict.fromkeys(POSITIONS, 0)
    for by_topic in held.values():
        if entry := by_topic.get(topic.id):
            counts[entry.stance.position] += 1
    return counts


def _anchor(wanted: str, taken: set[str]) -> str:
    """A fragment id, unique in the page (ids and dates are already safe in a URL)."""
    anchor, n = wanted, 1
    while anchor in taken:
        n += 1
        anchor = f"{wanted}--{n}"
    taken.add(anchor)
    return anchor
