"""Errors that stop a command before it can look at any data, or before it writes.

The library raises these; `cli.py` turns them into a one-line message and exit
status 2. Problems *in* the data are never raised: they are `Problem`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problems import Problem


class StancediffError(Exception):
    """A usage or I/O error: the message says what to do."""


class DatasetNotFound(StancediffError):
    pass


class UnknownId(StancediffError):
    pass


class Refused(StancediffError):
    """A change a command will not write (nothing was written); `problems` are the errors it would bring."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class NothingToShow(StancediffError):
    """The choices left nothing to show: not an error but an empty answer (said on stderr, exit status 0)."""
