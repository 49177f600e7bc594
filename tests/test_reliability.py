"""`stancediff reliability`: Krippendorff's alpha of several codings, through the real CLI.

The numbers are held to the `krippendorff` package (the test oracle: the
values are ours, from the coincidence matrix) on codings with missing data,
three coders, scale points nobody used and a topic with no variation, and to
hand-worked examples. Codings are real dataset folders in tmp_path, and real
git revisions of one.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
from pathlib import Path

import krippendorff
import numpy as np
import pytest
import yaml

from conftest import PROJECT, invoke
from stancediff.format.spec import BASES, POSITIONS

SCALE = sorted(POSITIONS, key=POSITIONS.__getitem__)  # oppose .. support, the ordinal categories
Coding = dict[tuple[str, str, str], tuple[str, str]]  # (actor, topic, source) -> (position, basis)


def write_coding(root: Path, coding: Coding, topics: tuple[str, ...] = ("t1", "t2", "t3")) -> Path:
    """A dataset whose stances are `coding`: each unit one stance citing its source, with a quote."""
    (root / "actors").mkdir(parents=True)
    topic_list = [{"id": t, "title": f"Topic {t}", "proposition": f"Proposition {t}."} for t in topics]
    (root / "topics.yaml").write_text(yaml.safe_dump({"topics": topic_list}))
    sources = sorted({source for _, _, source in coding} | {"s1"})
    source_list = [
        {"id": s, "title": f"Source {s}", "date": "2020-01-01", "url": f"https://e.org/{s}"} for s in sources
    ]
    (root / "sources.yaml").write_text(yaml.safe_dump({"sources": source_list}))
    for actor in sorted({a for a, _, _ in coding} | {"a1"}):
        stances = [
            {
                "topic": topic,
                "position": position,
                "date": "2020-01-01",
                "basis": basis,
                "summary": f"{actor} on {topic}.",
                "evidence": [{"source": source, "quote": f"{actor} said so in {source}"}],
            }
            for (a, topic, source), (position, basis) in sorted(coding.items())
            if a == actor
        ]
        document = {"id": actor, "name": actor.upper(), "kind": "person", "stances": stances}
        (root / "actors" / f"{actor}.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    return root


def run(*args: str) -> object:
    return invoke("reliability", *args, env={"COLUMNS": "120", "NO_COLOR": "1"})


def as_json(*folders: Path, extra: tuple[str, ...] = ()) -> dict:
    result = run(*map(str, folders), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def oracle(codings: list[Coding], variable: int, topic: str | None = None) -> float:
    """The krippendorff package's alpha: coders as rows, units as columns, NaN where a coder has no stance."""
    units = sorted({unit for coding in codings for unit in coding if topic is None or unit[1] == topic})
    categories = SCALE if variable == 0 else list(BASES)
    data = np.array(
        [[categories.index(c[u][variable]) if u in c else np.nan for u in units] for c in codings], dtype=float
    )
    level = "ordinal" if variable == 0 else "nominal"
    with np.errstate(divide="ignore", invalid="ignore"):
        return krippendorff.alpha(
            reliability_data=data, level_of_measurement=level, value_domain=range(len(categories))
        )


def random_codings(seed: int, coders: int) -> list[Coding]:
    """Codings of 4 actors x 3 topics x 3 sources; t3 coded `support`, `stated` by everyone who codes it;
    lean-support and lean-oppose never used; each coder skips about a quarter of the units."""
    rng = random.Random(seed)
    truth = {
        (a, t, s): (rng.choice(["oppose", "neutral", "support"]), rng.choice(BASES))
        for a in ("a1", "a2", "a3", "a4")
        for t in ("t1", "t2", "t3")
        for s in ("s1", "s2", "s3")
        if rng.random() < 0.8
    }
    codings = []
    for _ in range(coders):
        coding = {}
        for unit, (position, basis) in truth.items():
            if rng.random() < 0.25:
                continue  # missing: this coder found no stance here
            if unit[1] == "t3":
                coding[unit] = ("support", "stated")  # no variation on t3
            elif rng.random() < 0.3:
                coding[unit] = (rng.choice(["oppose", "neutral", "support"]), rng.choice(BASES))
            else:
                coding[unit] = (position, basis)
        codings.append(coding)
    return codings


@pytest.mark.parametrize(("seed", "coders"), [(1, 2), (2, 3), (3, 3), (4, 4)])
def test_alpha_equals_the_krippendorff_package(tmp_path: Path, seed: int, coders: int) -> None:
    codings = random_codings(seed, coders)
    folders = [write_coding(tmp_path / f"coder{n}", coding) for n, coding in enumerate(codings)]
    document = as_json(*folders)
    assert document["alpha"]["position"]["alpha"] == pytest.approx(oracle(codings, 0), abs=1e-9)
    assert document["alpha"]["basis"]["alpha"] == pytest.approx(oracle(codings, 1), abs=1e-9)
    topics = {t["topic"]["id"]: t for t in document["topics"]}
    for topic in ("t1", "t2"):
        assert topics[topic]["alpha"] == pytest.approx(oracle(codings, 0, topic), abs=1e-9)
    assert np.isnan(oracle(codings, 0, "t3"))  # no variation: alpha is 0/0
    assert topics["t3"]["alpha"] is None and topics["t3"]["verdict"] == "no variation"
    # the counts: every unit anyone coded, those with two values or more, and their values
    units = {u for c in codings for u in c}
    pairable = [u for u in units if sum(u in c for c in codings) >= 2]
    assert document["units"] == len(units)
    assert document["alpha"]["position"]["units"] == len(pairable)
    assert document["alpha"]["position"]["pairable_values"] == sum(sum(u in c for c in codings) for u in pairable)
    assert len(document["partial"]) == sum(1 for u in units if sum(u in c for c in codings) < coders)


def test_a_hand_worked_example(tmp_path: Path) -> None:
    # Basis, nominal: units (stated, stated), (stated, reported), (reported, reported), (inferred, inferred).
    # Coincidences: o_ss = 2, o_sr = o_rs = 1, o_rr = 2, o_ii = 2; n = 8; n_s = 3, n_r = 3, n_i = 2.
    # D_o = 2/8 = 0.25; D_e = 2 (3*3 + 3*2 + 3*2) / (8*7) = 0.75; alpha = 1 - 0.25/0.75 = 2/3.
    # Positions, ordinal: support/support, support/lean-support, oppose/oppose, neutral/neutral.
    # n_oppose 2, n_neutral 2, n_lean-support 1, n_support 3; d(lean-support, support) =
    # (1 + 3 - (1 + 3)/2)^2 = 4; D_o = 2 * 4 / 8 = 1;
    # D_e = sum over c != k of n_c n_k d_ck / 56, with d(o, n) = 4, d(o, ls) = (2 + 2 + 1 - 1.5)^2 = 12.25,
    # d(o, s) = (8 - 2.5)^2 = 30.25, d(n, ls) = (3 - 1.5)^2 = 2.25, d(n, s) = (6 - 2.5)^2 = 12.25, d(ls, s) = 4:
    # 2 (2*2*4 + 2*1*12.25 + 2*3*30.25 + 2*1*2.25 + 2*3*12.25 + 1*3*4) = 624; alpha = 1 - 7 * 8 / 624.
    first = {
        ("a1", "t1", "s1"): ("support", "stated"),
        ("a1", "t2", "s1"): ("support", "stated"),
        ("a2", "t1", "s1"): ("oppose", "reported"),
        ("a2", "t2", "s1"): ("neutral", "inferred"),
    }
    second = {
        ("a1", "t1", "s1"): ("support", "stated"),
        ("a1", "t2", "s1"): ("lean-support", "reported"),
        ("a2", "t1", "s1"): ("oppose", "reported"),
        ("a2", "t2", "s1"): ("neutral", "inferred"),
    }
    document = as_json(write_coding(tmp_path / "one", first), write_coding(tmp_path / "two", second))
    assert document["alpha"]["basis"]["alpha"] == pytest.approx(2 / 3)
    assert document["alpha"]["position"]["alpha"] == pytest.approx(1 - 56 / 624)
    assert document["alpha"]["position"]["pairable_values"] == 8 and document["units"] == 4
    [disagreement] = document["disagreements"]
    assert (disagreement["actor"], disagreement["topic"], disagreement["source"]) == ("a1", "t2", "s1")
    positions = [(c["coder"], c["stance"]["position"], c["quotes"]) for c in disagreement["codings"]]
    assert positions == [
        (str(tmp_path / "one"), "support", ["a1 said so in s1"]),
        (str(tmp_path / "two"), "lean-support", ["a1 said so in s1"]),
    ]


def test_the_table_shows_alpha_units_only_some_found_and_each_disagreement(tmp_path: Path) -> None:
    first = {("a1", "t1", "s1"): ("support", "stated"), ("a2", "t1", "s1"): ("oppose", "stated")}
    second = {("a1", "t1", "s1"): ("oppose", "reported"), ("a2", "t1", "s2"): ("oppose", "stated")}
    one, two = write_coding(tmp_path / "one", first), write_coding(tmp_path / "two", second)
    result = run(str(one), str(two))
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Found by only some coders" in text and "A2 on Topic t1" in text and "from Source s2 (2020-01-01)" in text
    disagreements = text[text.index("Disagreements") :]
    assert "A1 on Topic t1" in disagreements and "a1 said so in s1" in disagreements
    assert "++" in disagreements and "--*" in disagreements  # each coder's position, with its marks
    # one pairable unit, support against oppose: alpha 1 - (n - 1) * 2 d / (2 n_s n_o d) = 1 - 1 * 2 / 2 = 0
    position = next(line.split() for line in text.splitlines() if line.split()[:1] == ["position"])
    assert position[:3] == ["position", "(ordinal)", "0.000"]


def test_formats_come_from_the_registry(tmp_path: Path) -> None:
    codings = random_codings(5, 2)
    folders = [str(write_coding(tmp_path / f"c{n}", c)) for n, c in enumerate(codings)]
    rows = list(csv.DictReader(io.StringIO(run(*folders, "--format", "csv").stdout)))
    assert [(r["scope"], r["variable"], r["metric"]) for r in rows[:2]] == [
        ("all", "position", "ordinal"),
        ("all", "basis", "nominal"),
    ]
    assert float(rows[0]["alpha"]) == pytest.approx(oracle(codings, 0), abs=1e-9)
    assert float(rows[0]["alpha_low"]) <= float(rows[0]["alpha"]) <= float(rows[0]["alpha_high"])
    assert {r["scope"] for r in rows[2:]} == {"t1", "t2", "t3"}
    markdown = run(*folders, "--format", "markdown").stdout
    assert "Reliability of 2 codings" in markdown.splitlines()[0] and "| position (ordinal) | " in markdown


def test_the_interval_is_reproducible_and_holds_alpha(tmp_path: Path) -> None:
    codings = random_codings(6, 3)
    folders = [write_coding(tmp_path / f"c{n}", c) for n, c in enumerate(codings)]
    first, second = as_json(*folders), as_json(*folders)
    low, high = first["alpha"]["position"]["interval"]
    assert second["alpha"]["position"]["interval"] == [low, high]  # a fixed seed
    assert -1 <= low <= first["alpha"]["position"]["alpha"] <= high <= 1


def test_min_alpha_gates_ci(tmp_path: Path) -> None:
    codings = random_codings(7, 2)
    folders = [str(write_coding(tmp_path / f"c{n}", c)) for n, c in enumerate(codings)]
    value = oracle(codings, 0)
    passing = run(*folders, "--min-alpha", f"{value - 0.01:.3f}")
    assert passing.exit_code == 0
    failing = run(*folders, "--min-alpha", f"{value + 0.01:.3f}")
    assert failing.exit_code == 1 and f"alpha on positions is {value:.3f}, below --min-alpha" in failing.stderr
    same = {("a1", "t1", "s1"): ("support", "stated")}
    flat = [str(write_coding(tmp_path / f"flat{n}", same)) for n in range(2)]
    undefined = run(*flat, "--min-alpha", "0.8")
    assert undefined.exit_code == 1 and "cannot be worked out (no variation)" in undefined.stderr


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_codings_as_git_revisions(tmp_path: Path) -> None:
    codings = random_codings(8, 3)
    repo = tmp_path / "repo"
    positions = write_coding(repo / "positions", codings[0])
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first coder")
    git(repo, "checkout", "-qb", "second")
    (positions / "actors").rename(tmp_path / "old")
    write_coding(tmp_path / "second", codings[1])
    (tmp_path / "second" / "actors").rename(positions / "actors")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "second coder")
    git(repo, "checkout", "-q", "main")
    third = write_coding(tmp_path / "third", codings[2])
    document = as_json(Path("main"), Path("second"), third, extra=("--positions", str(positions)))
    assert document["coders"][:2] == [
        f"main ({git(repo, 'rev-parse', '--short=7', 'main').strip()})",
        f"second ({git(repo, 'rev-parse', '--short=7', 'second').strip()})",
    ]
    assert document["alpha"]["position"]["alpha"] == pytest.approx(oracle(codings, 0), abs=1e-9)
    assert git(repo, "status", "--porcelain") == ""  # the working tree untouched


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    one = write_coding(tmp_path / "one", {("a1", "t1", "s1"): ("support", "stated")})
    alone = run(str(one))
    assert alone.exit_code == 2 and "two codings or more" in alone.stderr
    missing = run(str(one), "no-such-thing", "--positions", str(one))
    assert missing.exit_code == 2 and "'no-such-thing' is neither a folder nor a git revision" in missing.stderr


def test_the_shipped_dataset_against_its_second_reading_as_the_readme_says() -> None:
    document = as_json(PROJECT / "positions", PROJECT / "examples" / "second-reading")
    position, basis = document["alpha"]["position"], document["alpha"]["basis"]
    readme = " ".join((PROJECT / "README.md").read_text(encoding="utf-8").split())
    low, high = position["interval"]
    assert f"alpha on positions is {position['alpha']:.3f} (95% interval {low:.3f} to {high:.3f})" in readme
    low, high = basis["interval"]
    assert f"Alpha on basis is {basis['alpha']:.3f} (95% interval {low:.3f} to {high:.3f})" in readme
    assert f"{position['units']} units both coders found" in readme
    assert f"{len(document['partial'])} units only one of them found" in readme
    assert document["units"] == 49 and f"of {document['units']} units" in readme
