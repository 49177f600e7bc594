"""What each view shows, on a small dataset whose answers are worked out by hand.

Positions now (and as of 2020-12):
    topic a: alice lean-oppose (support until 2021-06), bob support, carol oppose
    topic b: alice oppose, bob lean-oppose, carol oppose
    topic c: alice neutral (reported, with a condition), dave lean-support
    topic d: bob support (inferred)
alice and bob: a opposed (-1 vs +2), b differ (-2 vs -1), c only alice, d only bob;
agreement (1 - 3/4 + 1 - 1/4) / 2 = 0.50, and as of 2020-12 (1 + 0.75) / 2 = 0.88.
alice and carol: (0.75 + 1) / 2 = 0.88; bob and carol: (0 + 0.75) / 2 = 0.38;
alice and dave: 0.75 over 1; dave shares nothing with bob or carol.

Wilson's 95% interval of an agreement p over n topics (z = 1.96, z^2 = 3.8415):
(p + z^2/2n -+ z sqrt(p(1 - p)/n + z^2/4n^2)) / (1 + z^2/n). alice and carol, p = 0.875,
n = 2: centre (0.875 + 0.9604) / 2.9207 = 0.6284, half-width 1.96 x sqrt(0.0547 + 0.2401) / 2.9207 = 0.3643:
0.26 to 0.99. alice and dave, p = 0.75, n = 1: centre (0.75 + 1.9207) / 4.8415 = 0.5516,
half-width 1.96 x sqrt(0.1875 + 0.9604) / 4.8415 = 0.4337: 0.12 to 0.99.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import invoke
from stancediff.format.spec import POSITIONS
from stancediff.views.view import MEANINGS


def stance(topic: str, position: str, date: str, summary: str, basis: str = "stated", **extra: object) -> dict:
    return {
        "topic": topic,
        "position": position,
        "date": date,
        "basis": basis,
        "summary": summary,
        "evidence": [{"source": "paper", "quote": f"quote of {summary}"}],
        **extra,
    }


ACTORS = {
    "alice": [
        stance("a", "support", "2020-01", "Alice backs a."),
        stance("a", "lean-oppose", "2021-06", "Alice cools on a."),
        stance("b", "oppose", "2020", "Alice rejects b."),
        stance("c", "neutral", "2020-03", "Alice is torn on c.", "reported", conditions=["if funded"]),
    ],
    "bob": [
        stance("a", "support", "2020-05", "Bob backs a."),
        stance("b", "lean-oppose", "2020", "Bob doubts b."),
        stance("d", "support", "2020", "Bob acts for d.", "inferred"),
    ],
    "carol": [stance("a", "oppose", "2020", "Carol rejects a."), stance("b", "oppose", "2020", "Carol rejects b.")],
    "dave": [stance("c", "lean-support", "2020", "Dave leans to c.")],
}


def write_dataset(root: Path, actors: dict[str, list[dict]], topics: tuple[str, ...] = ("a", "b", "c", "d")) -> Path:
    positions = root / "positions"
    (positions / "actors").mkdir(parents=True)
    topic_list = [{"id": t, "title": f"Topic {t.upper()}", "proposition": f"Proposition {t}."} for t in topics]
    (positions / "topics.yaml").write_text(yaml.safe_dump({"topics": topic_list}))
    source = {
        "id": "paper",
        "title": "The paper",
        "publisher": "Daily",
        "date": "2021-06-30",
        "url": "https://example.org/paper",
    }
    (positions / "sources.yaml").write_text(yaml.safe_dump({"sources": [source]}))
    for actor_id, stances in actors.items():
        actor = {"id": actor_id, "name": actor_id.title(), "kind": "person", "stances": stances}
        (positions / "actors" / f"{actor_id}.yaml").write_text(yaml.safe_dump(actor, sort_keys=False))
    return positions


@pytest.fixture
def positions(tmp_path: Path) -> Path:
    return write_dataset(tmp_path, ACTORS)


def run(positions: Path, *args: str, env: dict[str, str] | None = None):
    result = invoke(*args, "--positions", str(positions), env={"COLUMNS": "80", "NO_COLOR": "1", **(env or {})})
    return result


def as_json(positions: Path, *args: str) -> dict:
    result = run(positions, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def held(document: dict) -> dict[tuple[str, str], str]:
    return {(s["actor"], s["topic"]): s["position"] for s in document["stances"]}


# compare


def test_compare_shows_current_positions(positions: Path) -> None:
    assert held(as_json(positions, "compare")) == {
        ("alice", "a"): "lean-oppose",
        ("bob", "a"): "support",
        ("carol", "a"): "oppose",
        ("alice", "b"): "oppose",
        ("bob", "b"): "lean-oppose",
        ("carol", "b"): "oppose",
        ("alice", "c"): "neutral",
        ("dave", "c"): "lean-support",
        ("bob", "d"): "support",
    }


def test_compare_as_of_takes_the_latest_stance_on_or_before(positions: Path) -> None:
    before = held(as_json(positions, "compare", "--as-of", "2020-12"))
    assert before[("alice", "a")] == "support"
    # 2020-05 counts as 2020-05-01, so bob's stance of 2020-05 is there as of 2020-05-01 ...
    assert ("bob", "a") in held(as_json(positions, "compare", "--as-of", "2020-05-01"))
    # ... but not as of 2020-04-30.
    assert ("bob", "a") not in held(as_json(positions, "compare", "--as-of", "2020-04-30"))


def test_compare_filters_topics_and_named_actors(positions: Path) -> None:
    document = as_json(positions, "compare", "alice", "dave", "--topic", "c")
    assert [a["id"] for a in document["actors"]] == ["alice", "dave"]
    assert [t["id"] for t in document["topics"]] == ["c"]
    assert held(document) == {("alice", "c"): "neutral", ("dave", "c"): "lean-support"}


def test_compare_table_marks_and_legend(positions: Path) -> None:
    result = run(positions, "compare", "--topic", "c", "--topic", "d")
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["actor", "Topic", "C", "Topic", "D"]  # actors as rows, topics as columns
    assert next(line for line in lines if line.strip().startswith("Alice")).split()[1:] == ["0*^", "·"]
    assert next(line for line in lines if line.strip().startswith("Bob")).split()[1:] == ["·", "++~"]
    assert next(line for line in lines if line.strip().startswith("Dave")).split()[1:] == ["+", "·"]
    assert any("* reported by" in line for line in lines) and any("^ with conditions" in line for line in lines)
    assert "1 Topic C: Proposition c." in lines and "2 Topic D: Proposition d." in lines


def test_compare_labels_actors_by_name_or_by_id(positions: Path) -> None:
    crowd = {"the-mayor-of-a-long-named-town": [stance("a", "support", "2020", "Backs a.")]}
    long = write_dataset(positions.parent / "long", crowd)
    (long / "actors" / "the-mayor-of-a-long-named-town.yaml").write_text(
        (long / "actors" / "the-mayor-of-a-long-named-town.yaml")
        .read_text()
        .replace("name: The-Mayor-Of-A-Long-Named-Town", "name: Mayor Ann")
    )
    named = run(long, "compare").stdout
    assert "Mayor Ann" in named and "the-mayor" not in named
    wide = run(long, "compare", "--ids", env={"COLUMNS": "200"}).stdout
    assert "the-mayor-of-a-long-named-town" in wide  # whole, on one line, when it fits
    assert "a " in wide.splitlines()[1] or wide.splitlines()[1].split()[-1] == "a"  # topics by id too


def test_compare_leaves_out_what_has_no_stance(positions: Path) -> None:
    document = as_json(positions, "compare", "alice", "dave", "--topic", "c", "--topic", "d")
    assert [t["id"] for t in document["topics"]] == ["c"]  # neither holds d
    assert document["left_out"] == {"actors": [], "topics": ["d"]}
    text = run(positions, "compare", "alice", "dave", "--topic", "c", "--topic", "d").stdout
    assert "1 topic with no stance here left out; --all shows them" in text
    every = as_json(positions, "compare", "alice", "dave", "--topic", "c", "--topic", "d", "--all")
    assert [t["id"] for t in every["topics"]] == ["c", "d"]


def test_compare_seats_agreeing_actors_together(positions: Path) -> None:
    # alice and carol agree most (0.88); bloc order keeps them adjacent, and it is the same every run.
    order = [a["id"] for a in as_json(positions, "compare")["actors"]]
    assert abs(order.index("alice") - order.index("carol")) == 1
    assert order == [a["id"] for a in as_json(positions, "compare")["actors"]]


def test_compare_sorts_by_name_kind_or_a_topic(positions: Path) -> None:
    assert [a["id"] for a in as_json(positions, "compare", "--sort", "name")["actors"]] == [
        "alice",
        "bob",
        "carol",
        "dave",
    ]
    # on topic a: bob support, alice lean-oppose, carol oppose; dave holds no stance on a
    assert [a["id"] for a in as_json(positions, "compare", "--sort", "a")["actors"]] == [
        "bob",
        "alice",
        "carol",
        "dave",
    ]
    wrong = run(positions, "compare", "--sort", "zz")
    assert wrong.exit_code == 2 and "--sort takes bloc, name, kind or the id of a topic shown" in wrong.stderr


def test_compare_groups_by_kind(positions: Path) -> None:
    path = positions / "actors" / "dave.yaml"
    path.write_text(path.read_text().replace("kind: person", "kind: analyst"))
    document = as_json(positions, "compare", "--group", "kind", "--sort", "name")
    assert document["groups"] == [
        {"label": "person", "actors": ["alice", "bob", "carol"]},
        {"label": "analyst", "actors": ["dave"]},
    ]
    text = run(positions, "compare", "--group", "kind", "--sort", "name").stdout
    assert "person (3 actors)" in text and "analyst (1 actor)" in text


def test_compare_flips_when_topics_are_many(tmp_path: Path) -> None:
    topics = tuple(f"t{n:02d}" for n in range(30))
    actors = {name: [stance(t, "support", "2020", "Backs it.") for t in topics] for name in ("ann", "ben")}
    lines = run(write_dataset(tmp_path, actors, topics), "compare").stdout.splitlines()
    assert lines[1].split() == ["topic", "Ann", "Ben"]  # 30 topic columns do not fit 80; 2 actor columns do
    assert sum(line.strip().startswith("Topic T") for line in lines) == 30


def test_compare_splits_only_when_nothing_fits(tmp_path: Path) -> None:
    topics = tuple(f"t{n:02d}" for n in range(40))
    crowd = {f"actor-{n:02d}": [stance(t, "support", "2020", "Backs it.") for t in topics] for n in range(40)}
    positions = write_dataset(tmp_path, crowd, topics)
    narrow = run(positions, "compare").stdout.splitlines()
    assert max(len(line) for line in narrow) <= 80
    assert sum(set(line.strip()) == {"─"} for line in narrow) > 1  # several parts, each with its rule
    wide = run(positions, "compare", env={"COLUMNS": "400"}).stdout.splitlines()
    assert sum(set(line.strip()) == {"─"} for line in wide) == 1


# diff


def test_diff_relations_and_agreement(positions: Path) -> None:
    document = as_json(positions, "diff", "alice", "bob")
    assert {t["topic"]: t["relation"] for t in document["topics"]} == {
        "a": "opposed",
        "b": "differ",
        "c": "only alice",
        "d": "only bob",
    }
    assert document["agreement"] == pytest.approx(0.5) and document["shared_topics"] == 2
    earlier = as_json(positions, "diff", "alice", "bob", "--as-of", "2020-12")
    assert {t["topic"]: t["relation"] for t in earlier["topics"]}["a"] == "agree"
    assert earlier["agreement"] == pytest.approx(0.875)


def test_diff_table_ends_with_the_score_and_quotes_on_request(positions: Path) -> None:
    plain = run(positions, "diff", "alice", "bob").stdout
    assert plain.rstrip().endswith("agreement: 0.50 over 2 shared topics")
    assert "quote of Alice cools on a." not in plain
    with_quotes = run(positions, "diff", "alice", "bob", "--quotes", env={"COLUMNS": "200"}).stdout
    assert '"quote of Alice cools on a." (The paper, 2021-06-30)' in with_quotes
    assert "summary of Alice" in with_quotes and "alice says" not in with_quotes
    assert "summaries are the curator's own words" in with_quotes


# show, topic, agreement, timeline


def test_show_profile(positions: Path) -> None:
    document = as_json(positions, "show", "alice")
    assert [(s["topic"], s["date"]) for s in document["stances"]] == [
        ("a", "2020-01"),
        ("a", "2021-06"),
        ("b", "2020"),
        ("c", "2020-03"),
    ]
    assert document["sources"] == [
        {
            "id": "paper",
            "title": "The paper",
            "publisher": "Daily",
            "date": "2021-06-30",
            "url": "https://example.org/paper",
            "file": None,
            "sha256": None,
        }
    ]
    text = run(positions, "show", "alice").stdout
    assert "conditions: if funded" in text and '"quote of Alice is torn on c." (The paper, 2021-06-30)' in text


def test_show_one_topic_is_its_history_with_the_current_stance_marked(positions: Path) -> None:
    document = as_json(positions, "show", "alice", "--topic", "a")
    assert [(s["date"], s["position"], s["current"]) for s in document["stances"]] == [
        ("2020-01", "support", False),
        ("2021-06", "lean-oppose", True),
    ]
    rows = csv.DictReader(io.StringIO(run(positions, "show", "alice", "--topic", "a", "--format", "csv").stdout))
    assert [(row["status"], row["superseded_by"]) for row in rows] == [("superseded", "2021-06"), ("current", "")]
    assert [s["topic"] for s in as_json(positions, "show", "alice")["stances"]] == ["a", "a", "b", "c"]
    nothing = run(positions, "show", "dave", "--topic", "a")
    assert (nothing.exit_code, nothing.stdout) == (0, "") and "dave has no stance on a" in nothing.stderr


@pytest.mark.parametrize("command", [["topic", "a"], ["timeline", "alice"]])
def test_quotes_on_request_cited_as_everywhere(positions: Path, command: list[str]) -> None:
    assert "quote of Alice cools on a." not in run(positions, *command).stdout
    with_quotes = run(positions, *command, "--quotes", env={"COLUMNS": "200"}).stdout
    assert '"quote of Alice cools on a." (The paper, 2021-06-30)' in with_quotes


def test_topic_spectrum_runs_from_support_to_oppose(positions: Path) -> None:
    document = as_json(positions, "topic", "a")
    assert [(s["actor"], s["position"]) for s in document["stances"]] == [
        ("bob", "support"),
        ("alice", "lean-oppose"),
        ("carol", "oppose"),
    ]
    text = run(positions, "topic", "a").stdout
    assert text.index("Bob") < text.index("Alice") < text.index("Carol")  # by name
    assert "····█" in text and "█····" in text


def pairs(document: dict) -> dict[tuple[str, str], tuple[float | None, int]]:
    """Every pair of agreement's JSON matrix, ids in alphabetical order: (agreement, shared topics)."""
    ids = [a["id"] for a in document["actors"]]
    return {
        (a, b): (document["agreement"][i][j], document["shared_topics"][i][j])
        for i, a in enumerate(ids)
        for j, b in enumerate(ids)
        if a < b
    }


def test_agreement_pairs_and_extremes(positions: Path) -> None:
    document = as_json(positions, "agreement")
    assert pairs(document) == {
        ("alice", "carol"): (pytest.approx(0.875), 2),
        ("alice", "dave"): (pytest.approx(0.75), 1),
        ("alice", "bob"): (pytest.approx(0.5), 2),
        ("bob", "carol"): (pytest.approx(0.375), 2),
        ("bob", "dave"): (None, 0),
        ("carol", "dave"): (None, 0),
    }
    assert all(document["agreement"][i][i] is None for i in range(4))
    ranked = list(csv.DictReader(io.StringIO(run(positions, "agreement", "--format", "csv").stdout)))
    assert [(p["actor_a"], p["actor_b"]) for p in ranked] == [  # most aligned first; no row for pairs sharing nothing
        ("alice", "carol"),
        ("alice", "dave"),
        ("alice", "bob"),
        ("bob", "carol"),
    ]
    assert (document["most_aligned"]["a"], document["most_aligned"]["b"]) == ("alice", "carol")
    assert (document["least_aligned"]["a"], document["least_aligned"]["b"]) == ("bob", "carol")
    assert document["most_aligned"]["interval"] == [pytest.approx(0.2641, abs=1e-4), pytest.approx(0.9927, abs=1e-4)]
    assert document["thin_pairs"] == 1
    ids = [a["id"] for a in document["actors"]]
    alice, carol, dave = ids.index("alice"), ids.index("carol"), ids.index("dave")
    assert (
        document["interval_low"][alice][carol]
        == document["interval_low"][carol][alice]
        == pytest.approx(0.2641, abs=1e-4)
    )
    assert document["interval_high"][alice][dave] == pytest.approx(0.9853, abs=1e-4)  # 0.5516 + 0.4337
    assert document["interval_low"][alice][alice] is None
    lines = [line.split() for line in run(positions, "agreement").stdout.splitlines()]
    assert ["0.88", "0.26", "to", "0.99", "2", "Alice", "and", "Carol"] in lines
    assert ["0.38", "0.06", "to", "0.86", "2", "Bob", "and", "Carol"] in lines  # p 0.375: centre 0.4572, half 0.4011


def test_agreement_lists_pairs_on_one_shared_topic_apart(positions: Path) -> None:
    text = run(positions, "agreement", env={"COLUMNS": "120"}).stdout
    well, thin = text.split("On one shared topic only: thin evidence")
    assert "Alice and Dave" not in well and "Alice and Carol" in well  # alice and dave share topic c alone
    assert ["0.75", "0.12", "to", "0.99", "Topic", "C", "Alice", "and", "Dave"] in [
        line.split() for line in thin.splitlines()
    ]
    assert "1 pair on one shared topic, listed apart" in text
    assert "Matrix" not in text and "--long adds the matrix" in text  # a compact summary by default
    long = run(positions, "agreement", "--long", env={"COLUMNS": "120"}).stdout
    matrix = long[long.index("Matrix") :]
    assert ".88(2)" in matrix and ".75(1)" in matrix  # each cell with the topics it rests on


def test_agreement_is_compact_by_default_on_the_shipped_dataset() -> None:
    """At 80 columns it printed 252 lines for 18 actors: five pairs at each end by default, all with --long."""
    shipped = Path(__file__).parent.parent / "positions"
    compact = run(shipped, "agreement", env={"COLUMNS": "80"}).stdout
    long = run(shipped, "agreement", "--long", env={"COLUMNS": "80"}).stdout
    assert len(compact.splitlines()) < 80 < len(long.splitlines())
    assert "the 5 most and 5 least aligned are shown" in compact


def test_wilson_interval_is_never_a_point() -> None:
    """Two topics on which a pair agrees fully: the percentile bootstrap would say 1 to 1; Wilson, 0.34 to 1."""
    from stancediff.analysis.agreement import Z

    n, p = 2, 1.0  # centre (1 + z^2/4) / (1 + z^2/2) = 0.6712; half z sqrt(z^2/16) / (1 + z^2/2) = 0.3288
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    assert centre == pytest.approx(0.6712, abs=1e-4)
    assert centre - Z * (Z**2 / (4 * n * n)) ** 0.5 / (1 + Z**2 / n) == pytest.approx(0.3424, abs=1e-4)


def test_agreement_rests_on_enough_shared_topics(positions: Path) -> None:
    scored = {pair for pair, (score, _) in pairs(as_json(positions, "agreement", "--min-shared", "2")).items() if score}
    assert scored == {("alice", "carol"), ("alice", "bob"), ("bob", "carol")}


def test_agreement_is_weighted_by_salience(positions: Path) -> None:
    path = positions / "actors" / "carol.yaml"
    document = yaml.safe_load(path.read_text())
    document["stances"][1]["salience"] = "high"  # carol on b: weight (1 + 2) / 2 = 1.5 against alice's medium
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    # alice and carol: a 0.75 (weight 1), b 1 (weight 1.5): (0.75 + 1.5) / 2.5 = 0.9
    assert pairs(as_json(positions, "agreement"))[("alice", "carol")][0] == pytest.approx(0.9)
    assert pairs(as_json(positions, "agreement", "--unweighted"))[("alice", "carol")][0] == pytest.approx(0.875)


def test_agreement_csv_is_numbers(positions: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(positions, "agreement", "--format", "csv").stdout)))
    assert rows[0].keys() == {
        "actor_a",
        "actor_b",
        "actor_a_name",
        "actor_b_name",
        "agreement",
        "agreement_low",
        "agreement_high",
        "shared_topics",
    }
    assert {k: v for k, v in rows[0].items() if not k.startswith("agreement_")} == {
        "actor_a": "alice",
        "actor_b": "carol",
        "actor_a_name": "Alice",
        "actor_b_name": "Carol",
        "agreement": "0.875",
        "shared_topics": "2",
    }
    assert float(rows[0]["agreement_low"]) == pytest.approx(0.2641, abs=1e-4)
    assert float(rows[0]["agreement_high"]) == pytest.approx(0.9927, abs=1e-4)
    assert len(rows) == 4


# blocs


def test_blocs_group_agreeing_actors(positions: Path) -> None:
    # distances (1 - agreement): alice-carol 0.125, alice-dave 0.25, alice-bob 0.5, bob-carol 0.625, others 1.
    # alice and carol join first; dave would join them at (0.25 + 1) / 2 = 0.625 and bob at (0.5 + 0.625) / 2,
    # both above 1 - 0.75, so they stay alone.
    document = as_json(positions, "blocs")
    assert [b["members"] for b in document["blocs"]] == [["alice", "carol"], ["bob"], ["dave"]] or [
        b["members"] for b in document["blocs"]
    ] == [["alice", "carol"], ["dave"], ["bob"]]
    first = document["blocs"][0]
    assert first["cohesion"] == pytest.approx(0.875)
    assert {s["topic"]: s["position"] for s in first["shares"]} == {"a": "lean-oppose", "b": "oppose"}
    # a threshold of 0.4 lets bob in: alice-carol-bob at (0.5 + 0.625) / 2 = 0.5625 <= 0.6
    loose = as_json(positions, "blocs", "--threshold", "0.4")
    assert sorted(loose["blocs"][0]["members"]) == ["alice", "bob", "carol"]


def test_blocs_divides_name_the_other_bloc(positions: Path) -> None:
    # bob (alone) holds a at support; the alice-carol bloc holds it at a mean of -1.5
    document = as_json(positions, "blocs")
    bob = next(n for n, b in enumerate(document["blocs"], 1) if b["members"] == ["bob"])
    divides = document["blocs"][0]["divides"]
    assert {"topic": "a", "other_bloc": bob, "mean": -1.5, "other_mean": 2.0} in divides


# contested


def test_contested_ranks_topics_by_van_der_eijk_agreement(positions: Path) -> None:
    # a: oppose, lean-oppose, support -> counts 1 1 0 0 1, one layer 11001: TU 2, TDU 4,
    #    U = (3*2 - 4*4) / (3*6) = -5/9, A = U * (1 - 2/4) = -0.278
    # c: neutral, lean-support -> 0 0 1 1 0: A = 0.75; b: oppose x2, lean-oppose -> (2*0.75 + 1*1) / 3 = 0.833
    # c is held by two actors only: thinly held, apart; d: one stance, held by bob alone
    document = as_json(positions, "contested")
    ranked = [(t["topic"]["id"], t["standing"], t["agreement"]) for t in document["topics"]]
    assert ranked == [
        ("a", "ranked", pytest.approx(-5 / 18)),
        ("b", "ranked", pytest.approx(5 / 6)),
        ("c", "thin", 0.75),
        ("d", "single", None),
    ]
    first = document["topics"][0]
    assert first["counts"] == {"oppose": 1, "lean-oppose": 1, "neutral": 0, "lean-support": 0, "support": 1}
    assert (first["support_pole"], first["oppose_pole"]) == (["bob"], ["carol"])
    text = run(positions, "contested", env={"COLUMNS": "120"}).stdout
    ranked_part, thin_part = text.split("Thinly held: two stances, not ranked with the rest")
    assert "Topic A" in ranked_part and "Topic C" not in ranked_part and "Topic C" in thin_part
    assert "held by one actor only, so neither agreement nor division: Topic D (Bob, support)" in text


def test_contested_interval_is_the_bootstrap_over_stances(positions: Path) -> None:
    # c: neutral and lean-support. A resample of two stances is both neutral, both lean-support (A = 1 each,
    # probability 1/2 together) or one of each (A = 0.75): the interval runs from 0.75 to 1.
    # b: two oppose, one lean-oppose: resamples hold 0 to 3 oppose; three alike give 1, two and one 5/6;
    # the chance of three alike is 8/27 + 1/27, so the 2.5th percentile is 5/6 and the 97.5th 1.
    topics = {t["topic"]["id"]: t for t in as_json(positions, "contested")["topics"]}
    assert topics["c"]["interval"] == [0.75, 1.0]
    assert topics["b"]["interval"] == [pytest.approx(5 / 6), 1.0]
    assert topics["d"]["interval"] is None
    again = {t["topic"]["id"]: t for t in as_json(positions, "contested")["topics"]}
    assert again["a"]["interval"] == topics["a"]["interval"]  # a fixed seed: the same on every run
    rows = list(csv.DictReader(io.StringIO(run(positions, "contested", "--format", "csv").stdout)))
    assert {r["topic"]: (r["standing"], r["agreement_low"]) for r in rows}["c"] == ("thin", "0.75")


def test_timeline_marks_each_move(positions: Path) -> None:
    document = as_json(positions, "timeline", "alice", "--topic", "a")
    assert [(s["date"], s["position"], s["move"]) for s in document["stances"]] == [
        ("2020-01", "support", None),
        ("2021-06", "lean-oppose", "support -> lean-oppose (down 3)"),
    ]
    everyone = as_json(positions, "timeline")
    dates = [s["date"] for s in everyone["stances"]]
    assert dates == sorted(dates, key=lambda d: (d + "-01-01")[:10])


# formats


@pytest.mark.parametrize(
    "command", [["compare"], ["diff", "alice", "bob"], ["show", "alice"], ["topic", "a"], ["agreement"], ["timeline"]]
)
def test_markdown_is_a_valid_table(positions: Path, command: list[str]) -> None:
    text = run(positions, *command, "--format", "markdown").stdout
    tables = [block.splitlines() for block in text.split("\n\n") if block.startswith("|")]
    assert tables
    for header, rule, *rows in tables:
        cells = header.count(" | ") + 1
        assert rule == "|" + " --- |" * cells
        assert rows and all(row.replace("\\|", "").count(" | ") + 1 == cells for row in rows), rows


@pytest.mark.parametrize(
    "command", [["compare"], ["diff", "alice", "bob"], ["topic", "a"], ["agreement"], ["timeline"], ["show", "alice"]]
)
def test_csv_opens_as_a_table(positions: Path, command: list[str]) -> None:
    rows = list(csv.reader(io.StringIO(run(positions, *command, "--format", "csv").stdout)))
    assert len(rows) > 1 and len({len(row) for row in rows}) == 1


def test_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    positions = write_dataset(tmp_path, {"eve": [stance("a", "support", "2020", '=HYPERLINK("http://x")')]})
    rows = list(csv.DictReader(io.StringIO(run(positions, "topic", "a", "--format", "csv").stdout)))
    assert rows[0]["summary"] == '\'=HYPERLINK("http://x")'


def test_data_is_shown_literally_in_every_format(tmp_path: Path) -> None:
    summary = "[bold red]loud[/] | <b>x</b> \x1b[2J done"
    positions = write_dataset(tmp_path, {"eve": [stance("a", "support", "2020", summary)]})
    coloured = run(positions, "topic", "a", "--long", env={"FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "200"}).stdout
    assert "[bold red]loud[/]" in coloured and "\x1b[2J" not in coloured and "\\x1b[2J" in coloured
    markdown = run(positions, "topic", "a", "--long", "--format", "markdown").stdout
    # escaped: GitHub shows the characters themselves, and reads no markup
    assert "\\[bold red\\]loud\\[/\\] \\| \\<b\\>x\\</b\\> \\\\x1b\\[2J done" in markdown
    document = run(positions, "topic", "a", "--format", "json").stdout
    assert "\x1b" not in document and json.loads(document)["stances"][0]["summary"] == summary


def test_plain_when_piped_coloured_on_a_terminal(positions: Path) -> None:
    assert "\x1b" not in run(positions, "compare").stdout
    assert "\x1b[" in run(positions, "compare", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout


# errors


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["show", "alicia"], 'no actor "alicia"; did you mean "alice"?'),
        (["diff", "alice", "zed"], 'no actor "zed"'),
        (["topic", "e"], 'no topic "e"'),
        (["compare", "--topic", "aa"], 'no topic "aa"; did you mean "a"?'),
        (["timeline", "bobby"], 'did you mean "bob"?'),
    ],
)
def test_unknown_ids_exit_2_with_a_suggestion(positions: Path, command: list[str], message: str) -> None:
    result = run(positions, *command)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_bad_as_of_is_a_usage_error(positions: Path) -> None:
    result = run(positions, "compare", "--as-of", "2020-13")
    assert result.exit_code == 2 and "is not a date" in result.stderr


def test_views_warn_about_errors_and_show_the_rest(positions: Path) -> None:
    broken = positions / "actors" / "carol.yaml"
    broken.write_text(broken.read_text().replace("position: oppose", "position: nope", 1))
    result = run(positions, "topic", "b")
    assert result.exit_code == 0
    assert "warning: the dataset has 1 error;" in result.stderr
    assert "Carol" in result.stdout  # carol's other stance still loads


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    crowd = {
        f"actor-{n:03d}": [stance("a", "support", f"20{n % 20 + 10}", "A long enough summary. " * 5)]
        for n in range(400)
    }
    positions = write_dataset(tmp_path, crowd)
    command = f"'{sys.executable}' -m stancediff timeline --positions '{positions}' | head -n 1"
    result = subprocess.run(["bash", "-c", "set -o pipefail; " + command], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "Timeline"
    assert "Traceback" not in result.stderr and "Error" not in result.stderr


def test_compare_with_no_actor_matching_says_so(positions: Path) -> None:
    result = run(positions, "compare", "--kind", "media")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "nothing to show: no actor of kind media has a stance on the topics shown\n"


POSITION_CELL = re.compile(r"^(?:` )?(" + "|".join(sorted(POSITIONS, key=len, reverse=True)) + r")([^\w`\s]*)(?: `)?$")


@pytest.mark.parametrize(
    "command",
    [
        ["compare"],
        ["compare", "--group", "kind"],
        ["diff", "alice", "bob"],
        ["show", "alice"],
        ["topic", "c"],
        ["timeline"],
    ],
)
def test_the_markdown_legend_explains_every_mark_its_cells_use(positions: Path, command: list[str]) -> None:
    text = run(positions, *command, "--format", "markdown").stdout
    cells = [
        re.sub(r"\\(.)", r"\1", cell.strip())  # as GitHub shows it: the escapes gone
        for line in text.splitlines()
        if line.startswith("| ")
        for cell in line.strip("|").split(" | ")
    ]
    used = {mark for cell in cells if (m := POSITION_CELL.match(cell)) for mark in m.group(2)}
    assert used, "the dataset has reported, inferred and conditional stances"
    legend = [line for line in text.splitlines() if line.startswith(tuple(f"`{mark}` " for mark in MEANINGS))]
    assert len(legend) == 1, text
    explained = dict(part.strip("`").split("` ", 1) for part in legend[0].split(", "))
    assert set(explained) == used and all(explained[mark] == MEANINGS[mark] for mark in used)


def test_csv_is_data_a_spreadsheet_can_sum(positions: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(positions, "compare", "--format", "csv").stdout)))
    assert rows[0].keys() == {
        "topic",
        "topic_title",
        "actor",
        "actor_name",
        "date",
        "position",
        "value",
        "basis",
        "conditions",
        "summary",
    }
    by_cell = {(r["topic"], r["actor"]): r for r in rows}
    assert by_cell[("c", "alice")] | {"summary": ""} == {
        "topic": "c",
        "topic_title": "Topic C",
        "actor": "alice",
        "actor_name": "Alice",
        "date": "2020-03",
        "position": "neutral",
        "value": "0",
        "basis": "reported",
        "conditions": "if funded",
        "summary": "",
    }
    assert by_cell[("d", "bob")]["basis"] == "inferred" and by_cell[("a", "carol")]["value"] == "-2"
    assert sum(int(r["value"]) for r in rows if r["topic"] == "a") == -1 + 2 - 2  # alice, bob, carol
    assert all(r["position"] in POSITIONS for r in rows)
    timeline = list(
        csv.DictReader(io.StringIO(run(positions, "timeline", "alice", "--topic", "a", "--format", "csv").stdout))
    )
    assert [(r["position"], r["previous_position"], r["change"]) for r in timeline] == [
        ("support", "", ""),
        ("lean-oppose", "support", "-3"),
    ]
    diff = list(csv.DictReader(io.StringIO(run(positions, "diff", "alice", "bob", "--format", "csv").stdout)))
    assert [(r["topic"], r["relation"], r["value_a"], r["value_b"]) for r in diff] == [
        ("a", "opposed", "-1", "2"),
        ("b", "differ", "-2", "-1"),
        ("c", "only a", "0", ""),
        ("d", "only b", "", "2"),
    ]
    topic = run(positions, "topic", "a", "--quotes", "--format", "csv").stdout
    assert "█" not in topic and "·" not in topic
    assert next(csv.DictReader(io.StringIO(topic)))["quotes"].startswith("quote of ")


def test_least_aligned_prefers_the_better_evidenced_pair(tmp_path: Path) -> None:
    # ann and ben disagree on one topic, ann and cat on two: both 0.00, and cat's pair rests on more.
    actors = {
        "ann": [stance("a", "support", "2020", "A."), stance("b", "support", "2020", "B.")],
        "ben": [stance("a", "oppose", "2020", "A.")],
        "cat": [stance("a", "oppose", "2020", "A."), stance("b", "oppose", "2020", "B.")],
    }
    document = as_json(write_dataset(tmp_path, actors), "agreement")
    least = document["least_aligned"]
    assert (least["a"], least["b"], least["shared_topics"]) == ("ann", "cat", 2)


def test_agreement_says_when_there_is_nothing_to_measure(positions: Path) -> None:
    single = run(positions, "agreement", "dave")
    assert single.exit_code == 0 and single.stdout == "" and "agreement takes two actors or more" in single.stderr
    none = run(positions, "agreement", "--min-shared", "3").stdout
    assert "no pair of these actors shares 3 topics or more" in none and "Matrix" not in none


def test_no_bloc_holds_a_pair_on_too_few_shared_topics(positions: Path) -> None:
    # at threshold 0.2 (cut at 0.8): alice-carol join at 0.125, then bob at (0.5 + 0.625) / 2 = 0.5625.
    # dave shares one topic with alice and none with bob or carol: kept apart, whatever the threshold.
    # Before, he joined at (0.25 + 1 + 1) / 3 = 0.75, each pair without an agreement counted distance 1.
    for min_shared in ("2", "1"):
        blocs = as_json(positions, "blocs", "--threshold", "0.2", "--min-shared", min_shared)["blocs"]
        assert [sorted(b["members"]) for b in blocs] == [["alice", "bob", "carol"], ["dave"]]
    bloc = blocs[0]
    assert bloc["cohesion"] == pytest.approx((0.875 + 0.5 + 0.375) / 3)
    assert bloc["fewest_shared"] == 2
    assert {(p["a"], p["b"]): p["shared_topics"] for p in bloc["pairs"]} == {
        ("alice", "carol"): 2,
        ("alice", "bob"): 2,
        ("carol", "bob"): 2,
    } or {frozenset((p["a"], p["b"])) for p in bloc["pairs"]} == {
        frozenset(("alice", "carol")),
        frozenset(("alice", "bob")),
        frozenset(("bob", "carol")),
    }


def test_blocs_join_a_pair_on_one_topic_only_when_asked_and_mark_it(tmp_path: Path) -> None:
    actors = {
        "ann": [stance("a", "support", "2020", "A.")],
        "ben": [stance("a", "support", "2020", "A."), stance("b", "oppose", "2020", "B.")],
        "cat": [stance("a", "oppose", "2020", "A."), stance("b", "support", "2020", "B.")],
    }
    positions = write_dataset(tmp_path, actors)
    default = as_json(positions, "blocs")
    assert all(len(b["members"]) == 1 for b in default["blocs"]) and default["min_shared"] == 2
    loose = as_json(positions, "blocs", "--min-shared", "1")
    bloc = loose["blocs"][0]
    assert sorted(bloc["members"]) == ["ann", "ben"] and bloc["fewest_shared"] == 1
    assert [(p["shared_topics"], p["thin"]) for p in bloc["pairs"]] == [(1, True)]
    text = run(positions, "blocs", "--min-shared", "1", env={"COLUMNS": "120"}).stdout
    assert "1+ topic, thin" in text and "thin: these pairs share one topic: " in text


def test_every_view_names_actors_and_topics_and_ids_on_request(positions: Path) -> None:
    """One convention: names and titles in every view, ids with --ids; show follows the order of topics.yaml."""
    for command in (["topic", "a"], ["timeline"], ["show", "alice"], ["diff", "alice", "bob"]):
        named = run(positions, *command, "--format", "markdown").stdout
        by_id = run(positions, *command, "--format", "markdown", "--ids").stdout
        assert "Alice" in named and "| alice |" not in named, named
        assert "| alice |" in by_id or "| alice " in by_id or "### alice" in by_id.lower(), by_id
    show = run(positions, "show", "alice", "--format", "json").stdout
    order = [s["topic"] for s in json.loads(show)["stances"]]
    assert order == sorted(order, key="abcd".index)
