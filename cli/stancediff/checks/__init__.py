"""The dataset checks, one module each, run in this order by `validate`.

A check is a module, as a yamllint rule is: the problem codes it reports
(`CODES`, see `problems.Code`), a docstring, "Heading: what it checks", that
documents them (docs/problems.md is written from it), and up to two functions
that yield `Problem`s and never print: `of_actor(actor, scope)`, the problems
of one actor file given the topics and sources (`base.Scope`), and
`across(dataset, summaries, scope)`, those that need every actor file, read
from each one's `base.Summary` (and the topics and sources of `dataset`). The
quotes have a pass of their own between the two (`quotes.Texts.locate`),
which reads the archived texts one at a time. `validate` keeps what the
per-file parts found in its cache (`cache.py`), so that a file that did not
change is not read again.

The schema check runs earlier, file by file, as the dataset is read (see
`format/conform.py`). These see every value that passed it, even on a record
with other problems, so one run reports everything: such a record is not
`complete`, and a required value that was missing or invalid is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import ModuleType

from ..format.model import Actor, Dataset
from ..problems import Problem
from . import dates, evidence, quotes, references, sources, uniqueness, unused
from .base import Context, Scope, Summary, summarize

# The modules of the checks, in the order `validate` runs them (the quotes between the two parts).
MODULES: tuple[ModuleType, ...] = (references, uniqueness, dates, evidence, sources, quotes, unused)
NAMES: tuple[str, ...] = tuple(module.__name__.rpartition(".")[2] for module in MODULES)  # as `only` names them

OfActor = Callable[[Actor, Scope], Iterable[Problem]]
Across = Callable[[Dataset, Sequence[Summary], Scope], Iterable[Problem]]

OF_ACTOR: dict[str, OfActor] = {
    "references": references.of_actor,
    "uniqueness": uniqueness.of_actor,
    "dates": dates.of_actor,
    "evidence": evidence.of_actor,
    "unused": unused.of_actor,
}
ACROSS: dict[str, Across] = {
    "references": references.across,
    "uniqueness": uniqueness.across,
    "dates": dates.across,
    "sources": sources.across,
    "unused": unused.across,
}


def check(name: str, dataset: Dataset, context: Context) -> list[Problem]:
    """The problems of check `name` (as in OF_ACTOR and ACROSS) in the whole dataset."""
    scope = Scope(dataset, context)
    found: list[Problem] = []
    if name in OF_ACTOR:
        for actor in dataset.actors:
            found += OF_ACTOR[name](actor, scope)
    if name in ACROSS:
        found += ACROSS[name](dataset, [summarize(actor) for actor in dataset.actors], scope)
    return found


__all__ = ["ACROSS", "MODULES", "NAMES", "OF_ACTOR", "Context", "Scope", "Summary", "check"]
