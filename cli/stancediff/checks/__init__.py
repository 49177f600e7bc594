"""The dataset checks, one module each, run in this order by `validate`.

A check is a function `check(dataset, context)` that yields `Problem`s and
never prints. The schema check runs earlier, file by file, as the dataset is
read (see `format/conform.py`). These see every value that passed it, even on
a record with other problems, so one run reports everything: such a record is
not `complete`, and a required value that was missing or invalid is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..format.model import Dataset
from ..problems import Problem
from . import dates, evidence, quotes, references, sources, uniqueness, unused
from .base import Context

Check = Callable[[Dataset, Context], Iterable[Problem]]

CHECKS: dict[str, Check] = {
    "references": references.check,
    "uniqueness": uniqueness.check,
    "dates": dates.check,
    "evidence": evidence.check,
    "sources": sources.check,
    "quotes": quotes.check,
    "unused": unused.check,
}

__all__ = ["CHECKS", "Check", "Context"]
