"""Check datasets held in memory, as yamllint's RuleTestCase does: YAML text in, (code, line, column) out.

    problems = check_texts({**FIXTURE, "actors/x.yaml": "id: x\\n..."}, only=("references",))
    assert codes(problems) == [("unknown-topic", 7, 12)]

`FIXTURE` is the valid fixture dataset (tests/fixtures/valid/positions) as
texts by name; `edited` changes one of them. Quotes are checked against the
fixture's archived texts when `sources_dir` is given.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path

from stancediff.checks import Context
from stancediff.checks.validate import check_reading
from stancediff.format.dataset import read_texts
from stancediff.format.load import Loader
from stancediff.problems import Problem, Report

VALID = Path(__file__).parent / "fixtures" / "valid"
SOURCES = VALID / "sources"
TODAY = datetime.date(2026, 1, 1)


def _fixture() -> dict[str, str]:
    root = VALID / "positions"
    return {str(path.relative_to(root)): path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.yaml"))}


FIXTURE: Mapping[str, str] = _fixture()


def edited(name: str, old: str, new: str) -> dict[str, str]:
    """The fixture with the first `old` in file `name` replaced by `new` (`old` must be there)."""
    assert old in FIXTURE[name], f"{old!r} not in {name}"
    return {**FIXTURE, name: FIXTURE[name].replace(old, new, 1)}


def check_texts(
    files: Mapping[str, str | bytes],
    only: Iterable[str] = (),
    sources_dir: Path | None = None,
    loader: Loader | None = None,
    max_quoted: float | None = None,
) -> Report:
    """Read `files` and run the checks named in `only` (else every check), as `validate` does."""
    context = Context(today=TODAY, sources_dir=sources_dir, max_quoted=max_quoted)
    return check_reading(read_texts(files, loader=loader), context, tuple(only))


def codes(found: Report | Iterable[Problem]) -> list[tuple[str, int, int]]:
    """(code, line, column) of each problem, in report order."""
    problems = found.problems if isinstance(found, Report) else found
    return [(p.code, p.line, p.column) for p in problems]
