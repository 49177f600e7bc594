"""A network (`analysis.network`) for network tools: GraphML and GEXF written by networkx, a CSV edge list, JSON.

The node and edge attributes are the same in every format (docs/views.md,
*network*): nodes `label` and `name` (an actor's name, a topic's title),
`mode` (actor or topic), `kind` and `bloc` (actors), `stance_count`; edges
`weight` and `count` (one-mode), `position`, `value`, `date` and `basis`
(two-mode), and always `topic_ids` and `stance_ids`, the topics and stances
the edge rests on. GraphML and GEXF hold no lists: there the ids are joined
by "; ", as in the CSV; JSON keeps them as arrays. An attribute a node does
not have (a topic's `bloc`) is left out rather than written empty.

networkx (imported here only) writes GraphML and GEXF as visone, Gephi,
igraph and networkx itself read them; hand-written XML would have to follow
both schemas and their type declarations, which networkx already does.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ..analysis.network import Edge, Network, Node
from ..render.csv import inert
from ..text import escape
from .atomic import write_file
from .run import STDOUT
from .tidy import JOIN

if TYPE_CHECKING:
    import networkx as nx

FORMAT = "stancediff-network"
VERSION = 1

# Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE and U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def node_attributes(node: Node) -> dict[str, Any]:
    """A node's attributes, those it has only."""
    attributes: dict[str, Any] = {"label": node.name, "name": node.name, "mode": node.mode, "kind": node.kind}
    attributes |= {"bloc": node.bloc, "stance_count": node.stance_count}
    return {key: value for key, value in attributes.items() if value is not None}


def edge_attributes(edge: Edge, lists: bool) -> dict[str, Any]:
    """An edge's attributes, those it has only; the ids as lists, or joined when not `lists`."""
    attributes: dict[str, Any] = {"weight": edge.weight, "count": edge.count if edge.weight is not None else None}
    attributes |= {"position": edge.position, "value": edge.value, "date": edge.date, "basis": edge.basis}
    topics, stances = list(edge.topic_ids), list(edge.stance_ids)
    attributes |= {"topic_ids": topics if lists else JOIN.join(topics)}
    attributes |= {"stance_ids": stances if lists else JOIN.join(stances)}
    return {key: value for key, value in attributes.items() if value is not None}


def graph_attributes(network: Network) -> dict[str, Any]:
    """What the graph is: `network` (one-mode or two-mode), `relation`, `normalization`, `as_of`.

    Not `mode`, which GEXF reads as static or dynamic.
    """
    attributes = {"network": network.mode, "relation": network.relation, "normalization": network.normalization}
    attributes["as_of"] = None if network.as_of is None else str(network.as_of)
    return {key: value for key, value in attributes.items() if value is not None}


def to_networkx(network: Network, xml: bool = False) -> nx.Graph:
    """The network as an undirected networkx graph; with `xml`, text made such that XML can hold it."""
    import networkx as nx

    def clean(value: Any) -> Any:
        return _NOT_XML.sub(lambda m: escape(m.group()), value) if xml and isinstance(value, str) else value

    graph = nx.Graph(**graph_attributes(network))
    for node in network.nodes:
        graph.add_node(node.id, **{key: clean(value) for key, value in node_attributes(node).items()})
    for edge in network.edges:
        graph.add_edge(edge.source, edge.target, **edge_attributes(edge, lists=False))
    return graph


def write_graphml(network: Network, stream: TextIO) -> None:
    import networkx as nx

    for line in nx.generate_graphml(to_networkx(network, xml=True), encoding="utf-8", prettyprint=True):
        stream.write(line + "\n")


def write_gexf(network: Network, stream: TextIO) -> None:
    """GEXF 1.2draft, as networkx writes it but for the graph's empty `name`, which the schema does not allow."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(to_networkx(network, xml=True))
    for graph in writer.xml.iter("graph"):
        if not graph.get("name"):
            graph.attrib.pop("name", None)
    stream.write(str(writer))


EDGE_COLUMNS = (
    "source",
    "target",
    "source_name",
    "target_name",
    "weight",
    "count",
    "position",
    "value",
    "date",
    "basis",
    "topic_ids",
    "stance_ids",
)


def write_csv(network: Network, stream: TextIO) -> None:
    """The edge list, a row per edge with both ends' names; text cells guarded against spreadsheet formulas."""
    names = {node.id: node.name for node in network.nodes}
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for edge in network.edges:
        attributes = edge_attributes(edge, lists=False)
        row = {"source": edge.source, "target": edge.target}
        row |= {"source_name": names[edge.source], "target_name": names[edge.target], **attributes}
        writer.writerow([_cell(row.get(column)) for column in EDGE_COLUMNS])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return inert(value) if isinstance(value, str) else value


def document(network: Network) -> dict[str, Any]:
    """The network as networkx's node-link JSON (`nx.node_link_graph(doc, edges="edges")` reads it), versioned."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "directed": False,
        "multigraph": False,
        "graph": graph_attributes(network),
        "nodes": [{"id": node.id, **node_attributes(node)} for node in network.nodes],
        "edges": [
            {"source": edge.source, "target": edge.target, **edge_attributes(edge, lists=True)}
            for edge in network.edges
        ],
    }


def write_json(network: Network, stream: TextIO) -> None:
    json.dump(document(network), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


@dataclass(frozen=True)
class GraphFormat:
    write: Callable[[Network, TextIO], None]
    help: str


GRAPH_FORMATS: dict[str, GraphFormat] = {
    "graphml": GraphFormat(write_graphml, "GraphML, for visone, Gephi, igraph, networkx"),
    "gexf": GraphFormat(write_gexf, "GEXF 1.2, for Gephi"),
    "csv": GraphFormat(write_csv, "the edge list, for a spreadsheet or a network tool's import"),
    "json": GraphFormat(write_json, "networkx's node-link JSON, for programs"),
}


def write_network(network: Network, name: str, output: str, force: bool, stdout: TextIO) -> None:
    """Write `network` in format `name` to `output` (`-`: `stdout`), whole or not at all, as the exports do."""
    chosen = GRAPH_FORMATS[name]
    if output == STDOUT:
        chosen.write(network, stdout)
        return

    def fill(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            chosen.write(network, stream)

    write_file(Path(output), fill, force)
