"""The command line: a thin click layer over the library.

`main` (main.py) is the group; each module here holds one family of commands
and lists them in its `COMMANDS`; options the commands share are declared
once, in options.py, and a `--format` option is built from its registry.
A command reads its options, calls the library (which finds, selects,
analyses and raises domain errors) and hands the result to `output.emit`.
"""

from __future__ import annotations

from . import check, coalitions, curate, history, lifecycle, networks, publish, reliability, sources, views
from .main import main, run

for family in (check, views, sources, coalitions, networks, reliability, history, publish, curate, lifecycle):
    for command in family.COMMANDS:
        main.add_command(command)

__all__ = ["main", "run"]
