"""Building a dataset: init, add and quote.

`add` reads ruamel.yaml only when one of its commands runs (`_curate`), so
that the views need not load it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..curation import ask
from ..curation import init as scaffold
from ..curation.quote import find_quote
from ..errors import Refused
from ..format import spec
from ..format.dataset import display_path, find_positions, read_dataset
from ..render.problems import plain_line
from ..render.quote import QUOTE_FORMATS
from ..text import safe_line
from .main import Failure
from .options import format_option, ids_of, positions_option, sources_dir_option
from .output import emit

if TYPE_CHECKING:
    from ..curation.add import Added


@click.command("init")
@click.argument("directory", default="positions", type=click.Path(path_type=Path))
def init_command(directory: Path) -> None:
    """Start a new dataset in DIRECTORY (default: positions): topics, sources, one
    example actor and the JSON Schemas, ready to validate.

    Refuses, writing nothing, if any of those files exists.
    """
    for path in scaffold.create(directory):
        click.echo(f"created {path}")
    click.echo(f"next: edit them, then run `stancediff validate --positions {directory}`")


@click.command("quote")
@click.argument("words", nargs=-1, required=True, metavar="[SOURCE] TEXT", shell_complete=ids_of("source"))
@sources_dir_option
@format_option(QUOTE_FORMATS)
@positions_option
def quote_command(words: tuple[str, ...], sources_dir: Path | None, format_: str, positions: Path | None) -> None:
    """Find TEXT, or the passage most like it, in the archived text of SOURCE (else of every source).

    Shows each match in its context with how alike it is (best first) and the
    evidence entry to paste, whole words as `validate` reads the source. Exit
    status: 0 TEXT is in a source as it is, 1 only a passage like it (or none)
    was found, 2 usage or I/O trouble.
    """
    if len(words) > 2:
        raise click.UsageError("give SOURCE and TEXT only; put TEXT in quotes")
    source_id, text = (None, words[0]) if len(words) == 1 else words
    finding = find_quote(read_dataset(find_positions(positions)).dataset, text, source_id, sources_dir)
    for unread in finding.unread:
        click.echo(safe_line(f"warning: {unread.file}:{unread.line}:{unread.column}: {unread.message}"), err=True)
    emit(finding, format_, QUOTE_FORMATS)
    sys.exit(0 if finding.exact else 1)


class WriteGroup(click.Group):
    """A write refused for problems in the data lists them and exits 1, as `validate` would.

    Other errors reach `main`, which makes them a message and exit status 2.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as refused:
            if not refused.problems:
                raise Failure(safe_line(str(refused))) from None
            for found in refused.problems:
                click.echo(plain_line(found), err=True)
            click.echo(safe_line(str(refused)), err=True)
            sys.exit(1)


@click.group("add", cls=WriteGroup)
def add_group() -> None:
    """Add a topic, source, actor or stance, every key as an option.

    On a terminal, what is left out is asked for; otherwise a missing key is
    exit status 2. A file is changed only if the whole dataset still passes
    `validate` without errors (a stance's quotes checked against the archive),
    and every other byte of it is kept.
    """


def _curate() -> Any:
    """The `add` library, imported when an `add` command runs (ruamel.yaml need not load for the others)."""
    from ..curation import add

    return add


def _wrote(added: Added, what: str) -> None:
    click.echo(f"added {what} {added.id}: " + ", ".join(display_path(path) for path in added.files))


@add_group.command("topic")
@ask.field_options(spec.TOPIC)
@positions_option
def add_topic_command(positions: Path | None, **values: Any) -> None:
    """Add a topic to topics.yaml."""
    root = find_positions(positions)
    _wrote(_curate().add_topic(root, ask.fill(spec.TOPIC, values)), "topic")


@add_group.command("actor")
@ask.field_options(spec.ACTOR, complete={"part_of": ask.complete_ids("actor")})
@positions_option
def add_actor_command(positions: Path | None, **values: Any) -> None:
    """Add an actor: a new file actors/ID.yaml (never over an existing one)."""
    root = find_positions(positions)
    _wrote(_curate().add_actor(root, ask.fill(spec.ACTOR, values)), "actor")


@add_group.command("source")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@ask.field_options(spec.SOURCE, skip=("file", "sha256"))
@sources_dir_option
@positions_option
def add_source_command(file: Path, sources_dir: Path | None, positions: Path | None, **values: Any) -> None:
    """Add a source whose archived text is FILE, with its sha256.

    FILE is referred to where it lies inside the archive, else copied into it
    (never over another file). The id is made from the title and date unless
    --id is given.
    """
    root = find_positions(positions)
    _wrote(_curate().add_source(root, file, ask.fill(spec.SOURCE, values, skip=("id",)), sources_dir), "source")


@add_group.command("stance")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ask.complete_ids("actor"))
@ask.field_options(spec.STANCE, complete={"topic": ask.complete_ids("topic")})
@click.option(
    "--evidence",
    nargs=2,
    multiple=True,
    metavar="SOURCE QUOTE",
    help="A source id and a quote from its archived text (repeat for more). Asked for on a terminal when left out.",
)
@sources_dir_option
@positions_option
def add_stance_command(
    actor_id: str,
    evidence: tuple[tuple[str, str], ...],
    sources_dir: Path | None,
    positions: Path | None,
    **values: Any,
) -> None:
    """Add a stance to ACTOR's file, its quotes checked against the archived sources first.

    A quote that is not in its source is refused with the closest passage, and
    nothing is written.
    """
    root = find_positions(positions)
    dataset, actor_id = _curate().stance_choices(root, actor_id)
    values = ask.fill(spec.STANCE, values, {"topic": list(dataset.topic_ids)})
    if evidence:
        values["evidence"] = [{"source": source, "quote": quote} for source, quote in evidence]
    elif ask.interactive():
        values["evidence"] = ask.ask_evidence([s.id for s in dataset.source_ids.values() if s.file])
    else:
        raise ask.missing_evidence()
    added = _curate().add_stance(root, actor_id, values, sources_dir)
    _wrote(added, f"a stance on {values['topic']} ({values['date']}) to actor")


COMMANDS = (init_command, quote_command, add_group)
