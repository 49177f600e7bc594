"""What a view may show: the records it can trust, and a warning for each left out or ambiguous.

Views run the checks that decide what they show (uniqueness and references),
so that a duplicate actor never shows as two columns of the same name and a
stance on an unknown topic never vanishes without a word:

    shown = for_views(read_dataset(root))
    shown.dataset    # complete records; of records sharing an id, the first; no stance on an unknown topic
    shown.warnings   # one line each, for stderr
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TypeVar

from ..format.dataset import Reading
from ..format.model import Actor, Dataset, Source, Topic
from ..text import count, inert_commands, visible
from . import check
from .base import Context

R = TypeVar("R", Topic, Source, Actor)

MAX_WARNINGS = 10  # lines; the rest are counted

# What a view does about each problem that the checks report.
CONSEQUENCE = {
    "duplicate-id": "this one is left out",
    "duplicate-stance": "which of the two is current is ambiguous",
    "unknown-topic": "the stance is left out",
    "unknown-source": "the quote is cited by the source's id alone",
    "skipped-file": "nothing in it is shown",
}


@dataclass(frozen=True)
class Shown:
    dataset: Dataset
    warnings: tuple[str, ...]


def for_views(reading: Reading) -> Shown:
    """The dataset a view shows, and what the user must be told about it."""
    complete = reading.dataset.complete_records()
    context = Context(today=datetime.date.today())
    warned = [
        *(p for p in reading.problems if p.code == "skipped-file"),
        *check("uniqueness", complete, context),
        *(p for p in check("references", complete, context) if p.code in CONSEQUENCE),
    ]
    lines = []
    errors = sum(p.severity == "error" for p in reading.problems)
    if errors:
        lines.append(
            f"the dataset has {count(errors, 'error')}; records with errors are left out "
            "(run `stancediff validate` to see them)"
        )
    lines += [f"{visible(p.file)}:{p.line}:{p.column}: {p.message} ({CONSEQUENCE[p.code]})" for p in sorted(warned)]
    if len(lines) > MAX_WARNINGS:
        more = len(lines) - MAX_WARNINGS + 1
        lines[MAX_WARNINGS - 1 :] = [f"and {count(more, 'more warning')}; `stancediff validate` lists them all"]
    return Shown(_trusted(complete), tuple(inert_commands(f"warning: {line}") for line in lines))


def _trusted(dataset: Dataset) -> Dataset:
    """Of records sharing an id, the first (as `Dataset` indexes them); stances on known topics only."""
    topics = dataset.topic_ids
    actors = tuple(
        actor if all(s.topic in topics for s in actor.stances) else _known_topics(actor, topics)
        for actor in _firsts(dataset.actors, dataset.actor_ids)
    )
    return replace(
        dataset,
        topics=_firsts(dataset.topics, topics),
        sources=_firsts(dataset.sources, dataset.source_ids),
        actors=actors,
    )


def _firsts(records: tuple[R, ...], index: Mapping[str, R]) -> tuple[R, ...]:
    return tuple(record for record in records if index.get(record.id) is record)


def _known_topics(actor: Actor, topics: Mapping[str, Topic]) -> Actor:
    return replace(actor, stances=tuple(s for s in actor.stances if s.topic in topics))
