"""`stancediff network`: the DNA's congruence and conflict networks, read back with networkx, GEXF against its XSD."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import xmlschema

from conftest import PROJECT, TESTS, invoke
from stancediff.format.dataset import read_dataset

GEXF_XSD = TESTS / "schemas" / "gexf-1.2draft" / "gexf.xsd"

TOPICS = """topics:
  - id: t1
    title: Topic one
    proposition: One.
  - id: t2
    title: Topic two
    proposition: Two.
  - id: t3
    title: Topic three
    proposition: Three.
"""
SOURCES = """sources:
  - id: s
    title: A source
    date: 2020
"""


def stance(topic: str, position: str, date: str = "2020-01-01") -> str:
    return (
        f"  - topic: {topic}\n    position: {position}\n    date: {date}\n    basis: stated\n"
        f"    summary: On {topic}.\n    evidence:\n      - source: s\n        quote: Said so about {topic}.\n"
    )


def actor(actor_id: str, name: str, *stances: str) -> str:
    return f"id: {actor_id}\nname: {name}\nkind: government\nstances:\n" + "".join(stances)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A: for t1, against t2, for t3; B: for t1, against t2, against t3; C: against t1, neutral on t2.

    A's activity (sided stances) is 3, B's 3, C's 1: C's neutral stance takes no side.
    A's earlier stance on t3 (against) is superseded, and must tie nobody.
    """
    root = tmp_path / "positions"
    (root / "actors").mkdir(parents=True)
    (root / "topics.yaml").write_text(TOPICS)
    (root / "sources.yaml").write_text(SOURCES)
    (root / "actors" / "a.yaml").write_text(
        actor(
            "a",
            "Actor A",
            stance("t1", "support"),
            stance("t2", "oppose"),
            stance("t3", "oppose", "2019"),
            stance("t3", "lean-support"),
        )
    )
    (root / "actors" / "b.yaml").write_text(
        actor("b", "Actor B", stance("t1", "lean-support"), stance("t2", "oppose"), stance("t3", "oppose"))
    )
    (root / "actors" / "c.yaml").write_text(actor("c", "Actor C", stance("t1", "oppose"), stance("t2", "neutral")))
    return root


def network(root: Path, *args: str) -> dict:
    result = invoke("network", "--positions", str(root), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def weights(document: dict) -> dict[tuple[str, str], float]:
    return {(e["source"], e["target"]): e["weight"] for e in document["edges"]}


# The weights, worked out by hand from the manual's definitions.
CONGRUENCE = {  # only a and b share sides: t1 (for) and t2 (against); count 2, activities 3 and 3, 2 sides matched
    "count": {("a", "b"): 2.0},
    "average": {("a", "b"): 2 / 3},  # 2 / ((3 + 3) / 2)
    "jaccard": {("a", "b"): 0.5},  # 2 / ((3 - 2) + (3 - 2) + 2)
    "cosine": {("a", "b"): 2 / 9},  # 2 / (3 * 3), as the manual writes it
}
CONFLICT = {  # a-b on t3, a-c on t1, b-c on t1: each count 1
    "count": {("a", "b"): 1.0, ("a", "c"): 1.0, ("b", "c"): 1.0},
    "average": {("a", "b"): 1 / 3, ("a", "c"): 0.5, ("b", "c"): 0.5},
    "jaccard": {("a", "b"): 0.25, ("a", "c"): 0.25, ("b", "c"): 0.25},  # a-b: 1/(1+1+2); a-c: 1/(3+1+0)
    "cosine": {("a", "b"): 1 / 9, ("a", "c"): 1 / 3, ("b", "c"): 1 / 3},
}


@pytest.mark.parametrize("normalization", ["count", "average", "jaccard", "cosine"])
def test_congruence_weights_as_the_dna_manual_defines_them(small: Path, normalization: str) -> None:
    document = network(small, "--normalization", normalization)
    assert weights(document) == pytest.approx(CONGRUENCE[normalization])


@pytest.mark.parametrize("normalization", ["count", "average", "jaccard", "cosine"])
def test_conflict_weights_as_the_dna_manual_defines_them(small: Path, normalization: str) -> None:
    document = network(small, "--relation", "conflict", "--normalization", normalization)
    assert weights(document) == pytest.approx(CONFLICT[normalization])


def test_every_edge_names_its_topics_and_stances(small: Path) -> None:
    (edge,) = network(small)["edges"]
    assert edge["topic_ids"] == ["t1", "t2"]
    assert edge["count"] == 2
    assert edge["stance_ids"] == ["a:t1:2020-01-01", "b:t1:2020-01-01", "a:t2:2020-01-01", "b:t2:2020-01-01"]
    conflict = {(e["source"], e["target"]): e for e in network(small, "--relation", "conflict")["edges"]}
    assert conflict[("a", "b")]["stance_ids"] == ["a:t3:2020-01-01", "b:t3:2020-01-01"]  # not a's of 2019


def test_as_of_takes_the_stances_current_then(small: Path) -> None:
    before = network(small, "--relation", "conflict", "--as-of", "2019-06")
    assert before["edges"] == []  # in 2019 only a held a stance
    assert [n["id"] for n in before["nodes"]] == ["a"]
    assert before["graph"]["as_of"] == "2019-06"


def test_nodes_carry_name_kind_bloc_and_stance_count(small: Path) -> None:
    nodes = {n["id"]: n for n in network(small)["nodes"]}
    assert nodes["c"] == {
        "id": "c",
        "label": "Actor C",
        "name": "Actor C",
        "mode": "actor",
        "kind": "government",
        "bloc": nodes["c"]["bloc"],
        "stance_count": 2,  # the neutral stance counts among its stances, though it ties no one
    }
    assert nodes["a"]["stance_count"] == 3  # current stances only
    assert {n["bloc"] for n in nodes.values()} >= {1}


def test_selection_by_topic_and_actor(small: Path) -> None:
    only_t3 = network(small, "--relation", "conflict", "--topic", "t3")
    assert weights(only_t3) == {("a", "b"): 1.0}
    assert {n["id"] for n in only_t3["nodes"]} == {"a", "b"}
    chosen = network(small, "--relation", "conflict", "a", "c")
    assert weights(chosen) == {("a", "c"): 1.0}


def test_two_mode_an_edge_per_current_stance(small: Path) -> None:
    document = network(small, "--two-mode")
    assert document["graph"] == {"network": "two-mode"}
    edges = {(e["source"], e["target"]): e for e in document["edges"]}
    assert len(edges) == 8  # a 3, b 3, c 2 (its neutral stance too)
    assert edges[("actor:a", "topic:t3")] == {
        "source": "actor:a",
        "target": "topic:t3",
        "position": "lean-support",
        "value": 1,
        "date": "2020-01-01",
        "basis": "stated",
        "topic_ids": ["t3"],
        "stance_ids": ["a:t3:2020-01-01"],
    }
    modes = {n["id"]: n["mode"] for n in document["nodes"]}
    assert modes["topic:t1"] == "topic" and modes["actor:a"] == "actor"
    assert next(n for n in document["nodes"] if n["id"] == "topic:t1")["stance_count"] == 3


def test_two_mode_refuses_one_mode_options(small: Path) -> None:
    result = invoke("network", "--positions", str(small), "--two-mode", "--normalization", "jaccard")
    assert result.exit_code == 2
    assert "--normalization apply to the one-mode network only" in result.stderr


def test_graphml_read_back_by_networkx(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "net.graphml"
    result = invoke("network", "--positions", str(small), "--format", "graphml", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(target)
    assert sorted(graph.nodes) == ["a", "b", "c"]
    assert graph.nodes["a"]["name"] == "Actor A" and graph.nodes["a"]["stance_count"] == 3
    assert graph.edges["a", "b"]["weight"] == 2.0
    assert graph.edges["a", "b"]["topic_ids"] == "t1; t2"
    assert graph.graph["relation"] == "congruence"


def test_gexf_valid_against_its_schema_and_read_back(small: Path, tmp_path: Path) -> None:
    schema = xmlschema.XMLSchema(GEXF_XSD)
    for args in ((), ("--two-mode",), ("--relation", "conflict", "--normalization", "cosine")):
        target = tmp_path / f"net{len(args)}.gexf"
        result = invoke("network", "--positions", str(small), "--format", "gexf", "-o", str(target), *args)
        assert result.exit_code == 0, result.stderr
        schema.validate(target)
        graph = nx.read_gexf(target)
        assert graph.number_of_edges() == len(network(small, *args)["edges"])
    graph = nx.read_gexf(tmp_path / "net0.gexf")
    assert graph.nodes["a"]["label"] == "Actor A"
    assert graph.edges["a", "b"]["weight"] == 2.0
    assert graph.edges["a", "b"]["stance_ids"].split("; ")[0] == "a:t1:2020-01-01"


def test_gexf_of_the_shipped_dataset_is_valid(tmp_path: Path) -> None:
    target = tmp_path / "huawei.gexf"
    result = invoke("network", "--positions", str(PROJECT / "positions"), "--format", "gexf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    xmlschema.XMLSchema(GEXF_XSD).validate(target)
    holding = {stance.actor for stance in read_dataset(PROJECT / "positions").dataset.stances}
    assert nx.read_gexf(target).number_of_nodes() == len(holding)


def test_json_is_networkx_node_link(small: Path) -> None:
    document = network(small, "--relation", "conflict")
    assert (document["format"], document["version"]) == ("stancediff-network", 1)
    graph = nx.node_link_graph(document, edges="edges")
    assert graph.edges["a", "c"]["topic_ids"] == ["t1"]
    assert graph.nodes["b"]["name"] == "Actor B"


def test_csv_edge_list(small: Path) -> None:
    result = invoke("network", "--positions", str(small), "--format", "csv", "--relation", "conflict")
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert [(r["source"], r["target"], r["source_name"], r["weight"], r["count"]) for r in rows] == [
        ("a", "b", "Actor A", "1.0", "1"),
        ("a", "c", "Actor A", "1.0", "1"),
        ("b", "c", "Actor B", "1.0", "1"),
    ]
    assert rows[0]["stance_ids"] == "a:t3:2020-01-01; b:t3:2020-01-01"


def test_refuses_to_overwrite_without_force(small: Path, tmp_path: Path) -> None:
    target = tmp_path / "net.json"
    target.write_text("mine")
    result = invoke("network", "--positions", str(small), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text() == "mine"
    result = invoke("network", "--positions", str(small), "--format", "json", "-o", str(target), "--force")
    assert result.exit_code == 0
    assert json.loads(target.read_text())["format"] == "stancediff-network"


def test_names_with_characters_xml_cannot_hold_stay_valid(small: Path, tmp_path: Path) -> None:
    topics = small / "topics.yaml"
    topics.write_text(topics.read_text().replace("title: Topic one", 'title: "Topic \\x01 <one> & \\"two\\""'))
    target = tmp_path / "net.gexf"
    result = invoke("network", "--positions", str(small), "--two-mode", "--format", "gexf", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    xmlschema.XMLSchema(GEXF_XSD).validate(target)
    assert nx.read_gexf(target).nodes["topic:t1"]["label"] == 'Topic \\x01 <one> & "two"'
