"""Reshaping a dataset: rename and merge records; import stances from a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from ..format.dataset import display_path, find_positions
from ..text import count
from .curate import WriteCommand
from .options import positions_option, sources_dir_option

KINDS = ("topic", "actor", "source")


@click.command("rename", cls=WriteCommand)
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@sources_dir_option
@positions_option
def rename_command(kind: str, old: str, new: str, sources_dir: Path | None, positions: Path | None) -> None:
    """Give the topic, actor or source OLD the id NEW, and every reference to it.

    The id is rewritten where the record defines it and wherever it is referred
    to (a stance's topic, an evidence entry's source, an actor's part_of), and
    an actor's file is renamed with it; no other byte of any file changes.
    `stancediff changes` then reports it as renamed.
    """
    from ..curation.rename import rename

    renamed = rename(find_positions(positions), kind, old, new, sources_dir)
    files = ", ".join(display_path(path) for path in renamed.files)
    followed = count(renamed.references, "reference")
    click.echo(f"renamed {kind} {old} to {new} ({followed} followed): {files}")


@click.command("merge", cls=WriteCommand)
@click.argument("kind", type=click.Choice(("topic", "actor")))
@click.argument("merged", nargs=-1, required=True, metavar="ID...")
@click.option("--into", required=True, metavar="ID", help="The topic or actor they become (it must exist).")
@sources_dir_option
@positions_option
def merge_command(
    kind: str, merged: tuple[str, ...], into: str, sources_dir: Path | None, positions: Path | None
) -> None:
    """Fold the topics or actors named (each ID) into the one --into names, stances and evidence kept.

    Topics: every stance on ID... is put on --into, and their topic records
    removed. Actors: their stances move into --into's file, its part_of
    references follow, their names become its aliases, and their files are
    removed. Stances that would collide (one actor, topic and date) are listed
    and nothing is written.
    """
    from ..curation.rename import merge

    done = merge(find_positions(positions), kind, merged, into, sources_dir)
    files = ", ".join(display_path(path) for path in done.files)
    what = "moved" if kind == "actor" else "now on it"
    click.echo(f"merged {kind} {', '.join(done.merged)} into {into} ({count(done.moved, 'stance')} {what}): {files}")


@click.command("import", cls=WriteCommand)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--create", is_flag=True, help="Create the actors and topics the rows name that do not exist.")
@click.option(
    "--dry-run", is_flag=True, help="Check every row and show what would be written, as a diff; write nothing."
)
@sources_dir_option
@positions_option
def import_command(file: Path, create: bool, dry_run: bool, sources_dir: Path | None, positions: Path | None) -> None:
    """Add the stances in FILE, a CSV file or an .xlsx workbook with the columns `export --format csv` writes.

    Each row is checked as `add stance` checks a stance (its quotes against
    the archive, its references, its dates); every problem is reported at once
    as FILE:ROW:COLUMN with its code, and nothing is written unless there are
    none. Actors and topics that do not exist are problems, or with --create
    are made from the columns that describe them (actor_name, actor_kind;
    topic_title, topic_proposition). An .xlsx file needs openpyxl
    (pip install 'stancediff[xlsx]').
    """
    from ..curation.importing import import_stances

    done = import_stances(find_positions(positions), file, create, dry_run, sources_dir)
    if dry_run:
        click.echo(done.diff, nl=False)
    files = ", ".join(display_path(path) for path in done.files)
    verb = "would import" if dry_run else "imported"
    made = f"; created {', '.join(done.created)}" if done.created else ""
    click.echo(f"{verb} {count(done.stances, 'stance')}{made}: {files or 'no file changed'}", err=dry_run)


COMMANDS = (rename_command, merge_command, import_command)
