"""Who sides with whom: agreement, blocs and contested (numpy and scipy load only when one runs)."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.blocs import DEFAULT_MIN_SHARED, DEFAULT_THRESHOLD
from ..analysis.choose import Chosen, choose, view_dataset
from ..errors import NothingToShow
from ..format.model import PartialDate
from ..render.formats import FORMATS
from .options import (
    actors_argument,
    agreement_options,
    choice_options,
    format_option,
    ids_option,
    positions_option,
)
from .output import emit, warn


def chosen_by_id(
    positions: Path | None,
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
) -> Chosen:
    """The topics and actors (sorted by id, so that results do not depend on the order typed) to weigh."""
    shown = view_dataset(positions, bases)
    warn(shown.warnings)
    chosen = choose(shown.dataset, actor_ids, topic_ids, tags, kinds, as_of)
    return Chosen(chosen.topics, sorted(chosen.actors, key=lambda a: a.id))


@click.command("agreement")
@actors_argument
@choice_options
@agreement_options(1, "Give no agreement to pairs resting on fewer shared topics.")
@ids_option
@click.option("--long", is_flag=True, help="Ten pairs at each end instead of five, and the matrix of every pair.")
@positions_option
@format_option(FORMATS)
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
    long: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """How far each pair of actors agrees: the ranked pairs, then the matrix in bloc order.

    Agreement is the mean closeness of two actors' positions over the topics
    both hold a stance on, weighted by salience, with its 95% interval
    (Wilson's); pairs sharing one topic only are listed apart (docs/views.md).
    """
    from ..analysis.agreement import measure  # numpy, loaded only where the maths needs it
    from ..analysis.blocs import leaf_order
    from ..views import coalitions

    chosen = chosen_by_id(positions, actor_ids, topic_ids, tags, kinds, bases, as_of)
    if len(chosen.actors) < 2:
        raise NothingToShow(
            f"agreement takes two actors or more; only {chosen.actors[0].id} holds a stance on the topics shown"
        )
    held, agreed = measure(chosen.actors, chosen.topics, as_of, not unweighted, min_shared)
    emit(coalitions.agreement_view(held, agreed, leaf_order(agreed), as_of, ids, long), format_, FORMATS)


@click.command("blocs")
@actors_argument
@choice_options
@agreement_options(
    DEFAULT_MIN_SHARED,
    "Never put in one bloc two actors who share fewer topics (1 allows pairs on one topic, marked thin).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="The least mean agreement that keeps actors in one bloc.",
)
@ids_option
@positions_option
@format_option(FORMATS)
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

    Average-linkage clustering on 1 - agreement; no bloc holds two actors who
    share fewer than --min-shared topics (docs/views.md).
    """
    from ..analysis.agreement import measure  # numpy and scipy, loaded only where used
    from ..analysis.blocs import find_blocs
    from ..views import coalitions

    chosen = chosen_by_id(positions, actor_ids, topic_ids, tags, kinds, bases, as_of)
    held, agreed = measure(chosen.actors, chosen.topics, as_of, not unweighted, 1)
    emit(coalitions.blocs_view(find_blocs(held, agreed, threshold, min_shared), agreed, as_of, ids), format_, FORMATS)


@click.command("contested")
@choice_options
@ids_option
@positions_option
@format_option(FORMATS)
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

    The measure is Van der Eijk's agreement A for ordered scales, with its 95%
    bootstrap interval; topics held by fewer than three actors are listed
    apart (docs/views.md).
    """
    from ..analysis.contested import fault_lines
    from ..views import coalitions

    chosen = chosen_by_id(positions, (), topic_ids, tags, kinds, bases, as_of)
    names = {a.id: a.name for a in chosen.actors}
    lines = fault_lines(chosen.actors, chosen.topics, as_of)
    emit(coalitions.contested_view(lines, names, as_of, ids), format_, FORMATS)


COMMANDS = (agreement_command, blocs_command, contested_command)
