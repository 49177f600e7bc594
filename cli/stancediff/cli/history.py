"""The dataset's history in git: changes between two revisions, and the history of an actor's stances."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis.changes import changes_between, side_problems, unreadable
from ..analysis.select import filter_stances
from ..format.dataset import find_positions
from ..format.model import PartialDate
from ..git import read as gitread
from ..git.history import LIMIT, MAX_COMMITS, actor_history
from ..render.formats import CHANGES_FORMATS
from .options import format_option, ids_of, ids_option, positions_option, since_option, until_option
from .output import emit


@click.command("changes")
@click.argument("base", required=False)
@click.argument("head", required=False)
@since_option
@until_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when there are changes, as git diff --exit-code does.")
@ids_option
@positions_option
@format_option(CHANGES_FORMATS)
def changes_command(
    base: str | None,
    head: str | None,
    since: PartialDate | None,
    until: PartialDate | None,
    exit_code: bool,
    ids: bool,
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
    sides = (before.dataset, after.dataset)  # the head's name wins; a removed record keeps the base's
    names = {} if ids else {a.id: a.name for side in sides for a in side.actors}
    titles = {} if ids else {t.id: t.title for side in sides for t in side.topics}
    view = changes_view(changes, base_label, head_label, problems, broken, names, titles)
    emit(view, format_, CHANGES_FORMATS)
    sys.exit(1 if broken or (exit_code and not changes.is_empty) else 0)


@click.command("log")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ids_of("actor"))
@click.argument("topic", required=False, metavar="[TOPIC]", shell_complete=ids_of("topic"))
@click.option(
    "--max-count",
    type=click.IntRange(1, LIMIT),
    default=MAX_COMMITS,
    show_default=True,
    help="Read at most this many commits of the actor's file, newest first.",
)
@positions_option
@format_option(CHANGES_FORMATS)
def log_command(actor_id: str, topic: str | None, max_count: int, positions: Path | None, format_: str) -> None:
    """The git history of ACTOR's stances (on TOPIC): each commit that changed one, newest first.

    As `git log` shows a file's history: the commit, its author, date and
    message, and what changed in the stances, position moves first. Follows
    the actor's file through a rename. Reads git without touching the working
    tree; at most --max-count commits.
    """
    from ..views.log import log_view

    history = actor_history(find_positions(positions), actor_id, topic, max_count)
    emit(log_view(history), format_, CHANGES_FORMATS)


COMMANDS = (changes_command, log_command)
