"""The dataset's history in git: changes between two revisions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis.changes import changes_between, side_problems, unreadable
from ..analysis.select import filter_stances
from ..format.dataset import find_positions
from ..format.model import PartialDate
from ..git import read as gitread
from ..render.formats import CHANGES_FORMATS
from .options import format_option, positions_option, since_option, until_option
from .output import emit


@click.command("changes")
@click.argument("base", required=False)
@click.argument("head", required=False)
@since_option
@until_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes, as git diff --exit-code does.")
@positions_option
@format_option(CHANGES_FORMATS)
def changes_command(
    base: str | None,
    head: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    exit_code: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """What changed in the dataset between two git revisions.

    With no revision: HEAD against the working tree; with BASE: BASE against
    the working tree; with BASE and HEAD: those two commits. Reads revisions
    straight from git, without touching the working tree. A file that does
    not load on either side is listed as unreadable and left out. Exit status:
    1 when a file is unreadable (or, with --exit-code, when anything changed),
    2 on usage or git trouble, else 0.
    """
    from ..views.changes import changes_view

    (base_label, before), (head_label, after) = gitread.read_pair(find_positions(positions), base, head)
    broken = {label: unreadable(reading) for label, reading in ((base_label, before), (head_label, after))}
    changes = changes_between(
        filter_stances(before.dataset.complete_records(), since=since, until=until),
        filter_stances(after.dataset.complete_records(), since=since, until=until),
        left_out={name for files in broken.values() for name in files},
    )
    problems = {label: side_problems(reading) for label, reading in ((base_label, before), (head_label, after))}
    broken = {label: files for label, files in broken.items() if files}
    emit(changes_view(changes, base_label, head_label, problems, broken), format_, CHANGES_FORMATS)
    sys.exit(1 if broken or (exit_code and not changes.is_empty) else 0)


COMMANDS = (changes_command,)
