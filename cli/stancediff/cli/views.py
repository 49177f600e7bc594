"""The views of positions: compare, diff, show, topic, timeline, and search across the dataset."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis.choose import choose, view_dataset
from ..analysis.order import group_actors, order_actors
from ..analysis.search import AREAS, search
from ..analysis.select import find_actor, find_topic, select_actors, select_topics
from ..errors import NothingToShow, StancediffError
from ..format.model import PartialDate
from ..render.formats import FORMATS, SEARCH_FORMATS
from ..views import positions as views
from ..views.search import search_view
from .options import (
    actors_argument,
    as_of_option,
    basis_option,
    format_option,
    group_option,
    ids_of,
    ids_option,
    kind_option,
    long_option,
    positions_option,
    quotes_option,
    since_option,
    sort_option,
    tag_option,
    topic_option,
    until_option,
)
from .output import emit, warn


@click.command("compare")
@actors_argument
@topic_option()
@tag_option
@kind_option
@basis_option
@as_of_option
@sort_option
@group_option
@ids_option
@click.option("--all", "every", is_flag=True, help="Keep actors and topics with no stance shown.")
@positions_option
@format_option(FORMATS)
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
    shown = view_dataset(positions, bases)
    warn(shown.warnings)
    chosen = choose(shown.dataset, actor_ids, topic_ids, tags, kinds, as_of)
    ordered = order_actors(chosen.actors, chosen.topics, sort, as_of, shown.dataset.actor_kinds)
    groups = group_actors(ordered, group, {a.id: a.name for a in shown.dataset.actors}) if group else []
    emit(views.compare_view(shown.dataset, ordered, chosen.topics, as_of, ids, groups, every), format_, FORMATS)


@click.command("diff")
@click.argument("actor_a", metavar="ACTOR_A", shell_complete=ids_of("actor"))
@click.argument("actor_b", metavar="ACTOR_B", shell_complete=ids_of("actor"))
@quotes_option
@basis_option
@as_of_option
@ids_option
@positions_option
@format_option(FORMATS)
def diff_command(
    actor_a: str,
    actor_b: str,
    quotes: bool,
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    ids: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """Two actors side by side, topic by topic, with their agreement score."""
    shown = view_dataset(positions, bases)
    warn(shown.warnings)
    a, b = select_actors(shown.dataset, (actor_a, actor_b))
    emit(views.diff_view(shown.dataset, a, b, as_of, quotes, ids), format_, FORMATS)


@click.command("show")
@click.argument("actor_id", metavar="ACTOR", shell_complete=ids_of("actor"))
@topic_option("Only the history on this topic.")
@ids_option
@positions_option
@format_option(FORMATS)
def show_command(actor_id: str, topic_ids: tuple[str, ...], ids: bool, positions: Path | None, format_: str) -> None:
    """An actor's profile: every stance with its date, status, speaker, basis, quotes and sources.

    With --topic, the actor's history on that topic: each stance, the current
    one and those it superseded.
    """
    shown = view_dataset(positions)
    warn(shown.warnings)
    actor = find_actor(shown.dataset, actor_id)
    topics = [find_topic(shown.dataset, t) for t in topic_ids]
    if topics and not any(s.topic in {t.id for t in topics} for s in actor.stances):
        raise NothingToShow(f"{actor.id} has no stance on {', '.join(t.id for t in topics)}")
    emit(views.show_view(shown.dataset, actor, topics, ids), format_, FORMATS)


@click.command("topic")
@click.argument("topic_id", metavar="TOPIC", shell_complete=ids_of("topic"))
@as_of_option
@quotes_option
@basis_option
@ids_option
@long_option
@positions_option
@format_option(FORMATS)
def topic_command(
    topic_id: str,
    as_of: PartialDate | None,
    quotes: bool,
    bases: tuple[str, ...],
    ids: bool,
    long: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """A topic's proposition and every actor's stance on it, from support to oppose."""
    shown = view_dataset(positions, bases)
    warn(shown.warnings)
    topic = find_topic(shown.dataset, topic_id)
    emit(views.topic_view(shown.dataset, topic, as_of, quotes, ids, long), format_, FORMATS)


@click.command("timeline")
@actors_argument
@topic_option()
@tag_option
@basis_option
@since_option
@until_option
@quotes_option
@ids_option
@long_option
@positions_option
@format_option(FORMATS)
def timeline_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    bases: tuple[str, ...],
    since: PartialDate | None,
    until: PartialDate | None,
    quotes: bool,
    ids: bool,
    long: bool,
    positions: Path | None,
    format_: str,
) -> None:
    """Stances in date order, each shift of position marked with its move on the scale.

    Without ACTOR, every actor's.
    """
    shown = view_dataset(positions, bases, since, until)
    warn(shown.warnings)
    topics = select_topics(shown.dataset, topic_ids, tags)
    actors = select_actors(shown.dataset, actor_ids, topics=topics)
    if not actors or not topics:
        raise NothingToShow("no stance is left by the choices made")
    emit(views.timeline_view(shown.dataset, actors, topics, quotes, ids, long), format_, FORMATS)


@click.command("search")
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
        raise StancediffError("search needs some text to look for")
    shown = view_dataset(positions)
    warn(shown.warnings)
    hits = search(shown.dataset, text, areas)
    emit(search_view(hits, text, areas), format_, SEARCH_FORMATS)
    sys.exit(0 if hits else 1)


COMMANDS = (compare_command, diff_command, show_command, topic_command, timeline_command, search_command)
