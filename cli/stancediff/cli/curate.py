"""Building a dataset: init, add, quote, edit and rm.

`add`, `edit` and `rm` read ruamel.yaml only when one of their commands runs
(`_curate`, `_edit`, `_remove`), so that the views need not load it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..curation import ask
from ..curation import init as scaffold
from ..curation.quote import find_quote
from ..errors import Refused
from ..format import spec
from ..format.dataset import display_path, find_positions, read_dataset
from ..format.model import PartialDate
from ..render.problems import plain_line
from ..render.quote import QUOTE_FORMATS
from ..text import safe_line
from .main import Failure
from .options import DateType, format_option, ids_of, positions_option, sources_dir_option
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


def report_refused(refused: Refused) -> None:
    """A write refused for problems in the data lists them and exits 1, as `validate` would.

    A refusal without problems is a message and exit status 2, as `main` makes of other errors.
    """
    if not refused.problems:
        raise Failure(safe_line(str(refused))) from None
    for found in refused.problems:
        click.echo(plain_line(found), err=True)
    click.echo(safe_line(str(refused)), err=True)
    sys.exit(1)


class WriteGroup(click.Group):
    """A group of writing commands: see `report_refused`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as refused:
            report_refused(refused)


class WriteCommand(click.Command):
    """A writing command: see `report_refused`."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as refused:
            report_refused(refused)


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
    """Add an actor: a new file actors/ID.yaml (never over an existing one).

    The id is made from the name (its first words in kebab case, at most 50
    characters) unless --id is given.
    """
    root = find_positions(positions)
    kinds = {"kind": list(read_dataset(root).dataset.actor_kinds)}
    _wrote(_curate().add_actor(root, ask.fill(spec.ACTOR, values, kinds, skip=("id",))), "actor")


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


def _edit() -> Any:
    """The `edit` library, imported when an `edit` command runs (ruamel.yaml need not load for the others)."""
    from ..curation import edit

    return edit


def _given(values: dict[str, Any]) -> dict[str, Any]:
    """The options given a value (click passes None, or () for a list left out)."""
    return {key: value for key, value in values.items() if value is not None and value != ()}


@click.group("edit", cls=WriteGroup)
def edit_group() -> None:
    """Change keys of a stance, topic, source or actor in place.

    Each key given is set where it stands (in its own quoting style), or added
    after the keys before it; --unset KEY removes an optional key. Nothing else
    in the file changes, and the file is written only if the change brings no
    error to the dataset. Ids are changed with `stancediff rename`.
    """


def _unset_option(kind: spec.Record) -> Callable[[Any], Any]:
    optional = [f.name for f in kind.fields if not f.required and f.name not in ("file", "sha256", "stances")]
    return click.option(
        "--unset", multiple=True, type=click.Choice(optional), help="Remove this optional key (repeat for more)."
    )


def _record_edit(kind: str, record: spec.Record) -> click.Command:
    skip = ("id", "file", "sha256")

    @click.command(kind, help=f"Change keys of the {kind} ID (its id: `stancediff rename {kind}`).")
    @click.argument("record_id", metavar="ID", shell_complete=ask.complete_ids(kind))
    @ask.field_options(record, skip=skip, asked=False)
    @_unset_option(record)
    @positions_option
    def command(record_id: str, unset: tuple[str, ...], positions: Path | None, **values: Any) -> None:
        root = find_positions(positions)
        path = _edit().edit_record(root, kind, record_id, _given(values), unset)
        click.echo(f"edited {kind} {record_id}: {display_path(path)}")

    return command


@edit_group.command("stance")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ask.complete_ids("actor"))
@click.argument("topic", metavar="TOPIC", shell_complete=ask.complete_ids("topic"))
@click.option("--date", "date", type=DateType(), help="The stance's date, where the actor has several on TOPIC.")
@click.option("--new-topic", shell_complete=ask.complete_ids("topic"), help="Move the stance to this topic.")
@click.option("--new-date", type=DateType(), help="Give the stance this date.")
@ask.field_options(spec.STANCE, skip=("topic", "date"), asked=False)
@click.option(
    "--evidence",
    nargs=2,
    multiple=True,
    metavar="SOURCE QUOTE",
    help="A source id and a quote from its archived text (repeat for more): the stance's evidence, replaced.",
)
@_unset_option(spec.STANCE)
@sources_dir_option
@positions_option
def edit_stance_command(
    actor_id: str,
    topic: str,
    date: PartialDate | None,
    new_topic: str | None,
    new_date: PartialDate | None,
    evidence: tuple[tuple[str, str], ...],
    unset: tuple[str, ...],
    sources_dir: Path | None,
    positions: Path | None,
    **values: Any,
) -> None:
    """Change keys of ACTOR's stance on TOPIC; quotes given are checked against the archive first."""
    root = find_positions(positions)
    given = _given(values)
    if new_topic:
        given["topic"] = new_topic
    if new_date:
        given["date"] = str(new_date)
    if evidence:
        given["evidence"] = [{"source": source, "quote": quote} for source, quote in evidence]
    path = _edit().edit_stance(root, actor_id, topic, date, given, unset, sources_dir)
    click.echo(f"edited the stance of {actor_id} on {topic}: {display_path(path)}")


for _kind, _record in (("topic", spec.TOPIC), ("source", spec.SOURCE), ("actor", spec.ACTOR)):
    edit_group.add_command(_record_edit(_kind, _record))


def _remove() -> Any:
    from ..curation import remove

    return remove


@click.group("rm", cls=WriteGroup)
def rm_group() -> None:
    """Remove a stance, topic, source or actor.

    A topic with stances, a source cited as evidence and an actor others are
    part_of are refused, each referrer listed, unless --cascade removes those
    too. Only the record's lines go; the dataset must stay free of errors.
    """


def _removed(removed: Any) -> None:
    click.echo(f"removed {removed.kind} {removed.id}: " + ", ".join(display_path(p) for p in removed.files))
    for line in removed.also:
        click.echo(f"  and {line}")


@rm_group.command("stance")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ask.complete_ids("actor"))
@click.argument("topic", metavar="TOPIC", shell_complete=ask.complete_ids("topic"))
@click.option("--date", "date", type=DateType(), help="The stance's date, where the actor has several on TOPIC.")
@positions_option
def rm_stance_command(actor_id: str, topic: str, date: PartialDate | None, positions: Path | None) -> None:
    """Remove ACTOR's stance on TOPIC."""
    _removed(_remove().remove_stance(find_positions(positions), actor_id, topic, date))


def _record_rm(kind: str, referrers: str) -> click.Command:
    @click.command(kind, help=f"Remove the {kind} ID; refused while {referrers}, unless --cascade.")
    @click.argument("record_id", metavar="ID", shell_complete=ask.complete_ids(kind))
    @click.option("--cascade", is_flag=True, help=f"Remove what refers to it too: {referrers}.")
    @positions_option
    def command(record_id: str, cascade: bool, positions: Path | None) -> None:
        _removed(_remove().remove_record(find_positions(positions), kind, record_id, cascade))

    return command


for _kind, _referrers in (
    ("topic", "stances are on it"),
    ("source", "evidence cites it (a stance left without evidence goes too)"),
    ("actor", "actors are part_of it (their part_of key goes, not they)"),
):
    rm_group.add_command(_record_rm(_kind, _referrers))


COMMANDS = (init_command, quote_command, add_group, edit_group, rm_group)
