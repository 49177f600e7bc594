"""What one source evidences: `stancediff source`."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.choose import view_dataset
from ..analysis.source import source_evidence
from ..render.formats import FORMATS
from ..views.source import source_view
from .options import format_option, ids_of, positions_option, sources_dir_option
from .output import emit, warn


@click.command("source")
@click.argument("source_id", metavar="SOURCE", shell_complete=ids_of("source"))
@sources_dir_option
@positions_option
@format_option(FORMATS)
def source_command(source_id: str, sources_dir: Path | None, positions: Path | None, format_: str) -> None:
    """What one source evidences: its title, date, url and file, every stance citing it, and its quotes
    in the order they stand in the text, each with a little context, and the share of the text they quote.

    SOURCE is an id or a title. The text is read from the archive that
    sources.yaml names (or --sources-dir), as `validate` reads it.
    """
    shown = view_dataset(positions)
    warn(shown.warnings)
    found = source_evidence(shown.dataset, source_id, sources_dir)
    emit(source_view(shown.dataset, found), format_, FORMATS)


COMMANDS = (source_command,)
