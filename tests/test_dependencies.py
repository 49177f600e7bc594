"""Every dependency is bounded: its lowest version is pinned in constraints/lowest.txt, which .ci/run tests with,
and its upper bound is its next major version (the next minor below 1.0). Read from pyproject.toml itself."""

from __future__ import annotations

import re

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import PROJECT

tomllib = pytest.importorskip("tomllib", reason="Python 3.11's tomllib reads pyproject.toml")

PROJECT_TABLE = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
REQUIREMENTS = [
    requirement
    for text in (
        *PROJECT_TABLE["dependencies"],
        *(r for extra in PROJECT_TABLE["optional-dependencies"].values() for r in extra),
    )
    if canonicalize_name((requirement := Requirement(text)).name) != "stancediff"  # an extra of its own
]
LOWEST = PROJECT / "constraints" / "lowest.txt"


def _bound(requirement: Requirement, operator: str) -> Version:
    (version,) = [Version(s.version) for s in requirement.specifier if s.operator == operator]
    return version


def _pins() -> dict[str, Version]:
    lines = [line.strip() for line in LOWEST.read_text(encoding="utf-8").splitlines()]
    pins = [re.fullmatch(r"([A-Za-z0-9._-]+)==([0-9][0-9A-Za-z.]*)", line) for line in lines if line and line[0] != "#"]
    assert all(pins), "constraints/lowest.txt holds only comments and name==version lines"
    return {canonicalize_name(m.group(1)): Version(m.group(2)) for m in pins if m}


def test_the_lowest_versions_are_the_lower_bounds() -> None:
    lower = {canonicalize_name(r.name): _bound(r, ">=") for r in REQUIREMENTS}
    assert _pins() == lower
    pinned = [line.split("==")[1] for line in LOWEST.read_text(encoding="utf-8").splitlines() if "==" in line]
    assert pinned == [str(_bound(r, ">=")) for r in REQUIREMENTS], "in pyproject's order, each spelled the same"


@pytest.mark.parametrize("requirement", REQUIREMENTS, ids=lambda r: r.name)
def test_the_upper_bound_is_the_next_major_version(requirement: Requirement) -> None:
    assert {s.operator for s in requirement.specifier} == {">=", "<"}
    lower, upper = _bound(requirement, ">="), _bound(requirement, "<")
    if lower.major >= 1:
        assert upper.release == (upper.major,) and upper.major > lower.major
    else:  # below 1.0 a minor version may break: the next minor, or 1.0
        assert upper.release in ((0, upper.minor), (1,)) and (upper.major, upper.minor) > (0, lower.minor)


def test_ci_tests_the_lowest_versions() -> None:
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -c constraints/lowest.txt -e '.[test]'" in ci
    assert ".venv-lowest/bin/python -m pytest -q -m slow" in ci
