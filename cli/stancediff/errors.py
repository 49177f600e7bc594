"""Errors that stop a command before it can look at any data.

The library raises these; `cli.py` turns them into a one-line message and exit
status 2. Problems *in* the data are never raised: they are `Problem`s.
"""


class StancediffError(Exception):
    """A usage or I/O error: the message says what to do."""


class DatasetNotFound(StancediffError):
    pass


class UnknownId(StancediffError):
    pass
