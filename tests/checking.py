"""Check datasets held in memory, as yamllint's RuleTestCase does: YAML text in, (code, line, column) out.

    problems = check_texts({**FIXTURE, "actors/x.yaml": "id: x\\n..."}, only=("references",))
    assert codes(problems) == [("unknown-topic", 7, 12)]

`FIXTURE` is the valid fixture dataset (tests/fixtures/valid/positions) as
texts by name; `edited` changes one of them, `with_actor` adds an actor of one
stance (`ACTOR`), changed in one place. Quotes are checked against the
fixture's archived texts when `sources_dir` is given; `sources_with` copies
them with one file replaced.

Each module that declares problem codes has a test module in tests/checks/
whose `EXAMPLES` give one small case per code (`Example`), which
`assert_example` runs; tests/checks/test_codes.py holds every module to it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

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


# An actor file of one stance, to add to the fixture and break in one place.
ACTOR = """\
id: x
name: X
kind: person
stances:
  - topic: congestion-charge
    position: support
    date: 2021-03
    basis: stated
    summary: X backs it.
    evidence:
      - source: harbour-gazette-2021-03-03
        quote: "A charge is the fairest way to pay for the trams,"
"""


def with_actor(old: str = "", new: str = "", name: str = "actors/x.yaml") -> dict[str, str | bytes]:
    """The fixture and `ACTOR` as file `name`, its first `old` replaced by `new` (`old` must be there)."""
    assert old in ACTOR
    return {**FIXTURE, name: ACTOR.replace(old, new, 1)}


def sources_with(tmp_path: Path, name: str, content: bytes) -> Path:
    """A copy of the fixture's archive with `name` replaced by `content`."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for path in SOURCES.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / name).unlink()
    (folder / name).write_bytes(content)
    return folder


class Example(NamedTuple):
    """A case that produces a problem code at `line` and `column`: `run(tmp_path)` reads and checks a dataset."""

    line: int
    column: int
    run: Callable[[Path], Report]


def assert_example(code: str, example: Example, tmp_path: Path) -> None:
    found = codes(example.run(tmp_path))
    assert (code, example.line, example.column) in found, found
