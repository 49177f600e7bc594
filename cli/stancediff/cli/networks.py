"""Discourse networks for network tools: `stancediff network`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from ..analysis.network import NORMALIZATIONS, RELATIONS, bloc_numbers, one_mode, two_mode
from ..export.graph import GRAPH_FORMATS, write_network
from ..format.model import PartialDate
from .coalitions import chosen_by_id
from .options import actors_argument, choice_options, format_option, positions_option


@click.command("network")
@actors_argument
@choice_options
@click.option(
    "--two-mode",
    "two_mode_",
    is_flag=True,
    help="Actors and topics, an edge for each current stance, instead of actors tied to actors.",
)
@click.option(
    "--relation",
    type=click.Choice(RELATIONS),
    default="congruence",
    show_default=True,
    help="Tie actors on the same side of a topic (congruence) or on opposite sides (conflict).",
)
@click.option(
    "--normalization",
    type=click.Choice(NORMALIZATIONS),
    default="count",
    show_default=True,
    help="An edge's weight: the topics it rests on, or that count divided by the two actors' activity "
    "(average, jaccard or cosine, as the Discourse Network Analyzer defines them).",
)
@format_option(GRAPH_FORMATS)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="The file to write; - for stdout.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@positions_option
def network_command(
    actor_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    tags: tuple[str, ...],
    kinds: tuple[str, ...],
    bases: tuple[str, ...],
    as_of: PartialDate | None,
    two_mode_: bool,
    relation: str,
    normalization: str,
    format_: str,
    output: str,
    force: bool,
    positions: Path | None,
) -> None:
    """The discourse network: actors tied by the sides they take, for Gephi, visone, igraph or networkx.

    One-mode (the default): an edge for each pair of actors on the same side
    of a topic (congruence) or on opposite sides (conflict), weighted by how
    many topics tie them, or normalised as the Discourse Network Analyzer
    does. --two-mode: actors and topics, an edge for each current stance.
    Every edge lists the topics and stance ids it rests on (docs/views.md).
    """
    source = click.get_current_context().get_parameter_source
    given = [f"--{name}" for name in ("relation", "normalization") if source(name) != ParameterSource.DEFAULT]
    if two_mode_ and given:
        raise click.UsageError(f"{' and '.join(given)} apply to the one-mode network only; leave out --two-mode")
    chosen = chosen_by_id(positions, actor_ids, topic_ids, tags, kinds, bases, as_of)
    blocs = bloc_numbers(chosen.actors, chosen.topics, as_of)
    if two_mode_:
        network = two_mode(chosen.actors, chosen.topics, as_of, blocs)
    else:
        network = one_mode(chosen.actors, chosen.topics, as_of, relation, normalization, blocs)
    write_network(network, format_, output, force, sys.stdout)
    if output != "-":
        click.echo(f"wrote {output}: {len(network.nodes)} nodes, {len(network.edges)} edges", err=True)


COMMANDS = (network_command,)
