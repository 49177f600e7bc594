"""The dataset checks, one module each, run in this order by `validate`.

A check is a module, as a yamllint rule is: a function `check(dataset,
context)` that yields `Problem`s and never prints, the problem codes it
reports (`CODES`, see `problems.Code`), and a docstring, "Heading: what it
checks", that documents them (docs/problems.md is written from it).

The schema check runs earlier, file by file, as the dataset is read (see
`format/conform.py`). These see every value that passed it, even on a record
with other problems, so one run reports everything: such a record is not
`complete`, and a required value that was missing or invalid is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType

from ..format.model import Dataset
from ..problems import Problem
from . import dates, evidence, quotes, references, sources, uniqueness, unused
from .base import Context

Check = Callable[[Dataset, Context], Iterable[Problem]]

MODULES: tuple[ModuleType, ...] = (references, uniqueness, dates, evidence, sources, quotes, unused)

CHECKS: dict[str, Check] = {module.__name__.rpartition(".")[2]: module.check for module in MODULES}

__all__ = ["CHECKS", "MODULES", "Check", "Context"]
