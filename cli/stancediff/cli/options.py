"""Every option the commands share, each declared once.

A command module takes its options from here; a `--format` option is built
from its registry (`format_option`), so its choices and help come from the
renderers themselves. Options that only one command takes stay with it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click
from click.shell_completion import CompletionItem

from ..analysis.order import GROUPS, SORTS
from ..completion import complete, dataset_kinds
from ..format.dataset import ENV_VAR
from ..format.model import PartialDate
from ..format.spec import ACTOR_KINDS, BASES
from ..render.console import COLOR_MODES, set_color
from ..render.registry import Described, format_help

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

POSITIONS_HELP = f"The dataset folder (default: ${ENV_VAR}, else the nearest positions/ upwards)."
COLOR_HELP = "Style the output: auto (on a terminal, unless NO_COLOR is set), always or never."


# --- output: --color and --no-pager, before or after the command's name ---


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


no_pager_option = click.option(
    "--no-pager", is_flag=True, callback=_pager_or_the_groups, expose_value=False, help="Never page the output."
)


def output_options(function: F) -> F:
    """--color and --no-pager, which every command takes, before or after its name."""
    function = no_pager_option(function)
    return click.option(
        "--color", type=click.Choice(COLOR_MODES), callback=_color_or_the_groups, expose_value=False, help=COLOR_HELP
    )(function)


# --- the dataset ---


def _positions_or_the_groups(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """A command's --positions, else the one given before the command (`stancediff --positions DIR compare`)."""
    if value is None:
        return ctx.find_root().params.get("positions")
    return value


def positions_option(function: F) -> F:
    """--positions, and the output options, which every command that reads a dataset takes."""
    function = output_options(function)
    return click.option(
        "--positions", type=click.Path(path_type=Path), callback=_positions_or_the_groups, help=POSITIONS_HELP
    )(function)


sources_dir_option = click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts, instead of the `archive:` that sources.yaml names.",
)


# --- formats ---


def format_option(formats: Mapping[str, Described], default: str | None = "", required: bool = False) -> Decorator:
    """--format, its choices and help from a registry; the default is the registry's first unless given.

    `default=None` leaves the choice to the command (validate's depends on where it runs).
    """
    chosen = next(iter(formats)) if default == "" else default
    return click.option(
        "--format",
        "format_",
        type=click.Choice(list(formats)),
        default=chosen,
        required=required,
        show_default=chosen is not None,
        help=format_help(formats),
    )


# --- dates ---


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        date = PartialDate.parse(value)
        if date is None:
            self.fail(f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)
        return date


as_of_option = click.option(
    "--as-of",
    type=DateType(),
    help="As it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD): only stances dated on or before it, "
    "each actor's latest then being current.",
)
since_option = click.option("--since", type=DateType(), help="Only stances dated on or after DATE.")
until_option = click.option("--until", type=DateType(), help="Only stances dated on or before DATE.")


# --- choosing actors, topics and stances ---


def ids_of(kind: str) -> Callable[[click.Context, click.Parameter, str], list[CompletionItem]]:
    """A `shell_complete` for an argument or option that takes an id of `kind`: actor, topic or source.

    For `quote`'s words, only the first is a source's id.
    """

    def shell_complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        if kind == "source" and ctx.params.get(param.name or ""):
            return []
        positions = ctx.params.get("positions") or ctx.find_root().params.get("positions")
        return [CompletionItem(id_, help=name or None) for id_, name in complete(positions, kind, incomplete)]

    return shell_complete


def no_commas(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Refuse `--topic a,b`: ids never hold a comma, and the option is repeated instead."""
    for value in values:
        if "," in value:
            repeated = " ".join(f"{param.opts[0]} {part.strip()}" for part in value.split(",") if part.strip())
            raise click.BadParameter(f"ids never hold a comma; repeat the option instead: {repeated}")
    return values


def actors_argument(function: F) -> F:
    """[ACTOR]...: the actors named, else every actor with a stance on the topics shown."""
    return click.argument("actor_ids", nargs=-1, metavar="[ACTOR]...", shell_complete=ids_of("actor"))(function)


def topic_option(help: str = "Only this topic (repeat for more).") -> Decorator:
    return click.option(
        "--topic", "topic_ids", multiple=True, callback=no_commas, shell_complete=ids_of("topic"), help=help
    )


tag_option = click.option("--tag", "tags", multiple=True, help="Only topics with this tag (repeat for more).")


def _kinds(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The dataset's actor kinds (`actor_kinds` in sources.yaml, else the format's own) that `incomplete` begins."""
    positions = ctx.params.get("positions") or ctx.find_root().params.get("positions")
    return [CompletionItem(kind) for kind in dataset_kinds(positions) if kind.startswith(incomplete)]


kind_option = click.option(
    "--kind",
    "kinds",
    multiple=True,
    callback=no_commas,
    shell_complete=_kinds,
    help="Only actors of this kind (repeat for more): one of the dataset's `actor_kinds`, by default "
    + ", ".join(ACTOR_KINDS)
    + ".",
)
basis_option = click.option(
    "--basis", "bases", multiple=True, type=click.Choice(BASES), help="Only stances of this basis (repeat for more)."
)
quotes_option = click.option("--quotes", is_flag=True, help="Add the quotes under each summary, each with its source.")
long_option = click.option(
    "--long",
    is_flag=True,
    help="Each row with its summary, as cards where the terminal is narrow (default: one line each).",
)
ids_option = click.option("--ids", is_flag=True, help="Label actors and topics by id instead of name and title.")
sort_option = click.option(
    "--sort",
    default="bloc",
    show_default=True,
    metavar="|".join((*SORTS, "TOPIC")),
    help="Order actors: agreeing actors side by side (bloc), by name, by kind, or by position on TOPIC.",
)
group_option = click.option(
    "--group", type=click.Choice(GROUPS), help="A table for each kind, or each actor with its parts."
)


def choice_options(function: F) -> F:
    """--topic, --tag, --kind, --basis and --as-of: which stances agreement, blocs and contested weigh."""
    for option in (as_of_option, basis_option, kind_option, tag_option, topic_option()):
        function = option(function)
    return function


def agreement_options(min_shared: int, help: str) -> Decorator:
    """--min-shared (its default and meaning the command's) and --unweighted: how agreement is measured."""

    def decorate(function: F) -> F:
        function = click.option(
            "--unweighted", is_flag=True, help="Count every shared topic the same, whatever its salience."
        )(function)
        return click.option(
            "--min-shared", type=click.IntRange(min=1), default=min_shared, show_default=True, help=help
        )(function)

    return decorate
