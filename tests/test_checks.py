"""Every problem code, produced in memory from YAML text: (code, line, column) out.

`EXAMPLES` holds one small case per code of the catalogue, and a test fails
when a code has none, so every code is produced by at least one test.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from checking import FIXTURE, SOURCES, check_texts, codes, edited
from stancediff import checks
from stancediff.checks.validate import validate
from stancediff.format.dataset import read_texts
from stancediff.format.load import Loader
from stancediff.problems import CATALOGUE, Report

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


Example = Callable[[Path], Report]
EXAMPLES: dict[str, tuple[Example, tuple[int, int]]] = {}


def example(code: str, line: int, column: int) -> Callable[[Example], Example]:
    def register(function: Example) -> Example:
        EXAMPLES[code] = (function, (line, column))
        return function

    return register


# Reading a file
@example("unreadable", 1, 1)
def _unreadable(tmp_path: Path) -> Report:
    positions = tmp_path / "positions"
    (positions / "actors" / "x.yaml").mkdir(parents=True)
    for name, text in FIXTURE.items():
        (positions / name).write_text(text, encoding="utf-8")
    return validate(positions, today=datetime.date(2026, 1, 1))


example("file-too-large", 1, 1)(lambda _: check_texts(with_actor(), loader=Loader(max_bytes=100)))
example("skipped-file", 1, 1)(lambda _: check_texts({**FIXTURE, "actors/x.YAML": ACTOR}))
example("not-utf8", 2, 8)(lambda _: check_texts({**FIXTURE, "actors/x.yaml": b"id: x\nname: X\xe9\n"}))
example("bad-character", 2, 7)(lambda _: check_texts(with_actor("name: X", 'name: "X\\x07"')))
example("yaml-syntax", 3, 5)(lambda _: check_texts(with_actor("name: X", "name: [X")))
example("empty-file", 1, 1)(lambda _: check_texts({**FIXTURE, "actors/x.yaml": "# nothing\n"}))
example("multiple-documents", 13, 1)(lambda _: check_texts(with_actor('trams,"\n', 'trams,"\n---\nid: y\n')))
example("root-not-mapping", 1, 1)(lambda _: check_texts({**FIXTURE, "actors/x.yaml": "- x\n"}))
example("too-many-nodes", 3, 7)(lambda _: check_texts(with_actor(), loader=Loader(max_nodes=6)))
example("more-problems", 204, 1)(
    lambda _: check_texts(with_actor("kind: person\n", "kind: person\n" + "".join(f"k{n}: v\n" for n in range(250))))
)
example("too-deep", 2, 70)(lambda _: check_texts({**FIXTURE, "actors/x.yaml": "id: x\nname: " + "[" * 70 + "\n"}))
example("duplicate-key", 3, 1)(lambda _: check_texts(with_actor("name: X\n", "name: X\nname: Y\n")))
example("key-not-string", 3, 1)(lambda _: check_texts(with_actor("name: X\n", "name: X\n1: one\n")))
example("anchor", 2, 7)(lambda _: check_texts(with_actor("name: X", "name: &a X")))
example("alias", 3, 14)(lambda _: check_texts(with_actor("name: X\n", "name: &a X\ndescription: *a\n")))
example("merge-key", 3, 1)(lambda _: check_texts(with_actor("name: X\n", "name: X\n<<: {}\n")))
example("tag", 2, 7)(lambda _: check_texts(with_actor("name: X", "name: !!str X")))


@example("internal-error", 1, 1)
def _internal_error(tmp_path: Path) -> Report:
    def broken(actor: object, scope: object) -> object:
        raise RuntimeError("boom")

    saved = checks.OF_ACTOR["dates"]
    checks.OF_ACTOR["dates"] = broken  # a check with a bug: the run goes on and says so
    try:
        return check_texts(FIXTURE)
    finally:
        checks.OF_ACTOR["dates"] = saved


# Layout and schema
example("missing-file", 1, 1)(lambda _: check_texts({k: v for k, v in FIXTURE.items() if k != "topics.yaml"}))
example("missing-key", 5, 5)(lambda _: check_texts(with_actor("    position: support\n", "")))
example("unknown-key", 4, 1)(lambda _: check_texts(with_actor("kind: person\n", "kind: person\nnmae: Y\n")))
example("wrong-type", 2, 7)(lambda _: check_texts(with_actor("name: X", "name: yes")))
example("empty-value", 2, 7)(lambda _: check_texts(with_actor("name: X", 'name: "  "')))
example("invalid-choice", 3, 7)(lambda _: check_texts(with_actor("kind: person", "kind: people")))
example("invalid-id", 5, 12)(lambda _: check_texts(with_actor("topic: congestion-charge", "topic: Congestion")))
example("invisible-character", 2, 7)(lambda _: check_texts(with_actor("name: X", "name: X\u200bY")))
example("invalid-format", 4, 10)(lambda _: check_texts(with_actor("kind: person\n", 'kind: person\ncountry: "es"\n')))
example("id-mismatch", 1, 5)(lambda _: check_texts(with_actor("id: x", "id: y")))
# References and uniqueness
example("unknown-topic", 5, 12)(lambda _: check_texts(with_actor("topic: congestion-charge", "topic: tolls")))
example("unknown-source", 11, 17)(lambda _: check_texts(with_actor("source: harbour-gazette-2021-03-03", "source: g")))
example("unknown-actor", 4, 10)(lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: city\n")))
example("part-of-cycle", 4, 10)(lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: x\n")))
example("duplicate-id", 9, 9)(
    lambda _: check_texts(
        edited("topics.yaml", "topics:\n", "topics:\n  - id: weekend-charge\n    title: T\n    proposition: P.\n")
    )
)
example("duplicate-stance", 13, 5)(
    lambda _: check_texts(with_actor('trams,"\n', 'trams,"\n' + ACTOR.split("stances:\n")[1]))
)
# Dates and evidence
example("invalid-date", 7, 11)(lambda _: check_texts(with_actor("date: 2021-03", "date: 2021-02-30")))
example("future-date", 7, 11)(lambda _: check_texts(with_actor("date: 2021-03", "date: 2999")))
example("no-evidence", 10, 15)(
    lambda _: check_texts(with_actor(ACTOR[ACTOR.index("    evidence:") :], "    evidence: []\n"))
)
example("stance-after-sources", 7, 11)(lambda _: check_texts(with_actor("date: 2021-03", "date: 2021-04")))
example("long-quote", 12, 16)(lambda _: check_texts(with_actor("A charge is", "word " * 61 + "A charge is")))


# Quotes against the archive
def _quote_case(tmp_path: Path, sources_yaml: str, archive: tuple[str, bytes] | None = None) -> Report:
    folder = sources_with(tmp_path, *archive) if archive else SOURCES
    return check_texts({**FIXTURE, "sources.yaml": sources_yaml}, sources_dir=folder)


def _sources(old: str, new: str) -> str:
    return FIXTURE["sources.yaml"].replace(old, new, 1)


example("quote-not-found", 15, 16)(
    lambda _: check_texts(edited("actors/mayor.yaml", "fairest way", "best way"), sources_dir=SOURCES)
)
example("archive-missing", 1, 10)(
    lambda _: check_texts(edited("sources.yaml", "sources:\n", "archive: no-such-folder\nsources:\n"))
)
example("source-file-missing", 7, 11)(lambda t: _quote_case(t, _sources("file: harbour-gazette.txt", "file: gone.txt")))
example("source-file-unsafe", 7, 11)(lambda t: _quote_case(t, _sources("file: harbour-gazette.txt", "file: ../x.txt")))
example("source-file-unreadable", 7, 11)(
    lambda t: _quote_case(t, FIXTURE["sources.yaml"], ("harbour-gazette.txt", b"caf\xe9"))
)
example("checksum-mismatch", 8, 13)(
    lambda t: _quote_case(t, FIXTURE["sources.yaml"], ("harbour-gazette.txt", b"other"))
)
example("quote-mid-word", 12, 16)(
    lambda _: check_texts(with_actor('"A charge is the', '"harge is the'), sources_dir=SOURCES)
)
# Warnings
example("source-uncheckable", 9, 9)(
    lambda _: check_texts(edited("sources.yaml", "    file: tram-review.txt\n", ""), sources_dir=SOURCES)
)
example("over-quoted", 9, 9)(
    lambda _: check_texts(
        with_actor(
            "source: harbour-gazette-2021-03-03",
            "source: tram-review-2021\n        quote: Her paper compares six cities of similar size over the decade"
            " after each introduced a charge. It finds that the effect on traffic was largest in the first year\n"
            "      - source: harbour-gazette-2021-03-03",
        ),
        sources_dir=SOURCES,
    )
)
example("unused-topic", 2, 9)(lambda _: check_texts(edited("topics.yaml", "id: congestion-charge", "id: never-used")))
example("unused-source", 2, 9)(
    lambda _: check_texts(
        edited("sources.yaml", "sources:\n", "sources:\n  - id: never-cited\n    title: T\n    date: 2020\n")
    )
)
example("no-stances", 1, 5)(lambda _: check_texts({**FIXTURE, "actors/x.yaml": "id: x\nname: X\nkind: person\n"}))


def test_every_code_has_an_example() -> None:
    assert sorted(set(CATALOGUE) - set(EXAMPLES)) == []


@pytest.mark.parametrize("code", list(EXAMPLES))
def test_example_produces_its_code(code: str, tmp_path: Path) -> None:
    run, mark = EXAMPLES[code]
    found = codes(run(tmp_path))
    assert (code, *mark) in found, found


def test_fixture_is_clean() -> None:
    assert codes(check_texts(FIXTURE, sources_dir=SOURCES)) == []


def test_one_run_finds_every_independent_defect() -> None:
    """A hand-written actor file full of mistakes: all of them in one run, none hidden by another."""
    actor = """\
id: mayor-of-the-city
name: Mayor
kind: mayor
country: es
part_of: council
stances:
  - topic: congestion-charges
    position: strongly-support
    date: 2999-01
    basis: stated
    summary: Backs it.
    evidence:
      - source: harbour-gazete
        quote: "A charge is the fairest way to pay for the trams,"
  - topic: congestion-charges
    position: support
    date: 2999-01
    basis: said
    summary: ""
    evidence: []
"""
    report = check_texts({**FIXTURE, "actors/mayor.yaml": actor}, sources_dir=SOURCES)
    assert [c for c in codes(report) if c[0] not in ("unused-topic",)] == [
        ("id-mismatch", 1, 5),
        ("invalid-choice", 3, 7),  # kind
        ("invalid-format", 4, 10),  # country
        ("unknown-actor", 5, 10),
        ("unknown-topic", 7, 12),
        ("invalid-choice", 8, 15),  # position
        ("future-date", 9, 11),
        ("unknown-source", 13, 17),
        ("duplicate-stance", 15, 5),
        ("unknown-topic", 15, 12),
        ("future-date", 17, 11),
        ("invalid-choice", 18, 12),  # basis
        ("empty-value", 19, 14),
        ("no-evidence", 20, 15),
    ]


def test_an_incomplete_record_is_left_out_of_the_views_only() -> None:
    dataset = read_texts(with_actor("    position: support\n", "")).dataset
    (actor,) = [a for a in dataset.actors if a.id == "x"]
    assert [s.complete for s in actor.stances] == [False]
    assert actor.stances[0].topic == "congestion-charge"  # still there for the checks
    (shown,) = [a for a in dataset.complete_records().actors if a.id == "x"]
    assert shown.stances == ()


def test_archive_paths_are_relative(tmp_path: Path) -> None:
    absolute = os.path.abspath(SOURCES / "harbour-gazette.txt")
    found = codes(_quote_case(tmp_path, _sources("file: harbour-gazette.txt", f"file: {absolute}")))
    assert ("source-file-unsafe", 7, 11) in found
