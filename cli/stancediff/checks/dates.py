"""Dates: no stance or source may be dated in the future, nor a stance later than every source that evidences it.

(Whether a date is a valid YYYY, YYYY-MM or YYYY-MM-DD is checked with the
schema, as the model only holds valid dates.)

A date stands for every day it may mean: a source dated 2019-06 may be of any
day of June, so only a stance dated from July on is later than it; a stance
dated 2019-09 starts on 1 September.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence

from ..format.model import Actor, Dataset, PartialDate, Source, Stance
from ..problems import Code, Problem, Raw, problem
from .base import Scope, Summary

CODES: dict[str, Code] = {
    "future-date": Code.error(
        "Date in the future",
        "{key} {value} is in the future (today is {today})",
        "Correct the date; stances record what was already said.",
    ),
    "stance-after-sources": Code.error(
        "Stance later than its sources",
        "the stance is dated {date}, later than every source that evidences it "
        "(the latest, {source}, is dated {source_date}); its sources cannot attest it",
        "Date the stance by what its sources show (a stance dated by month or year starts on its first day), "
        "or cite a source from the time of the stance.",
    ),
}


def of_actor(actor: Actor, scope: Scope) -> Iterator[Problem]:
    today = scope.context.today
    yield from _future(actor.stances, today)
    for stance in actor.stances:
        if stance.date is None or not stance.evidence:
            continue
        first_day = stance.date.first_day
        latest = _latest_source(stance, scope.last_days)
        if latest is not None and latest[0] < first_day <= today:  # a future date is reported already
            yield problem(
                "stance-after-sources",
                stance.path,
                stance.at("date"),
                date=Raw(str(stance.date)),
                source=latest[1].id,
                source_date=Raw(str(latest[1].date)),
            )


def across(dataset: Dataset, actors: Sequence[Summary], scope: Scope) -> Iterator[Problem]:
    yield from _future(dataset.sources, scope.context.today)


def _future(dated: Iterable[Source | Stance], today: datetime.date) -> Iterator[Problem]:
    for record in dated:
        date: PartialDate | None = record.date  # None on an incomplete record
        if date is not None and date.first_day > today:
            yield problem(
                "future-date",
                record.path,
                record.at("date"),
                key=Raw("date"),
                value=Raw(str(date)),
                today=Raw(today.isoformat()),
            )


def _latest_source(
    stance: Stance, last_days: dict[str, tuple[datetime.date, Source]]
) -> tuple[datetime.date, Source] | None:
    """The last day of the source of `stance`'s evidence that may be latest, and that source.

    None unless every source is known and dated.
    """
    latest = None
    for item in stance.evidence:
        last = last_days.get(item.source) if item.source is not None else None
        if last is None:
            return None
        if latest is None or last[0] > latest[0]:
            latest = last
    return latest
