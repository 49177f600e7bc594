"""Dates: no stance or source may be dated in the future, nor a stance later than every source that evidences it.

(Whether a date is a valid YYYY, YYYY-MM or YYYY-MM-DD is checked with the
schema, as the model only holds valid dates.)

A date stands for every day it may mean: a source dated 2019-06 may be of any
day of June, so only a stance dated from July on is later than it; a stance
dated 2019-09 starts on 1 September.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Dataset, Located, PartialDate, Source, Stance
from ..problems import Problem, Raw, problem
from .base import Context


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    dated: list[Located] = [*dataset.sources, *dataset.stances]
    for record in dated:
        date: PartialDate | None = record.date  # type: ignore[attr-defined]
        if date is not None and date.first_day > context.today:
            yield problem(
                "future-date",
                record.path,
                record.at("date"),
                key=Raw("date"),
                value=Raw(str(date)),
                today=Raw(context.today.isoformat()),
            )
    for stance in dataset.stances:
        if stance.date is None or stance.date.first_day > context.today:  # a future date is reported already
            continue
        latest = _latest_source(stance, dataset)
        if latest is not None and stance.date.first_day > latest.date.last_day:
            yield problem(
                "stance-after-sources",
                stance.path,
                stance.at("date"),
                date=Raw(str(stance.date)),
                source=latest.id,
                source_date=Raw(str(latest.date)),
            )


def _latest_source(stance: Stance, dataset: Dataset) -> Source | None:
    """The source of `stance`'s evidence that may be latest; None unless every one is known and dated."""
    sources = [dataset.source_ids.get(item.source) for item in stance.evidence if item.source is not None]
    if not sources or len(sources) < len(stance.evidence):
        return None
    known = [source for source in sources if source is not None and source.date is not None]
    if len(known) < len(sources):
        return None
    return max(known, key=lambda source: source.date.last_day)
