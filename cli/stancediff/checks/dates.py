"""Dates: no stance or source may be dated in the future, nor a stance later than every source that evidences it.

(Whether a date is a valid YYYY, YYYY-MM or YYYY-MM-DD is checked with the
schema, as the model only holds valid dates.)

A date stands for every day it may mean: a source dated 2019-06 may be of any
day of June, so only a stance dated from July on is later than it; a stance
dated 2019-09 starts on 1 September.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ..format.model import Dataset, PartialDate, Source, Stance
from ..problems import Code, Problem, Raw, problem
from .base import Context

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


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    dated: list[Source | Stance] = [*dataset.sources, *dataset.stances]
    for record in dated:
        date: PartialDate | None = record.date  # None on an incomplete record
        if date is not None and date.first_day > context.today:
            yield problem(
                "future-date",
                record.path,
                record.at("date"),
                key=Raw("date"),
                value=Raw(str(date)),
                today=Raw(context.today.isoformat()),
            )
    last_days = {s.id: (s.date.last_day, s) for s in dataset.source_ids.values() if s.date is not None}
    for stance in dataset.stances:
        if stance.date is None or not stance.evidence:
            continue
        first_day = stance.date.first_day
        latest = _latest_source(stance, last_days)
        if latest is not None and latest[0] < first_day <= context.today:  # a future date is reported already
            yield problem(
                "stance-after-sources",
                stance.path,
                stance.at("date"),
                date=Raw(str(stance.date)),
                source=latest[1].id,
                source_date=Raw(str(latest[1].date)),
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
