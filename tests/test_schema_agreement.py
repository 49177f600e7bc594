"""`validate` and check-jsonschema, with the shipped schemas, give the same verdict on every sample.

Each sample is one value of one key, in an otherwise valid file. Both sides
apply the one rule of its kind (`spec.Kind`): validate through `conform`,
check-jsonschema (run in-process, with its default ECMA-262 regex engine)
through the pattern the schema generator copied from the rule. (What YAML 1.1
reads differently from YAML 1.2, such as an unquoted `NO`, is `validate`'s
alone: check-jsonschema reads YAML 1.2.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from check_jsonschema.cli.main_command import main as check_jsonschema
from click.testing import CliRunner

from conftest import PROJECT
from stancediff.format import spec
from stancediff.format.conform import conform
from stancediff.format.load import Loader

BASES = {
    "topics": ("topics:\n  - id: t\n    title: T\n    proposition: P.\n", spec.TOPICS_FILE),
    "sources": ("sources:\n  - id: s\n    title: T\n    date: 2019\n", spec.SOURCES_FILE),
    "actor": ("id: x\nname: X\nkind: person\n", spec.ACTOR),
}

SHA = "a" * 64
# (file kind, key, YAML value, valid?)
SAMPLES = [
    ("topics", "id", "huawei-in-5g", True),
    ("topics", "id", "Huawei", False),
    ("topics", "id", "a--b", False),
    ("topics", "id", "a-", False),
    ("topics", "id", '"ab\\n"', False),
    ("topics", "title", "x", True),
    ("topics", "title", '"  "', False),
    ("topics", "title", '"\\u3000"', False),
    ("topics", "title", '"\\ufeff"', False),
    ("topics", "title", '"a\\nb"', True),
    ("topics", "title", '"Congestion\\u200bcharge"', False),
    ("topics", "title", '"\\u00ad"', False),
    ("topics", "proposition", '"A\\u2028B."', False),
    ("topics", "tags", '[a, "b\\u2060"]', False),
    ("topics", "description", '"soft\\u00adhyphen"', True),
    ("topics", "description", '"  "', False),
    ("topics", "tags", "[a, b]", True),
    ("topics", "tags", '[a, " "]', False),
    ("topics", "tags", "a", False),
    ("sources", "url", "https://example.org/x", True),
    ("sources", "url", "http://a.b?q=1", True),
    ("sources", "url", '"http://?x"', False),
    ("sources", "url", "ftp://a.b", False),
    ("sources", "url", '"https://a b"', False),
    ("sources", "url", "https://", False),
    ("sources", "sha256", SHA, True),
    ("sources", "sha256", SHA.upper(), False),
    ("sources", "sha256", SHA[:-1], False),
    ("sources", "file", "a.txt", True),
    ("sources", "file", '" "', False),
    ("sources", "archive", "../../shared/seeds", True),
    ("sources", "archive", "archive", True),
    ("sources", "archive", '"old archive"', True),
    ("sources", "archive", "/srv/archive", False),
    ("sources", "archive", '"C:/archive"', False),
    ("sources", "archive", "'\\\\server\\share'", False),
    ("sources", "archive", '"  "', False),
    ("sources", "archive", '"a\\nb"', False),
    ("sources", "max_quoted", "0.3", True),
    ("sources", "max_quoted", "0", True),
    ("sources", "max_quoted", "1", True),
    ("sources", "max_quoted", "1.5", False),
    ("sources", "max_quoted", "-0.1", False),
    ("sources", "max_quoted", '"0.2"', False),
    ("sources", "max_quoted", "[0.2]", False),
    ("sources", "date", "2019", True),
    ("sources", "date", '"2019-05"', True),
    ("sources", "date", "2019-05-14", True),
    ("sources", "date", '"2019-05-14"', True),
    ("sources", "date", '"2020-02-29"', True),
    ("sources", "date", '"2000-02-29"', True),
    ("sources", "date", '"1900-02-29"', False),
    ("sources", "date", '"2019-02-29"', False),
    ("sources", "date", '"2019-04-31"', False),
    ("sources", "date", '"2019-13"', False),
    ("sources", "date", '"2019-5"', False),
    ("sources", "date", '"0999"', False),
    ("sources", "date", "999", False),
    ("sources", "date", '"٢٠٢١-٠٣-٠٢"', False),
    ("sources", "date", "2019-05-14 10:00:00", False),
    ("actor", "kind", "person", True),
    ("actor", "kind", "Person", False),
    ("actor", "country", '"GB"', True),
    ("actor", "country", '"gb"', False),
    ("actor", "country", '"GBR"', False),
    ("actor", "part_of", "null", True),
    ("actor", "aliases", "[UK, Britain]", True),
    ("actor", "aliases", '[UK, "U\\u3164K"]', False),
    ("actor", "name", '"X\\u200eY"', False),
]


def _document(kind: str, key: str, value: str) -> str:
    """The base file of `kind` with `key` set to `value` (YAML text)."""
    base, top = BASES[kind]
    if kind != "actor" and key in top.by_name:  # a key of the file itself, beside its list
        return f"{key}: {value}\n{base}"
    lines = base.splitlines()
    for index, line in enumerate(lines):
        head = line.split(":", 1)[0]
        if head.lstrip(" -") == key:
            lines[index] = f"{head}: {value}"
            return "\n".join(lines) + "\n"
    indent = "    " if kind in ("topics", "sources") else ""
    return "\n".join([*lines, f"{indent}{key}: {value}"]) + "\n"


def _validate_accepts(kind: str, text: str) -> bool:
    loaded = Loader().load_bytes(text.encode("utf-8"), "sample.yaml")
    problems = list(loaded.problems)
    if loaded.tree is not None:
        conform(loaded.tree, BASES[kind][1], "sample.yaml", problems)
    return not problems


def test_the_samples_cover_every_rule_with_a_pattern() -> None:
    kinds = {BASES[kind][1] for kind, *_ in SAMPLES}
    covered = {
        field.kind
        for record in (*kinds, spec.TOPIC, spec.SOURCE)
        for field in record.fields
        if field.name in {key for _, key, *_ in SAMPLES}
    }
    assert {kind for kind in spec.Kind if kind.rule.pattern} <= covered


@pytest.mark.parametrize("kind", list(BASES))
def test_validate_and_check_jsonschema_agree(kind: str, tmp_path: Path) -> None:
    samples = [(key, value, valid) for k, key, value, valid in SAMPLES if k == kind]
    files = []
    for index, (key, value, _) in enumerate(samples):
        path = tmp_path / f"{index}.yaml"
        path.write_text(_document(kind, key, value), encoding="utf-8")
        files.append(path)
    schema = PROJECT / "schemas" / f"{kind}.schema.json"
    result = CliRunner().invoke(check_jsonschema, ["--schemafile", str(schema), "-o", "json", *map(str, files)])
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    rejected = {Path(error["filename"]).name for error in report["errors"]}
    for path, (key, value, valid) in zip(files, samples, strict=True):
        text = path.read_text(encoding="utf-8")
        verdicts = (_validate_accepts(kind, text), path.name not in rejected)
        assert verdicts == (valid, valid), f"{kind} {key}: {value}: validate, check-jsonschema = {verdicts}"


@pytest.mark.parametrize(
    ("kind", "text"), [("topics", "topics:\n"), ("sources", "sources:\n"), ("topics", "topics: []\n")]
)
def test_a_list_of_records_with_no_items_yet_is_valid_to_both(kind: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(text, encoding="utf-8")
    schema = PROJECT / "schemas" / f"{kind}.schema.json"
    result = CliRunner().invoke(check_jsonschema, ["--schemafile", str(schema), "-o", "json", str(path)])
    assert json.loads(result.stdout)["errors"] == []
    assert _validate_accepts(kind, text)
