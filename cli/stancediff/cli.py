"""The command line: a thin click layer over the library.

Each command takes its options, calls the library (which finds, selects and
filters), and hands the result to a renderer chosen by `--format`. Library
errors (`StancediffError`) become a one-line message and exit status 2;
problems in the data are reported by the renderers and give exit status 1.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from click.shell_completion import CompletionItem

from . import __version__
from .analysis.blocs import DEFAULT_THRESHOLD, find_blocs, leaf_order
from .analysis.changes import changes_between, side_problems, unreadable
from .analysis.contested import fault_lines
from .analysis.order import GROUPS, SORTS, group_actors, order_actors
from .analysis.search import AREAS, search
from .analysis.select import (
    describe_choice,
    filter_stances,
    find_actor,
    find_topic,
    select_actors,
    select_topics,
)
from .checks.cache import Cache, cache_folder
from .checks.cache import disabled as cache_disabled
from .checks.shown import for_views
from .checks.validate import validate
from .completion import complete
from .curation import ask
from .curation import init as scaffold
from .curation.quote import find_quote
from .errors import Refused, StancediffError
from .export.run import EXPORTS, STDOUT, export
from .format import spec
from .format.dataset import ENV_VAR, display_path, find_positions, read_dataset
from .format.model import Actor, Dataset, PartialDate, Topic
from .format.schema import FILES, schema_text
from .format.spec import ACTOR_KINDS, BASES
from .git import read as gitread
from .manual import PAGES, page
from .problems import CATALOGUE
from .render.console import COLOR_MODES, set_color
from .render.encoding import never_fail
from .render.formats import CHANGES_FORMATS, FORMATS, SEARCH_FORMATS, Format, format_help
from .render.pager import write_paged
from .render.problems import REPORTERS, plain_line, report_text
from .render.quote import QUOTE_FORMATS
from .views import positions as views
from .views.changes import changes_view
from .views.search import search_view

if TYPE_CHECKING:
    from .analysis.agreement import Agreements, Holdings
    from .curation.add import Added


class Failure(click.ClickException):
    """A usage or I/O error: message on stderr, exit status 2."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StancediffError as error:
            raise Failure(str(error)) from None


def _color_or_the_groups(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--color here, else before the command, else auto; it takes effect at once."""
    if value is None:
        value = ctx.find_root().params.get("color")
    set_color(value or "auto")
    return value


def _pager_or_the_groups(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.find_root().meta["no_pager"] = True
    return value


def paging() -> bool:
    """Whether output may go through the pager (not with --no-pager, before or after the command)."""
    return not click.get_current_context().find_root().meta.get("no_pager", False)


def output_options(function: Any) -> Any:
    """--color and --no-pager, which every command takes, before or after its name."""
    function = click.option(
        "--no-pager", is_flag=True, callback=_pager_or_the_groups, expose_value=False, help="Never page the output."
    )(function)
    return click.option(
        "--color",
        type=click.Choice(COLOR_MODES),
        callback=_color_or_the_groups,
        expose_value=False,
        help="Style the output: auto (on a terminal, unless NO_COLOR is set), always or never.",
    )(function)


_POSITIONS_HELP = f"The dataset folder (default: ${ENV_VAR}, else the nearest positions/ upwards)."


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancediff")
@click.option("--positions", type=click.Path(path_type=Path), help=_POSITIONS_HELP)
@click.option("--color", type=click.Choice(COLOR_MODES), help="Style the output: auto, always or never.")
@click.option("--no-pager", is_flag=True, callback=_pager_or_the_groups, expose_value=False, help="Never page.")
def main(positions: Path | None, color: str | None) -> None:
    """Record where actors stand on a contested issue, backed by quotes, and compare them.

    The dataset is found by --positions DIR (before or after the command), else
    $STANCEDIFF_POSITIONS, else the nearest positions/ folder from the current
    directory upwards.
    """


def _positions_or_the_groups(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A command's --positions, else the one given before the command (`stancediff --positions DIR compare`)."""
    if value is None:
        return ctx.find_root().params.get("positions")
    return value


def positions_option(function: Any) -> Any:
    """--positions, and the output options, which every command that reads a dataset takes."""
    function = output_options(function)
    return click.option(
        "--positions", type=click.Path(path_type=Path), callback=_positions_or_the_groups, help=_POSITIONS_HELP
    )(function)


@main.command("validate")
@positions_option
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts, instead of the `archive:` that sources.yaml names.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(REPORTERS)),
    help="Output format (default: github under GitHub Actions, else text).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--max-quoted",
    type=click.FloatRange(0, 1),
    help="The share of a source's words its quotes may reproduce, 0 to 1 (default: the dataset's "
    "max_quoted, else 0.2); checked with the quotes.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and check every file, neither using nor updating the cache (also: STANCEDIFF_NO_CACHE=1).",
)
def validate_command(
    positions: Path | None,
    sources_dir: Path | None,
    format_: str | None,
    strict: bool,
    max_quoted: float | None,
    no_cache: bool,
) -> None:
    """Check the dataset: format, references, dates, evidence and quotes against the archive.

    The archive is --sources-dir, else the folder sources.yaml names with
    `archive:`. Reports every problem at once as path:line:column, with a code.
    Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage or
    I/O trouble.
    """
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    root = find_positions(positions)
    cache = None if no_cache or cache_disabled() else Cache(cache_folder(), root, sources_dir)
    report = validate(root, sources_dir, max_quoted=max_quoted, cache=cache)
    chosen = REPORTERS[format_ or default]
    write_paged(lambda stream: chosen(report, stream), sys.stdout, paging())
    sys.exit(report.exit_code(strict))


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        date = PartialDate.parse(value)
        if date is None:
            self.fail(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)
        return date


def format_option(formats: dict[str, Format]) -> Any:
    """--format, its choices and help from a renderer registry; the first is the default."""
    return click.option(
        "--format",
        "format_",
        type=click.Choice(list(formats)),
        default=next(iter(formats)),
        show_default=True,
        help=format_help(formats),
    )


def view_options(function: Any) -> Any:
    """--positions and --format, the options every view shares."""
    return positions_option(format_option(FORMATS)(function))


as_of_option = click.option(
    "--as-of",
    type=DateType(),
    help="Use each actor's latest stance dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
)


def ids_of(kind: str) -> Any:
    """A `shell_complete` for an argument or option that takes an id of `kind`: actor, topic or source.

    For `quote`'s words, only the first is a source's id.
    """

    def shell_complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        if kind == "source" and ctx.params.get(param.name or ""):
            return []
        positions = ctx.params.get("positions") or ctx.find_root().params.get("positions")
        return [CompletionItem(id_, help=name or None) for id_, name in complete(positions, kind, incomplete)]

    return shell_complete


def _no_commas(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    for value in values:
        if "," in value:
            repeated = " ".join(f"{param.opts[0]} {part.strip()}" for part in value.split(",") if part.strip())
            raise click.BadParameter(f"ids never hold a comma; repeat the option instead: {repeated}")
    return values


topic_option = click.option(
    "--topic",
    "topic_ids",
    multiple=True,
    callback=_no_commas,
    shell_complete=ids_of("topic"),
    help="Only this topic (repeat for more).",
)
quotes_option = click.option("--quotes", is_flag=True, help="Add the quotes under each summary, each with its source.")
basis_option = click.option(
    "--basis", "bases", multiple=True, type=click.Choice(BASES), help="Only stances of this basis (repeat for more)."
)
tag_option = click.option("--tag", "tags", multiple=True, help="Only topics with this tag (repeat for more).")
since_option = click.option("--since", type=DateType(), help="Only stances dated on or after DATE.")
until_option = click.option("--until", type=DateType(), help="Only stances dated on or before DATE.")
kind_option = click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(ACTOR_KINDS), help="Only actors of this kind (repeat for more)."
)


def dataset_for_view(
    positions: Path | None,
    bases: tuple[str, ...] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> Dataset:
    """The dataset for a view, with only the stances the filters keep.

    What was left out or is ambiguous is said on stderr; the details are `validate`'s.
    """
    shown = for_views(read_dataset(find_positions(positions)))
    for warning in shown.warnings:
        click.echo(warning, err=True)
    return filter_stances(shown.dataset, bases, since, until)


def emit(view: views.View, format_: str, formats: dict[str, Format] = FORMATS) -> None:
    """Write `view` in the chosen format to stdout, through the pager on a terminal."""
    write_paged(lambda stream: formats[format_].render(view, stream), sys.stdout, paging())


def nothing_to_show(what: str) -> None:
    """Say on stderr that the choices left nothing, and end with status 0: not an error, an empty answer."""
    click.echo(f"nothing to show: {what}", err=True)
    sys.exit(0)


ids_option = click.option("--ids", is_flag=True, help="Label actors and topics by id instead of name and title.")
min_shared_option = click.option(
    "--min-shared",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Give no agreement to pairs resting on fewer shared topics.",
)
unweighted_option = click.option(
    "--unweighted", is_flag=True, help="Count every shared topic the same, whatever its salience."
)


@main.command("compare")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...", shell_complete=ids_of("actor"))
@topic_option
@tag_option
@kind_option
@basis_option
@as_of_option
@click.option(
    "--sort",
    default="bloc",
    show_default=True,
    metavar="|".join((*SORTS, "TOPIC")),
    help="Order actors: agreeing actors side by side (bloc), by name, by kind, or by position on TOPIC.",
)
@click.option("--group", type=click.Choice(GROUPS), help="A table for each kind, or each actor with its parts.")
@ids_option
@click.option("--all", "every", is_flag=True, help="Keep actors and topics with no stance shown.")
@view_options
def compare_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    sort: str,
    group: str | None,
    ids: bool,
    every: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """The matrix of current positions, actors by topics, coloured support to oppose.

    Without ACTOR, every actor with a stance on the topics shown (as of
    --as-of). Actors who agree sit together (see `blocs`); the table is laid
    out to fit the terminal, and each topic's proposition is listed under it.
    """
    dataset = dataset_for_view(positions, bases)
    topics = select_topics(dataset, topic_ids, tags)
    if not topics:
        nothing_to_show(f"no topic has the tag {' or '.join(tags)}")
    actors = select_actors(dataset, actor_ids, kinds, topics, as_of)
    if not actors:
        nothing_to_show(describe_choice("actor", kinds, as_of))
    ordered = order_actors(actors, topics, sort, as_of)
    groups = group_actors(ordered, group, {a.id: a.name for a in dataset.actors}) if group else []
    emit(views.compare_view(dataset, ordered, topics, as_of, ids, groups, every), format_)


@main.command("diff")
@click.argument("actor_a", metavar="ACTOR_A", shell_complete=ids_of("actor"))
@click.argument("actor_b", metavar="ACTOR_B", shell_complete=ids_of("actor"))
@quotes_option
@basis_option
@as_of_option
@view_options
def diff_command(
    actor_a: str,
    actor_b: str,
    quotes: bool,
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    positions: Path | None,
    format_: str,
) -> None:
    """Two actors side by side, topic by topic, with their agreement score."""
    dataset = dataset_for_view(positions, bases)
    a, b = select_actors(dataset, (actor_a, actor_b))
    emit(views.diff_view(dataset, a, b, as_of, quotes), format_)


@main.command("show")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ids_of("actor"))
@click.option(
    "--topic",
    "topic_ids",
    multiple=True,
    callback=_no_commas,
    shell_complete=ids_of("topic"),
    help="Only the history on this topic.",
)
@view_options
def show_command(actor_id: str, topic_ids: tuple[str, ...], positions: Path | None, format_: str) -> None:
    """An actor's profile: every stance with its date, status, speaker, basis, quotes and sources.

    With --topic, the actor's history on that topic: each stance, the current
    one and those it superseded.
    """
    dataset = dataset_for_view(positions)
    actor = find_actor(dataset, actor_id)
    topics = [find_topic(dataset, t) for t in topic_ids]
    if topics and not any(s.topic in {t.id for t in topics} for s in actor.stances):
        nothing_to_show(f"{actor.id} has no stance on {', '.join(t.id for t in topics)}")
    emit(views.show_view(dataset, actor, topics), format_)


@main.command("topic")
@click.argument("topic_id", metavar="TOPIC", shell_complete=ids_of("topic"))
@as_of_option
@quotes_option
@basis_option
@view_options
def topic_command(
    topic_id: str, as_of: PartialDate | None, quotes: bool, bases: tuple[str, ...], positions: Path | None, format_: str
) -> None:
    """A topic's proposition and every actor's stance on it, from support to oppose."""
    dataset = dataset_for_view(positions, bases)
    emit(views.topic_view(dataset, find_topic(dataset, topic_id), as_of, quotes), format_)


def choice_options(function: Any) -> Any:
    """--topic, --tag, --kind, --basis and --as-of: which stances agreement, blocs and contested weigh."""
    for option in (as_of_option, basis_option, kind_option, tag_option, topic_option):
        function = option(function)
    return function


def agreement_options(function: Any) -> Any:
    """--min-shared and --unweighted: how agreement is measured."""
    return min_shared_option(unweighted_option(function))


def coalition_input(
    positions: Path | None,
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
) -> tuple[Dataset, list[Topic], list[Actor]]:
    """The dataset, topics and actors (sorted by id) that agreement and blocs work on."""
    dataset = dataset_for_view(positions, bases)
    topics = select_topics(dataset, topic_ids, tags)
    if not topics:
        nothing_to_show(f"no topic has the tag {' or '.join(tags)}")
    actors = sorted(select_actors(dataset, actor_ids, kinds, topics, as_of), key=lambda a: a.id)
    if not actors:
        nothing_to_show(describe_choice("actor", kinds, as_of))
    return dataset, topics, actors


def measure(
    actors: list[Actor], topics: list[Topic], as_of: PartialDate | None, unweighted: bool, min_shared: int
) -> tuple[Holdings, Agreements]:
    """The actors' current stances as matrices, and every pair's agreement, as --unweighted and --min-shared say."""
    from .analysis.agreement import agreements, holdings  # numpy, loaded only where the maths needs it

    held = holdings(actors, topics, as_of)
    return held, agreements(held, not unweighted, min_shared)


@main.command("agreement")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...", shell_complete=ids_of("actor"))
@choice_options
@agreement_options
@ids_option
@view_options
def agreement_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    min_shared: int,
    unweighted: bool,
    ids: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """How far each pair of actors agrees: the ranked pairs, then the matrix in bloc order.

    Agreement is the mean closeness of two actors' positions over the topics
    both hold a stance on, weighted by salience (docs/views.md).
    """
    from .views import coalitions  # numpy, loaded only where the maths needs it

    _, topics, actors = coalition_input(positions, actor_ids, topic_ids, tags, kinds, bases, as_of)
    if len(actors) < 2:
        nothing_to_show(f"agreement takes two actors or more; only {actors[0].id} holds a stance on the topics shown")
    _, agreed = measure(actors, topics, as_of, unweighted, min_shared)
    emit(coalitions.agreement_view(agreed, leaf_order(agreed), as_of, ids), format_)


@main.command("blocs")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...", shell_complete=ids_of("actor"))
@choice_options
@agreement_options
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="The least mean agreement that keeps actors in one bloc.",
)
@ids_option
@view_options
def blocs_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    min_shared: int,
    unweighted: bool,
    threshold: float,
    ids: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """Coalitions: actors grouped by agreement, with what each bloc shares and what divides it from the others.

    Average-linkage clustering on 1 - agreement (docs/views.md).
    """
    from .views import coalitions  # numpy and scipy, loaded only where used

    _, topics, actors = coalition_input(positions, actor_ids, topic_ids, tags, kinds, bases, as_of)
    held, agreed = measure(actors, topics, as_of, unweighted, min_shared)
    emit(coalitions.blocs_view(find_blocs(held, agreed, threshold), agreed, as_of, ids), format_)


@main.command("contested")
@choice_options
@ids_option
@view_options
def contested_command(
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    ids: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """Fault lines: topics ranked by how divided the actors are, with the actors at each pole.

    The measure is Van der Eijk's agreement A for ordered scales (docs/views.md).
    """
    from .views import coalitions

    _, topics, actors = coalition_input(positions, (), topic_ids, tags, kinds, bases, as_of)
    names = {a.id: a.name for a in actors}
    emit(coalitions.contested_view(fault_lines(actors, topics, as_of), names, as_of, ids), format_)


@main.command("timeline")
@click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...", shell_complete=ids_of("actor"))
@topic_option
@tag_option
@basis_option
@since_option
@until_option
@quotes_option
@view_options
def timeline_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    bases: tuple[str, ...],
    since: PartialDate | None,
    until: PartialDate | None,
    quotes: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """Stances in date order, each shift of position marked with its move on the scale.

    Without ACTOR, every actor's.
    """
    dataset = dataset_for_view(positions, bases, since, until)
    topics = select_topics(dataset, topic_ids, tags)
    actors = select_actors(dataset, actor_ids, topics=topics)
    if not actors or not topics:
        nothing_to_show("no stance is left by the choices made")
    emit(views.timeline_view(dataset, actors, topics, quotes), format_)


@main.command("search")
@click.argument("text")
@click.option(
    "--in",
    "areas",
    multiple=True,
    type=click.Choice(list(AREAS)),
    help="Only there (repeat for more): " + "; ".join(f"{name}: {what}" for name, what in AREAS.items()) + ".",
)
@positions_option
@format_option(SEARCH_FORMATS)
def search_command(text: str, areas: tuple[str, ...], positions: Path | None, format_: str) -> None:
    """Every actor, topic, stance, quote and note that mentions TEXT, each as file:line:column.

    Case, accents and width are ignored ("cafe" finds "Café"). Exit status, as
    grep's: 0 when something was found, 1 when nothing was, 2 on trouble.
    """
    if not text.strip():
        raise Failure("search needs some text to look for")
    hits = search(dataset_for_view(positions), text, areas)
    emit(search_view(hits, text, areas), format_, SEARCH_FORMATS)
    sys.exit(0 if hits else 1)


@main.command("report")
@click.option(
    "-o",
    "--output",
    default="stancediff-report.html",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The HTML file to write; - for stdout.",
)
@as_of_option
@click.option("--title", help="The page's title (default: Who stands where).")
@click.option("--force", is_flag=True, help="Overwrite FILE even when it is not a report stancediff wrote.")
@positions_option
def report_command(
    output: Path, as_of: PartialDate | None, title: str | None, force: bool, positions: Path | None
) -> None:
    """Write one self-contained HTML page: pictures, tables and every stance's evidence.

    The page makes no network request and reads without JavaScript; open it in
    any browser, or send it as it is. It replaces a report written before, and
    nothing else unless --force.
    """
    from .report import content as report_content  # Jinja2, loaded only for the report
    from .report import html as report_html

    reading = read_dataset(find_positions(positions))
    shown = for_views(reading)  # the views' dataset: duplicates and unknown references left out, and said
    for warning in shown.warnings:
        click.echo(warning, err=True)
    errors = sum(p.severity == "error" for p in reading.problems)
    page = report_html.render(report_content.build(shown.dataset, title, as_of, errors))
    if str(output) == "-":
        click.echo(page, nl=False)
    else:
        report_html.write(output, page, force)
        click.echo(f"wrote {output}", err=True)


@main.command("changes")
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


@main.command("quote")
@click.argument("words", nargs=-1, required=True, metavar="[SOURCE] TEXT", shell_complete=ids_of("source"))
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts, instead of the `archive:` that sources.yaml names.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(QUOTE_FORMATS)),
    default="text",
    show_default=True,
    help="text: each match in its context, then the evidence entry; json: the same for programs.",
)
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
        click.echo(f"warning: {unread.file}:{unread.line}:{unread.column}: {unread.message}", err=True)
    write_paged(lambda stream: QUOTE_FORMATS[format_](finding, stream), sys.stdout, paging())
    sys.exit(0 if any(match.exact for match in finding.matches) else 1)


@main.command("export")
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(EXPORTS)),
    required=True,
    help="; ".join(f"{name} ({entry.help})" for name, entry in EXPORTS.items()) + ".",
)
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PATH",
    help=f"The file to write (a folder for datapackage); {STDOUT} for stdout (csv and json).",
)
@click.option(
    "--as-of",
    type=DateType(),
    help="Only the stances dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD); current means current then.",
)
@click.option("--force", is_flag=True, help="Replace PATH if it exists (a folder only if it holds a data package).")
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts; every quote is checked against its source first.",
)
@positions_option
def export_command(
    format_: str,
    output: str,
    as_of: PartialDate | None,
    force: bool,
    sources_dir: Path | None,
    positions: Path | None,
) -> None:
    """Write the dataset as SQLite, CSV, a Frictionless data package or JSON (docs/exports.md).

    Checks the dataset first, as validate does, and writes nothing when it has
    errors (exit 1). Writes to a temporary file beside
    PATH, renamed into place when whole.
    """
    report = export(find_positions(positions), format_, output, as_of, force, sys.stdout, sources_dir)
    if report.counts.errors:
        report_text(report, sys.stderr)
        click.echo("nothing exported: fix the errors above first", err=True)
        sys.exit(1)


@main.command("explain")
@click.argument("code", type=click.Choice(list(CATALOGUE)), metavar="CODE")
def explain_command(code: str) -> None:
    """What a problem code means and how to fix it (`stancediff docs problems` lists every code)."""
    entry = CATALOGUE[code]
    click.echo(f"{code} ({entry.severity}): {entry.title}\n\nmessage: {entry.template}\nfix: {entry.fix}")


@main.command("docs")
@click.argument("name", type=click.Choice(list(PAGES)), required=False, metavar="[PAGE]")
@output_options
def docs_command(name: str | None) -> None:
    """Print a page of the docs installed with stancediff: format, problems or views.

    Without PAGE, list the pages.
    """
    if name is None:
        for listed, about in PAGES.items():
            click.echo(f"{listed.ljust(10)}{about}")
        click.echo("\nstancediff docs PAGE prints one (through the pager on a terminal).")
        return
    text = page(name)
    write_paged(lambda stream: stream.write(text), sys.stdout, paging())


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


class _AddGroup(click.Group):
    """A write refused for problems in the data lists them and exits 1, as `validate` would.

    Other errors reach `main`, which makes them a message and exit status 2.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except Refused as refused:
            if not refused.problems:
                raise Failure(str(refused)) from None
            for found in refused.problems:
                click.echo(plain_line(found), err=True)
            click.echo(str(refused), err=True)
            sys.exit(1)


@main.group("add", cls=_AddGroup)
def add_group() -> None:
    """Add a topic, source, actor or stance, every key as an option.

    On a terminal, what is left out is asked for; otherwise a missing key is
    exit status 2. A file is changed only if the whole dataset still passes
    `validate` without errors (a stance's quotes checked against the archive),
    and every other byte of it is kept.
    """


def _curate() -> Any:
    """The `add` library, imported when an `add` command runs (ruamel.yaml need not load for the others)."""
    from .curation import add

    return add


def _wrote(added: Added, what: str) -> None:
    click.echo(f"added {what} {added.id}: " + ", ".join(display_path(path) for path in added.files))


sources_dir_option = click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts, instead of the `archive:` that sources.yaml names.",
)


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
    _curate().refuse_links(root, actor_id)
    dataset = read_dataset(root).dataset
    actor = find_actor(dataset, actor_id)
    values = ask.fill(spec.STANCE, values, {"topic": list(dataset.topic_ids)})
    if evidence:
        values["evidence"] = [{"source": source, "quote": quote} for source, quote in evidence]
    elif ask.interactive():
        values["evidence"] = ask.ask_evidence([s.id for s in dataset.source_ids.values() if s.file])
    else:
        raise ask.missing_evidence()
    added = _curate().add_stance(root, actor.id, values, sources_dir)
    _wrote(added, f"a stance on {values['topic']} ({values['date']}) to actor")


def run() -> None:
    """The `stancediff` console script.

    A run is short and builds large trees without reference cycles, which the
    cyclic garbage collector would traverse again and again for nothing (about
    0.6 s of 4.3 in validating the benchmark dataset, benchmarks/README.md), so
    it is off for the process; reference counting still frees everything.
    """
    gc.disable()
    # A reader that closes the pipe (`| head`) ends the program quietly, as it
    # ends git or cat: killed by SIGPIPE, not an error of ours, not exit 1.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # an ASCII terminal or locale: glyphs fall back, nothing fails
        never_fail(stream)
    main()
