"""The command line: a thin click layer over the library.

Each command takes its options (validate's into a small value object), calls
the library, and hands the result to a renderer chosen by `--format`. Library
errors (`StancediffError`) become a one-line message and exit status 2;
problems in the data are reported by the renderers and give exit status 1.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .analysis.changes import compare_datasets, side_problems
from .analysis.compare import find_actor, find_topic
from .checks.validate import validate
from .curation import init as scaffold
from .errors import StancediffError
from .format.dataset import ENV_VAR, find_positions, read_dataset
from .format.model import Dataset, PartialDate
from .format.schema import FILES, schema_text
from .format.spec import ACTOR_KINDS
from .git import read as gitread
from .render.formats import FORMATS
from .render.problems import REPORTERS
from .views import positions as views
from .views.changes import changes_view


class Failure(click.ClickException):
    """A usage or I/O error: message on stderr, exit status 2."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StancediffError as error:
            raise Failure(str(error)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancediff")
def main() -> None:
    """Record where actors stand on a contested issue, backed by quotes, and compare them.

    The dataset is found by --positions DIR, else $STANCEDIFF_POSITIONS, else the
    nearest positions/ folder from the current directory upwards.
    """


def positions_option(function: Any) -> Any:
    return click.option(
        "--positions",
        type=click.Path(path_type=Path),
        help=f"The dataset folder (default: ${ENV_VAR}, else the nearest positions/ upwards).",
    )(function)


@dataclass(frozen=True)
class ValidateOptions:
    positions: Path | None
    sources_dir: Path | None
    format: str
    strict: bool


@main.command("validate")
@positions_option
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts; every quote is checked against its source.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(REPORTERS)),
    help="Output format (default: github under GitHub Actions, else text).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate_command(positions: Path | None, sources_dir: Path | None, format_: str | None, strict: bool) -> None:
    """Check the dataset: format, references, dates, evidence and (with --sources-dir) quotes.

    Reports every problem at once as path:line:column, with a code. Exit status:
    0 no errors, 1 errors (or warnings with --strict), 2 usage or I/O trouble.
    """
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = ValidateOptions(positions, sources_dir, format_ or default, strict)
    report = validate(find_positions(options.positions), options.sources_dir)
    REPORTERS[options.format](report, sys.stdout)
    sys.exit(report.exit_code(options.strict))


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        date = PartialDate.parse(value)
        if date is None:
            self.fail(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)
        return date


def format_option(choices: list[str], help: str) -> Any:
    return click.option(
        "--format", "format_", type=click.Choice(choices), default=choices[0], show_default=True, help=help
    )


def view_options(function: Any) -> Any:
    """--positions and --format, the options every view shares."""
    function = format_option(list(FORMATS), "table for the terminal, or json, markdown or csv.")(function)
    return positions_option(function)


as_of_option = click.option(
    "--as-of",
    type=DateType(),
    help="Use each actor's latest stance dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
)
topic_option = click.option("--topic", "topic_ids", multiple=True, help="Only this topic (repeat for more).")


def dataset_for_view(positions: Path | None) -> Dataset:
    """The dataset for a view; problems in it are left to `validate`, with a word on stderr."""
    reading = read_dataset(find_positions(positions))
    errors = sum(p.severity == "error" for p in reading.problems)
    if errors:
        click.echo(
            f"warning: the dataset has {errors} error(s); records with errors are left out "
            "(run `stancediff validate` to see them)",
            err=True,
        )
    return reading.dataset


def emit(view: views.View, format_: str) -> None:
    FORMATS[format_](view, sys.stdout)


@main.command("compare")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...")
@topic_option
@click.option("--kind", type=click.Choice(ACTOR_KINDS), help="Only actors of this kind.")
@as_of_option
@click.option("--transpose", is_flag=True, help="Actors as rows and topics as columns.")
@view_options
def compare_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    kind: str | None,
    as_of: PartialDate | None,
    transpose: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """The matrix of current positions: topics by actors, coloured support to oppose.

    Without ACTOR, every actor with a stance on the topics shown.
    """
    dataset = dataset_for_view(positions)
    topics = [find_topic(dataset, t) for t in topic_ids] or list(dataset.topics)
    if actor_ids:
        actors = [find_actor(dataset, a) for a in actor_ids]
    else:
        shown = {t.id for t in topics}
        actors = [a for a in dataset.actors if any(s.topic in shown for s in a.stances)]
    actors = [a for a in actors if kind is None or a.kind == kind]
    emit(views.compare_view(dataset, actors, topics, as_of, transpose), format_)


@main.command("diff")
@click.argument("actor_a", metavar="ACTOR_A")
@click.argument("actor_b", metavar="ACTOR_B")
@click.option("--quotes", is_flag=True, help="Add each side's evidence.")
@as_of_option
@view_options
def diff_command(
    actor_a: str, actor_b: str, quotes: bool, as_of: PartialDate | None, positions: Path | None, format_: str
) -> None:
    """Two actors side by side, topic by topic, with their agreement score."""
    dataset = dataset_for_view(positions)
    a, b = find_actor(dataset, actor_a), find_actor(dataset, actor_b)
    emit(views.diff_view(dataset, a, b, as_of, quotes), format_)


@main.command("show")
@click.argument("actor_id", metavar="ACTOR")
@view_options
def show_command(actor_id: str, positions: Path | None, format_: str) -> None:
    """An actor's profile: every stance with its date, speaker, basis, quotes and sources."""
    dataset = dataset_for_view(positions)
    emit(views.show_view(dataset, find_actor(dataset, actor_id)), format_)


@main.command("topic")
@click.argument("topic_id", metavar="TOPIC")
@as_of_option
@view_options
def topic_command(topic_id: str, as_of: PartialDate | None, positions: Path | None, format_: str) -> None:
    """A topic's proposition and every actor's stance on it, from support to oppose."""
    dataset = dataset_for_view(positions)
    emit(views.topic_view(dataset, find_topic(dataset, topic_id), as_of), format_)


@main.command("agreement")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...")
@as_of_option
@view_options
def agreement_command(
    actor_ids: tuple[str, ...], as_of: PartialDate | None, positions: Path | None, format_: str
) -> None:
    """Pairwise agreement of actors, with the most and least aligned pairs."""
    dataset = dataset_for_view(positions)
    actors = [find_actor(dataset, a) for a in actor_ids] or [a for a in dataset.actors if a.stances]
    emit(views.agreement_view(dataset, actors, as_of), format_)


@main.command("timeline")
@click.argument("actor_id", metavar="[ACTOR]", required=False)
@topic_option
@view_options
def timeline_command(actor_id: str | None, topic_ids: tuple[str, ...], positions: Path | None, format_: str) -> None:
    """Stances in date order, each shift of position marked with its move on the scale."""
    dataset = dataset_for_view(positions)
    actors = [find_actor(dataset, actor_id)] if actor_id else list(dataset.actors)
    topics = [find_topic(dataset, t) for t in topic_ids] or list(dataset.topics)
    emit(views.timeline_view(dataset, actors, topics), format_)


@main.command("changes")
@click.argument("base", required=False)
@click.argument("head", required=False)
@positions_option
@format_option(["table", "markdown", "json"], "table for the terminal; markdown for a pull-request comment; json.")
def changes_command(base: str | None, head: str | None, positions: Path | None, format_: str) -> None:
    """What changed in the dataset between two git revisions.

    With no revision: HEAD against the working tree; with BASE: BASE against
    the working tree; with BASE and HEAD: those two commits. Reads revisions
    straight from git, without touching the working tree.
    """
    (base_label, before), (head_label, after) = gitread.read_pair(find_positions(positions), base, head)
    changes = compare_datasets(before.dataset, after.dataset)
    problems = {label: side_problems(reading) for label, reading in ((base_label, before), (head_label, after))}
    emit(changes_view(changes, base_label, head_label, problems), format_)


@main.command("schema")
@click.argument("kind", type=click.Choice(list(FILES)))
def schema_command(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of file: actor, topics or sources.

    Generated from the same definitions that `validate` checks against.
    """
    click.echo(schema_text(kind), nl=False)


@main.command("init")
@click.argument("directory", default="positions", type=click.Path(path_type=Path))
def init_command(directory: Path) -> None:
    """Start a new dataset in DIRECTORY (default: positions): topics, sources, one
    example actor and the JSON Schemas, ready to validate.

    Refuses, writing nothing, if any of those files exists.
    """
    for path in scaffold.create(directory):
        click.echo(f"created {path}")
    click.echo(f"next: edit them, then run `stancediff validate --positions {directory}`")


def run() -> None:
    """The `stancediff` console script.

    A run is short and builds large trees without reference cycles, which the
    cyclic garbage collector would traverse again and again for nothing (about
    0.6 s of 4.3 in validating the benchmark dataset, benchmarks/README.md), so
    it is off for the process; reference counting still frees everything.
    """
    gc.disable()
    main()
