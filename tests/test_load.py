"""The loader on its own: marks, strictness, and the C and pure-Python parsers agreeing."""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections import Counter
from pathlib import Path
from random import Random

import pytest
import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from conftest import VALID, Copy, invoke
from stancediff.format.load import Loader, YamlList, YamlMap, _base_60_tag

C_LOADER = Loader()
PURE_LOADER = Loader(yaml.SafeLoader)


def load(text: str, loader: Loader = C_LOADER):
    return loader.load_bytes(text.encode("utf-8"), "t.yaml")


def codes(text: str, loader: Loader = C_LOADER) -> list[str]:
    return [p.code for p in load(text, loader).problems]


def test_default_loader_is_libyaml() -> None:
    assert yaml.__with_libyaml__, "the project installs PyYAML with libyaml; the C path must be the one tested"
    assert C_LOADER.yaml_loader is yaml.CSafeLoader


def test_marks_of_keys_values_and_items() -> None:
    tree = load("a: 1\nlist:\n  - x\n  -   y\nnested: {k: v}\n").tree
    assert isinstance(tree, YamlMap)
    assert tree.mark == (1, 1)
    assert tree.key_marks == {"a": (1, 1), "list": (2, 1), "nested": (5, 1)}
    assert tree.value_marks["a"] == (1, 4)
    items = tree["list"]
    assert isinstance(items, YamlList) and items == ["x", "y"]
    assert items.item_marks == [(3, 5), (4, 7)]
    assert tree["nested"].value_marks == {"k": (5, 13)}


def test_yaml_11_values_are_kept_with_their_source_text() -> None:
    tree = load("country: NO\nid: 0755\ndate: 2019-05-14\nyear: 2019\nname: Ren\n").tree
    assert tree == {"country": False, "id": 493, "date": datetime.date(2019, 5, 14), "year": 2019, "name": "Ren"}
    assert tree.plain == {"country": "NO", "id": "0755", "date": "2019-05-14", "year": "2019"}


def test_base_60_values_are_numbers_as_yaml_11_reads_them() -> None:
    assert load("a: 1:30\nb: -1:00:01\nc: 1:30.5\n").tree == {"a": 90, "b": -3601, "c": 90.5}


# PyYAML builds a base-60 integer in quadratic time (1.2 MB: 37 s); Python refuses to
# read a decimal integer of more than 4,300 digits (so it stayed text, silently), and
# a long hex one became an integer that no message could print (an internal error).
LONG_NUMBERS = {
    "base 60": "1" + ":59" * 10_000,
    "base 60 float": "1" + ":59" * 10_000 + ".5",
    "decimal": "1" * 5_000,
    "decimal with underscores": "1_" * 3_000 + "1",
    "hexadecimal": "0x" + "f" * 5_000,
    "octal": "0" + "7" * 5_000,
    "binary": "0b" + "1" * 5_000,
    "float": "1." + "1" * 5_000,
}


@pytest.mark.parametrize("value", LONG_NUMBERS.values(), ids=LONG_NUMBERS.keys())
def test_a_long_number_stays_text_with_a_problem(value: str) -> None:
    found = load(f"name: {value}\n")
    assert found.tree == {"name": value}
    (problem,) = found.problems
    assert (problem.code, problem.line, problem.column) == ("long-number", 1, 7)
    assert f"{len(value):,} characters" in problem.message
    assert len(problem.message) < 400  # the value shortened, once


def test_numbers_up_to_the_limit_are_numbers() -> None:
    assert load("a: " + "9" * 100 + "\n").tree == {"a": int("9" * 100)}
    assert load("a: 1" + ":00" * 33 + "\n").tree == {"a": 60**33}
    assert [p.code for p in load("a: " + "9" * 101 + "\n").problems] == ["long-number"]


def test_a_long_number_in_a_date_is_reported_not_an_internal_error(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "date: 2021-03-02", "date: 0x" + "f" * 5_000)
    result = invoke("validate", "--positions", str(data.positions), "--sources-dir", str(data.sources))
    assert result.exit_code == 1
    codes = [line.split()[2] for line in result.stdout.splitlines() if ": error " in line]
    assert codes == ["invalid-date", "long-number"]  # the value left as text is no date either
    assert all(len(line) < 500 for line in result.stdout.splitlines())


def test_invalid_calendar_date_stays_a_string() -> None:
    assert load("date: 2019-02-30\n").tree == {"date": "2019-02-30"}


def test_duplicate_key_names_the_first_line() -> None:
    found = load("a: 1\nb: 2\na: 3\n")
    (problem,) = found.problems
    assert (problem.code, problem.line, problem.column) == ("duplicate-key", 3, 1)
    assert "first given at line 1" in problem.message
    assert found.tree == {"a": 1, "b": 2}  # the first value stands


def test_alias_bomb_is_refused_without_expanding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    found = load("\n".join(lines) + "\n")
    assert {"anchor", "alias"} == {p.code for p in found.problems}


def test_recursive_alias_is_refused() -> None:
    assert "alias" in codes("a: &a [*a]\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system [echo]\n",
        "a: !!binary aGk=\n",
        "a: !custom x\n",
        "a: !!str 1\n",
        "a: ! x\n",
        "!!map {a: 1}\n",
    ],
)
def test_every_explicit_tag_is_refused(text: str) -> None:
    assert "tag" in codes(text)


def test_keys_must_be_strings() -> None:
    found = load("1: a\nnull: b\n[x]: c\ntrue: d\nok: e\n")
    assert [p.code for p in found.problems] == ["key-not-string"] * 4
    assert found.tree == {"ok": "e"}


def test_quoted_keys_are_strings() -> None:
    assert load('"1": a\n"<<": b\n').tree == {"1": "a", "<<": "b"}


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    found = Loader(max_bytes=100).load_path(path, "big.yaml")
    assert [p.code for p in found.problems] == ["file-too-large"]


def test_fifo_is_not_opened(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.yaml")
    found = C_LOADER.load_path(tmp_path / "pipe.yaml", "pipe.yaml")
    assert [p.code for p in found.problems] == ["unreadable"]


def test_many_bad_characters_are_counted_not_listed() -> None:
    found = load("a: '" + "\x01" * 500 + "'\n")
    assert len(found.problems) == 20
    assert "481 more in this file" in found.problems[-1].message


def test_lone_surrogate_escape_is_refused_by_both_parsers() -> None:
    # libyaml refuses the escape itself; PyYAML's parser decodes it, and the loader refuses it.
    assert codes('a: "\\ud800"\n', C_LOADER) in (["yaml-syntax"], ["bad-character"])
    assert codes('a: "\\ud800"\n', PURE_LOADER) == ["bad-character"]


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a: " + "{b: " * 50_000 + "c" + "}" * 50_000 + "\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 200)),
        "a:\n" + "- " * 50_000 + "x\n",
    ],
    ids=["brackets", "braces", "indented", "dashes"],
)
def test_deep_nesting_does_not_crash_the_process(tmp_path: Path, text: str) -> None:
    # yaml.load(brackets, Loader=yaml.CSafeLoader) dies of SIGSEGV in libyaml's
    # recursive composer, so run the real CLI in a child process.
    data = tmp_path / "positions"
    (data / "actors").mkdir(parents=True)
    (data / "topics.yaml").write_text("topics: []\n")
    (data / "sources.yaml").write_text("sources: []\n")
    (data / "actors" / "deep.yaml").write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "stancediff", "validate", "--positions", str(data)],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "too-deep" in result.stdout
    assert "Traceback" not in result.stderr


def test_both_parsers_agree_on_the_valid_fixture() -> None:
    for path in sorted(VALID.rglob("*.yaml")):
        data = path.read_bytes()
        c, pure = C_LOADER.load_bytes(data, path.name), PURE_LOADER.load_bytes(data, path.name)
        assert c.tree == pure.tree and c.problems == pure.problems == ()
        assert _marks(c.tree) == _marks(pure.tree)


def _marks(node: object) -> list:
    if isinstance(node, YamlMap):
        return [node.mark, node.key_marks, node.value_marks, dict(node.plain), *(_marks(v) for v in node.values())]
    if isinstance(node, YamlList):
        return [node.mark, node.item_marks, dict(node.plain), *(_marks(v) for v in node)]
    return []


def test_base_60_values_are_told_apart_as_pyyaml_does() -> None:
    # Values with more colons than a timestamp are told apart from text without PyYAML's
    # patterns (which use memory in proportion to the colons); both must agree.
    resolver, random = Resolver(), Random(60)
    seen = Counter()
    for _ in range(20_000):
        parts = [str(random.randint(0, 70)).zfill(random.choice((1, 2))) for _ in range(random.randint(5, 8))]
        value = random.choice(("", "-", "+", "0", "1_")) + ":".join(parts)
        value += random.choice(("", "", ".5", ".", "x", ":", ".5_1", "::1", " ", "e5"))
        if random.random() < 0.2:
            value = "".join(random.choice("0123456789:::_.-+x") for _ in range(len(value)))
        if value.count(":") > 4:
            tag = resolver.resolve(ScalarNode, value, (True, False))
            assert _base_60_tag(value) == tag, value
            seen[tag] += 1
    assert min(seen.values()) > 500  # each of int, float and str, often
