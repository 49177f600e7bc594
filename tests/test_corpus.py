"""Every input of the yaml-test-suite, fed as an actor file, comes back as a clean problem report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT
from stancediff.checks.validate import validate
from stancediff.format.load import Loader
from stancediff.problems import CATALOGUE

CORPUS = PROJECT.parent / "shared" / "corpora" / "yaml-test-suite"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/yaml-test-suite is not here")


@pytest.fixture(scope="module")
def corpus_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    positions = tmp_path_factory.mktemp("corpus") / "positions"
    (positions / "actors").mkdir(parents=True)
    (positions / "topics.yaml").write_text("topics: []\n")
    (positions / "sources.yaml").write_text("sources: []\n")
    for case in CORPUS.glob("*.yaml"):
        shutil.copyfile(case, positions / "actors" / f"case-{case.stem.lower()}.yaml")
    return positions


def test_the_corpus_is_all_there() -> None:
    assert len(list(CORPUS.glob("*.yaml"))) == 402
    assert len((CORPUS / "ERRORS.txt").read_text().split()) == 94
    # libyaml accepts 17 of those 94 invalid inputs; as actor files they still fail (below).


def test_every_case_gets_a_problem_through_the_cli(corpus_dataset: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stancediff", "validate", "--positions", str(corpus_dataset), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    report = json.loads(result.stdout)
    cases = {p.name for p in (corpus_dataset / "actors").iterdir()}
    with_problems = {Path(p["file"]).name for p in report["problems"] if p["severity"] == "error"}
    assert cases <= with_problems
    assert {p["code"] for p in report["problems"]} <= set(CATALOGUE)
    assert "internal-error" not in {p["code"] for p in report["problems"]}
    assert all(p["line"] >= 1 and p["column"] >= 1 for p in report["problems"])


def test_pure_python_parser_also_reports_every_case(corpus_dataset: Path) -> None:
    report = validate(corpus_dataset, loader=Loader(yaml.SafeLoader))
    cases = {p.name for p in (corpus_dataset / "actors").iterdir()}
    assert cases <= {Path(p.file).name for p in report.problems if p.severity == "error"}
    assert "internal-error" not in {p.code for p in report.problems}


def test_parsers_agree_wherever_both_accept_the_yaml() -> None:
    c_loader, pure_loader = Loader(), Loader(yaml.SafeLoader)
    compared = 0
    for case in sorted(CORPUS.glob("*.yaml")):
        data = case.read_bytes()
        c, pure = c_loader.load_bytes(data, case.name), pure_loader.load_bytes(data, case.name)
        if any(p.code == "yaml-syntax" for p in (*c.problems, *pure.problems)):
            continue  # libyaml and PyYAML's scanner differ on some invalid inputs
        compared += 1
        assert c.tree == pure.tree, case.name
        # Codes, not marks: the parsers place an empty implicit key (DFF7) differently.
        assert [p.code for p in c.problems] == [p.code for p in pure.problems], case.name
    assert compared > 250
