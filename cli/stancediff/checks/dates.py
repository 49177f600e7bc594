"""Dates: no stance or source may be dated in the future.

(Whether a date is a valid YYYY, YYYY-MM or YYYY-MM-DD is checked with the
schema, as the model only holds valid dates.)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Dataset, Located, PartialDate
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
