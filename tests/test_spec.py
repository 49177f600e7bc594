"""Everything about a key of the format follows from its one definition in `spec`.

The model classes have exactly the keys of their records; every view's JSON,
`changes` and the docs cover every key; and the optional stance key
`salience`, added to `spec` alone (with its model attribute), is validated,
in the schema, in the JSON, shown by `show` and `diff`, and reported by
`changes` when it moves.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import ClassVar

from checking import FIXTURE, check_texts, codes, edited
from conftest import VALID, invoke
from stancediff.analysis.changes import changes_between
from stancediff.format import spec
from stancediff.format.dataset import MODEL, read_texts
from stancediff.format.model import Located
from stancediff.format.schema import schema_for
from stancediff.views.records import actor_json, source_json, stance_json, topic_json
from test_changes import git

LOCATED = {f.name for f in dataclasses.fields(Located)}
DERIVED = {"stance": {"actor"}}  # what a record takes from its parent


def test_every_model_class_has_exactly_the_keys_of_its_record() -> None:
    for record in spec.RECORDS:
        model = MODEL[record.name]
        attributes = {f.name: f for f in dataclasses.fields(model)}
        keys = set(attributes) - LOCATED - DERIVED.get(record.name, set())
        assert keys == {f.name for f in record.fields}, record.name
        for field in record.fields:
            has_default = attributes[field.name].default is not dataclasses.MISSING
            assert has_default == (not field.required), f"{record.name}.{field.name}"


SALIENT = edited(
    "actors/mayor.yaml", "    speaker: Ana Ruiz, mayor\n", "    speaker: Ana Ruiz, mayor\n    salience: high\n"
)


def test_every_key_is_in_the_json() -> None:
    dataset = read_texts(SALIENT).dataset
    mayor = dataset.actor_ids["mayor"]
    assert set(stance_json(mayor.stances[0])) == {"id", "actor", "value"} | set(spec.STANCE.by_name)
    assert stance_json(mayor.stances[0])["salience"] == "high"
    assert set(actor_json(mayor)) == set(spec.ACTOR.by_name) - {"stances"}
    assert set(topic_json(dataset.topics[0])) == set(spec.TOPIC.by_name)
    assert set(source_json(dataset.sources[0])) == set(spec.SOURCE.by_name)


def test_changes_compares_every_stance_key() -> None:
    """Each key of a stance, changed alone, is reported under its own name."""
    before = read_texts(FIXTURE).dataset.complete_records()
    values = {
        "position": ("support", "lean-support"),
        "speaker": ("Ana Ruiz, mayor", "The mayor"),
        "basis": ("stated", "reported"),
        "summary": ("The mayor backs a charge", "The mayor wants a charge"),
        "evidence": ("source: harbour-gazette-2021-03-03", "source: tram-review-2021"),
        "date": ("date: 2021-03-02", "date: 2021-03-01"),
    }
    for key, (old, new) in values.items():
        after = read_texts(edited("actors/mayor.yaml", old, new)).dataset.complete_records()
        (change,) = changes_between(before, after).stances_changed
        assert [f.field for f in change.fields] == [key]
    for key, line in {"salience": "salience: low", "conditions": "conditions: [if funded]", "note": "note: N."}.items():
        after = read_texts(
            edited("actors/mayor.yaml", "    basis: stated\n", f"    basis: stated\n    {line}\n")
        ).dataset.complete_records()
        (change,) = changes_between(before, after).stances_changed
        assert [f.field for f in change.fields] == [key]
    untouched = {"topic"}  # a stance's topic is part of what identifies it
    assert set(values) | {"salience", "conditions", "note"} | untouched == set(spec.STANCE.by_name)


def test_salience_is_validated_and_in_the_schema() -> None:
    assert codes(check_texts(SALIENT)) == []
    wrong = edited("actors/mayor.yaml", "    basis: stated\n", "    basis: stated\n    salience: very\n")
    (found,) = check_texts(wrong).problems
    assert (found.code, found.line) == ("invalid-choice", 12)
    assert "low, medium, high" in found.message
    stance_schema = schema_for("actor")["$defs"]["stance"]["properties"]["salience"]
    assert stance_schema["anyOf"][0] == {"enum": ["low", "medium", "high"]}


def _positions(tmp_path: Path, files: dict[str, str]) -> Path:
    positions = tmp_path / "positions"
    shutil.copytree(VALID / "positions", positions)
    for name, text in files.items():
        (positions / name).write_text(text, encoding="utf-8")
    return positions


def test_show_and_diff_show_salience(tmp_path: Path) -> None:
    positions = str(_positions(tmp_path, SALIENT))
    assert "salience: high" in invoke("show", "mayor", "--positions", positions).stdout
    shown = invoke("diff", "mayor", "shopkeepers", "--positions", positions, "--format", "markdown").stdout
    assert "salience: high" in shown
    document = json.loads(invoke("compare", "--positions", positions, "--format", "json").stdout)
    assert {s["salience"] for s in document["stances"]} == {"high", None}


def test_changes_reports_a_move_of_salience(tmp_path: Path) -> None:
    positions = _positions(tmp_path, SALIENT)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    mayor = positions / "actors" / "mayor.yaml"
    mayor.write_text(mayor.read_text(encoding="utf-8").replace("salience: high", "salience: medium"), encoding="utf-8")
    document = json.loads(invoke("changes", "--positions", str(positions), "--format", "json").stdout)
    (changed,) = document["stances"]["changed"]
    assert changed["changes"] == [{"field": "salience", "before": "high", "after": "medium"}]
    table = invoke("changes", "--positions", str(positions)).stdout
    assert "salience" in table and "medium" in table


def test_a_failure_while_assembling_a_file_is_a_problem_of_that_file(monkeypatch) -> None:
    """As when a key is added to spec and not to the model: a problem, never a traceback."""
    from stancediff.format import dataset as dataset_module

    class Drifted:
        __dataclass_fields__: ClassVar[dict] = {}

        def __init__(self, **keys: object) -> None:
            raise TypeError("__init__() got an unexpected keyword argument 'salience'")

    monkeypatch.setitem(MODEL, spec.EVIDENCE.name, Drifted)
    monkeypatch.setattr(dataset_module, "_PLANS", {})
    report = check_texts(FIXTURE)
    failed = {p.file.rsplit("/", 1)[-1] for p in report.problems if p.code == "internal-error"}
    assert failed == {"lena-park.yaml", "mayor.yaml", "shopkeepers.yaml"}
    assert "unexpected keyword argument" in report.problems[0].message
    assert not any(p.file.endswith(("topics.yaml", "sources.yaml")) for p in report.problems if p.severity == "error")


def test_a_partial_date_spans_from_its_first_to_its_last_day() -> None:
    from stancediff.format.model import PartialDate

    spans = {
        text: (str(d.first_day), str(d.last_day))
        for text in ("2019", "2019-02", "2020-02", "2019-12", "2019-06-03")
        if (d := PartialDate.parse(text))
    }
    assert spans == {
        "2019": ("2019-01-01", "2019-12-31"),
        "2019-02": ("2019-02-01", "2019-02-28"),
        "2020-02": ("2020-02-01", "2020-02-29"),
        "2019-12": ("2019-12-01", "2019-12-31"),
        "2019-06-03": ("2019-06-03", "2019-06-03"),
    }
