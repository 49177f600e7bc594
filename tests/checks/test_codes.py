"""Every problem code is declared once, by the module that reports it, and tested in that module's test module.

All derived from the code: the declarations are read from each module's
source, the codes a check reports from the string literals of its source.
"""

from __future__ import annotations

import ast
import importlib
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

import stancediff
from stancediff import checks
from stancediff.problems import CATALOGUE, Section

PACKAGE = Path(stancediff.__file__).parent


def _module_name(path: Path) -> str:
    return ".".join(("stancediff", *path.relative_to(PACKAGE).with_suffix("").parts))


def _is_codes(statement: ast.stmt) -> bool:
    """Whether a top-level statement is a declaration `CODES = {...}`."""
    targets = statement.targets if isinstance(statement, ast.Assign) else [getattr(statement, "target", None)]
    return any(isinstance(target, ast.Name) and target.id == "CODES" for target in targets)


def _parse(module: str) -> ast.Module:
    path = PACKAGE.joinpath(*module.split(".")[1:]).with_suffix(".py")
    return ast.parse(path.read_text(encoding="utf-8"))


def declared(tree: ast.Module) -> list[str]:
    """The codes the module's source declares in `CODES`, in order."""
    keys = [
        key.value
        for statement in tree.body
        if _is_codes(statement) and isinstance(value := getattr(statement, "value", None), ast.Dict)
        for key in value.keys
        if isinstance(key, ast.Constant)
    ]
    return [key for key in keys if isinstance(key, str)]


def named(tree: ast.Module) -> set[str]:
    """The problem codes the module's source names outside its `CODES`: those it reports, or reads."""
    return {
        node.value
        for statement in tree.body
        if not _is_codes(statement)
        for node in ast.walk(statement)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in CATALOGUE
    }


SOURCES = {_module_name(path): ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}
DECLARING = {module: codes for module, tree in SOURCES.items() if (codes := declared(tree))}


def test_every_code_is_declared_exactly_once() -> None:
    counts = Counter(code for codes in DECLARING.values() for code in codes)
    assert [code for code, times in counts.items() if times > 1] == []
    assert sorted(counts) == sorted(CATALOGUE)


def test_the_catalogue_merges_every_module_that_declares_codes() -> None:
    assert sorted(section.module for section in CATALOGUE.sections) == sorted(DECLARING)
    for section in CATALOGUE.sections:
        assert list(section.codes) == DECLARING[section.module]


def test_every_check_is_run() -> None:
    """Each module of checks/ with a part of a check (`of_actor`, `across`) is one of the checks `validate`
    runs, and each of its parts is registered under its name (the quotes' `across` has a pass of its own)."""
    parts = {
        module: {node.name for node in tree.body if isinstance(node, ast.FunctionDef)} & {"of_actor", "across"}
        for module, tree in SOURCES.items()
        if module.startswith("stancediff.checks.")
    }
    assert {module for module, found in parts.items() if found} == {module.__name__ for module in checks.MODULES}
    for module, name in zip(checks.MODULES, checks.NAMES, strict=True):
        assert name == module.__name__.rpartition(".")[2]
        if "of_actor" in parts[module.__name__]:
            assert checks.OF_ACTOR[name] is module.of_actor
        if "across" in parts[module.__name__] and module is not checks.quotes:
            assert checks.ACROSS[name] is module.across
    assert set(checks.OF_ACTOR) | set(checks.ACROSS) == set(checks.NAMES) - {"quotes"}


@pytest.mark.parametrize("module", checks.MODULES, ids=lambda m: m.__name__)
def test_a_check_reports_exactly_the_codes_it_declares(module: ModuleType) -> None:
    assert named(_parse(module.__name__)) == set(DECLARING.get(module.__name__, ()))


def test_every_code_is_named_outside_its_declaration() -> None:
    """No code is declared and never reported: each is named in some module's code besides its `CODES`."""
    used = set().union(*(named(tree) for tree in SOURCES.values()))
    assert sorted(set(CATALOGUE) - used) == []


@pytest.mark.parametrize("section", CATALOGUE.sections, ids=lambda s: s.module)
def test_every_code_has_an_example_in_its_module_test(section: Section) -> None:
    """A module that declares codes has tests/checks/test_<module>.py, with one example for each of its codes."""
    tests = importlib.import_module(f"checks.test_{section.module.rpartition('.')[2]}")
    assert sorted(tests.EXAMPLES) == sorted(section.codes)


def test_each_section_has_a_heading() -> None:
    """docs/problems.md heads each section with its docstring's first words, "Heading: what it checks"."""
    for section in CATALOGUE.sections:
        heading, colon, rest = section.doc.partition(": ")
        assert colon and rest and "\n" not in heading and len(heading) < 40, section.module
