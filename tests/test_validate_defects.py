"""One defect at a time in an otherwise valid dataset: the right code, file and line.

The defects are checked in memory (tests/checking.py); a few tests at the end
go through the real CLI and files on disk.
"""

from __future__ import annotations

import pytest

from checking import SOURCES, check_texts, edited
from conftest import Copy, validate_json

LONG_QUOTE = " ".join(["word"] * 61)

# (file, old text, new text, code, line, words the message must contain)
DEFECTS = [
    ("actors/mayor.yaml", "    position: support", "    postion: support", "unknown-key", 8, 'did you mean "position"'),
    ("actors/mayor.yaml", "    position: support", "    postion: support", "missing-key", 7, "position"),
    (
        "actors/mayor.yaml",
        "name: Mayor of the city\n",
        "name: Mayor of the city\nname: Again\n",
        "duplicate-key",
        3,
        "first given at line 2",
    ),
    ("actors/mayor.yaml", "position: support", "position: suport", "invalid-choice", 8, 'did you mean "support"'),
    ("actors/mayor.yaml", 'country: "ES"', "country: NO", "wrong-type", 4, 'quote it: "NO"'),
    ("topics.yaml", "  - id: weekend-charge", "  - id: 0755", "wrong-type", 6, 'quote it: "0755"'),
    (
        "actors/mayor.yaml",
        "topic: weekend-charge",
        "topic: weekend-charges",
        "unknown-topic",
        16,
        'did you mean "weekend-charge"',
    ),
    (
        "actors/shopkeepers.yaml",
        "source: harbour-gazette-2021-03-03",
        "source: harbour-gazette",
        "unknown-source",
        11,
        "harbour-gazette",
    ),
    ("actors/lena-park.yaml", "part_of: null", "part_of: tram-reviewers", "unknown-actor", 4, "tram-reviewers"),
    ("actors/lena-park.yaml", "part_of: null", "part_of: lena-park", "part-of-cycle", 4, "lena-park -> lena-park"),
    ("actors/lena-park.yaml", "date: 2021", "date: 2999", "future-date", 8, "2999"),
    ("actors/shopkeepers.yaml", "date: 2021-03", "date: 2021-13", "invalid-date", 7, "2021-13"),
    ("actors/mayor.yaml", "date: 2021-03-02", "date: 2021-02-30", "invalid-date", 9, "2021-02-30"),
    ("actors/mayor.yaml", "topic: weekend-charge", "topic: congestion-charge", "duplicate-stance", 16, "line 7"),
    ("actors/lena-park.yaml", "id: lena-park", "id: lena-parks", "id-mismatch", 1, "lena-park"),
    ("topics.yaml", "id: congestion-charge", "id: Congestion_Charge", "invalid-id", 2, "Congestion_Charge"),
    ("topics.yaml", "  - id: weekend-charge", "  - id: congestion-charge", "duplicate-id", 6, "topics.yaml:2"),
    ("actors/lena-park.yaml", "    basis: stated\n", "", "missing-key", 6, "basis"),
    (
        "actors/lena-park.yaml",
        "    summary: Park expects a charge to cut traffic.",
        '    summary: ""',
        "empty-value",
        10,
        "summary",
    ),
    (
        "sources.yaml",
        "url: https://example.org/gazette/charge",
        "url: ftp://example.org/x",
        "invalid-format",
        6,
        "http",
    ),
    ("actors/shopkeepers.yaml", "kind: other", "kind: others", "invalid-choice", 3, "think-tank"),
    ("actors/shopkeepers.yaml", "kind: other", "kind: other\nrole: chair", "unknown-key", 4, "role"),
    # Evidence and quotes
    (
        "actors/shopkeepers.yaml",
        "    evidence:\n      - source: harbour-gazette-2021-03-03\n"
        '        quote: "a tax on the people who keep the old town alive"',
        "    evidence: []",
        "no-evidence",
        10,
        "no evidence",
    ),
    (
        "actors/shopkeepers.yaml",
        '"a tax on the people who keep the old town alive"',
        LONG_QUOTE,
        "long-quote",
        12,
        "61 words",
    ),
    (
        "actors/lena-park.yaml",
        "fewer cars and faster buses",
        "fewer cars and quicker buses",
        "quote-not-found",
        13,
        "fewer cars and faster buses",
    ),
    ("actors/shopkeepers.yaml", '"a tax on', '"A tax on', "quote-not-found", 12, "a tax on the people"),
    ("sources.yaml", "file: tram-review.txt", "file: tram.txt", "source-file-missing", 13, "tram.txt"),
    ("sources.yaml", "file: tram-review.txt", "file: ../../etc/passwd", "source-file-unsafe", 13, ".."),
    ("sources.yaml", "file: tram-review.txt", "file: /etc/passwd", "source-file-unsafe", 13, "absolute"),
    (
        "sources.yaml",
        "file: tram-review.txt",
        'file: "tram\\0review.txt"',
        "source-file-unsafe",
        13,
        "control character",
    ),
    (
        "sources.yaml",
        "sha256: ",
        "sha256: 0000000000000000000000000000000000000000000000000000000000000000\n    note: ",
        "unknown-key",
        9,
        "note",
    ),
    # YAML itself
    ("actors/mayor.yaml", "aliases: [Ana Ruiz]", "aliases: &names [Ana Ruiz]", "anchor", 5, "&names"),
    (
        "actors/mayor.yaml",
        "aliases: [Ana Ruiz]",
        "aliases: &names [Ana Ruiz]\ndescription: *names",
        "alias",
        6,
        "*names",
    ),
    ("actors/mayor.yaml", "name: Mayor of the city", "name: !custom Mayor", "tag", 2, "!custom"),
    (
        "actors/mayor.yaml",
        "name: Mayor of the city",
        "name: !!python/object/apply:os.system [ls]",
        "tag",
        2,
        "python/object",
    ),
    ("actors/mayor.yaml", "name: Mayor of the city", "name: !!binary aGVsbG8=", "tag", 2, "binary"),
    ("actors/mayor.yaml", "kind: person", "kind: person\n<<: {description: merged}", "merge-key", 4, "<<"),
    ("actors/mayor.yaml", "kind: person", "kind: person\n1: one", "key-not-string", 4, "an integer"),
    ("actors/mayor.yaml", "name: Mayor of the city", "name: [unclosed", "yaml-syntax", 3, "YAML syntax error"),
    ("actors/lena-park.yaml", "kind: analyst\n", "kind: analyst\n---\nid: other\n", "multiple-documents", 4, "second"),
    ("actors/mayor.yaml", "speaker: Ana Ruiz, mayor", "speaker: Ana \x1b[31mRuiz", "bad-character", 10, "\\x1b"),
    (
        "actors/mayor.yaml",
        "speaker: Ana Ruiz, mayor",
        "speaker: Ana \u202eRuiz",
        "bad-character",
        10,
        "RIGHT-TO-LEFT OVERRIDE",
    ),
    ("actors/mayor.yaml", "speaker: Ana Ruiz, mayor", 'speaker: "Ana \\u202eRuiz"', "bad-character", 10, "\\u202e"),
    ("actors/mayor.yaml", "speaker: Ana Ruiz, mayor", 'speaker: "Ana \\x07Ruiz"', "bad-character", 10, "\\x07"),
]


@pytest.mark.parametrize(
    ("name", "old", "new", "code", "line", "words"),
    DEFECTS,
    ids=[f"{d[3]}-{i}" for i, d in enumerate(DEFECTS)],
)
def test_one_defect(name: str, old: str, new: str, code: str, line: int, words: str) -> None:
    report = check_texts(edited(name, old, new), sources_dir=SOURCES)
    assert report.exit_code() == 1
    found = [p for p in report.problems if p.code == code and p.file.endswith(name)]
    assert found, f"no {code} in {name}: {report.problems}"
    assert any(p.line == line and words in p.message for p in found), found
    assert all(p.column >= 1 for p in report.problems)


def test_valid_fixture_is_clean(data: Copy) -> None:
    status, report = validate_json(data)
    assert (status, report["problems"]) == (0, [])
    assert report["counts"] == {
        "files": 5,
        "actors": 3,
        "stances": 4,
        "quotes": 4,
        "quotes_checked": 4,
        "quotes_unchecked": 0,
        "errors": 0,
        "warnings": 0,
    }


def test_columns_point_at_the_value(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "position: support", "position: strong-support")
    _, report = validate_json(data)
    (found,) = [p for p in report["problems"] if p["code"] == "invalid-choice"]
    assert (found["line"], found["column"]) == (8, 15)  # `    position: ` is 14 characters


def test_not_utf8(data: Copy) -> None:
    data.write("actors/shopkeepers.yaml", b"id: shopkeepers\nname: Caf\xe9\n")
    status, report = validate_json(data)
    assert status == 1
    (found,) = [p for p in report["problems"] if p["code"] == "not-utf8"]
    assert (found["line"], found["column"]) == (2, 10)
    assert "0xe9" in found["message"]


def test_utf8_bom_is_accepted(data: Copy) -> None:
    path = data.positions / "topics.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    status, report = validate_json(data)
    assert (status, report["problems"]) == (0, [])


@pytest.mark.parametrize("content", ["", "# only a comment\n", "---\n", "~\n"])
def test_empty_file(data: Copy, content: str) -> None:
    data.write("actors/shopkeepers.yaml", content)
    status, report = validate_json(data)
    assert status == 1
    assert [p["code"] for p in report["problems"] if "shopkeepers" in p["file"]] == ["empty-file"]


@pytest.mark.parametrize(
    ("content", "found"), [("- a list\n", "a list"), ("just text\n", "a string"), ("42\n", "an integer")]
)
def test_root_must_be_a_mapping(data: Copy, content: str, found: str) -> None:
    data.write("actors/shopkeepers.yaml", content)
    _, report = validate_json(data)
    (problem,) = [p for p in report["problems"] if "shopkeepers" in p["file"]]
    assert problem["code"] == "root-not-mapping" and found in problem["message"]


def test_checksum_mismatch(data: Copy) -> None:
    (data.sources / "tram-review.txt").write_text("Replaced text.\n", encoding="utf-8")
    _, report = validate_json(data)
    codes = {(p["code"], p["line"]) for p in report["problems"]}
    assert ("checksum-mismatch", 14) in codes
    assert ("quote-not-found", 13) in codes  # the quote is still checked against what is there


def test_symlink_leaving_the_sources_folder_is_refused(data: Copy, tmp_path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Every city that has tried it has seen fewer cars and faster buses,", encoding="utf-8")
    (data.sources / "tram-review.txt").unlink()
    (data.sources / "tram-review.txt").symlink_to(outside)
    _, report = validate_json(data)
    (found,) = [p for p in report["problems"] if p["code"] == "source-file-unsafe"]
    assert "symlink" in found["message"] and found["line"] == 13


def test_fifo_source_is_refused_without_hanging(data: Copy) -> None:
    import os

    (data.sources / "tram-review.txt").unlink()
    os.mkfifo(data.sources / "tram-review.txt")
    _, report = validate_json(data)
    (found,) = [p for p in report["problems"] if p["code"] == "source-file-unsafe"]
    assert "not a regular file" in found["message"]


def test_directory_named_like_an_actor_file(data: Copy) -> None:
    (data.positions / "actors" / "ghost.yaml").mkdir()
    status, report = validate_json(data)
    (found,) = [p for p in report["problems"] if p["file"].endswith("ghost.yaml")]
    assert status == 1 and found["code"] == "unreadable" and "not a regular file" in found["message"]


def test_missing_topics_file(data: Copy) -> None:
    (data.positions / "topics.yaml").unlink()
    status, report = validate_json(data)
    assert status == 1
    assert ("missing-file", "topics.yaml") in {(p["code"], p["file"].rsplit("/", 1)[-1]) for p in report["problems"]}


def test_every_problem_of_every_file_at_once(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "position: support", "position: strong-support")
    data.edit("actors/lena-park.yaml", "date: 2021", "date: 2999")
    data.edit("topics.yaml", "title: Weekend charge", "titel: Weekend charge")
    _, report = validate_json(data)
    codes = [p["code"] for p in report["problems"]]
    assert {"invalid-choice", "future-date", "unknown-key", "missing-key"} <= set(codes)
    keys = [(p["file"], p["line"], p["column"]) for p in report["problems"]]
    assert keys == sorted(keys)


def test_unused_source_and_actor_without_stances_are_warnings(data: Copy) -> None:
    data.edit(
        "sources.yaml",
        "sources:\n",
        "sources:\n  - id: never-cited\n    title: Never cited\n    date: 2020\n    url: https://example.org/n\n",
    )
    data.write("actors/bystander.yaml", "id: bystander\nname: A bystander\nkind: person\n")
    status, report = validate_json(data)
    found = {(p["code"], p["severity"], p["line"], p["file"].rsplit("/", 1)[-1]) for p in report["problems"]}
    assert found == {("unused-source", "warning", 2, "sources.yaml"), ("no-stances", "warning", 1, "bystander.yaml")}
    assert status == 0
    assert validate_json(data, "--strict")[0] == 1


@pytest.mark.parametrize("date", ['"2021-03-02"', "'2021-03'", '"2021"', "2021-03-02", "2021"])
def test_dates_as_strings_or_yaml_dates(data: Copy, date: str) -> None:
    data.edit("actors/lena-park.yaml", "date: 2021", f"date: {date}")
    status, report = validate_json(data)
    assert (status, report["problems"]) == (0, [])


def test_a_failing_check_does_not_hide_the_others(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in one check is reported as internal-error; every other check still reports."""
    from stancediff import checks

    def broken(actor, scope):
        yield from ()
        raise RuntimeError("boom")

    monkeypatch.setitem(checks.OF_ACTOR, "dates", broken)
    data.edit("actors/mayor.yaml", "topic: weekend-charge", "topic: weekend-charges")
    status, report = validate_json(data)
    assert status == 1
    codes = {p["code"]: p["message"] for p in report["problems"]}
    assert "unknown-topic" in codes
    assert "the dates check failed: RuntimeError('boom')" in codes["internal-error"]


LONG = "x" * 100_000
LONG_VALUES = [  # keys as `? KEY`, since a plain key is at most 1,024 characters
    ("actors/mayor.yaml", "name: Mayor of the city", f"name: &{LONG} Mayor", "anchor"),
    ("actors/mayor.yaml", "name: Mayor of the city", f"name: !{LONG} Mayor", "tag"),
    ("actors/mayor.yaml", "name: Mayor of the city", f"name: Mayor\n? {LONG}\n: 1\n? {LONG}\n: 2", "duplicate-key"),
    ("actors/mayor.yaml", "name: Mayor of the city", f"name: Mayor\n? {LONG}\n: 1", "unknown-key"),
    (
        "actors/mayor.yaml",
        "name: Mayor of the city",
        f"name: Mayor\n? 2001-12-14{' ' * 100_000}21:59:43\n: 1",
        "key-not-string",
    ),
    ("actors/mayor.yaml", "name: Mayor of the city", "name: 1" + ":59" * 100_000, "long-number"),
    ("actors/mayor.yaml", "position: support", f"position: {LONG}", "invalid-choice"),
    ("actors/mayor.yaml", "kind: person", f"kind: {LONG}", "invalid-choice"),
    ("topics.yaml", "  - id: weekend-charge", f"  - id: {LONG.upper()}", "invalid-id"),
    ("sources.yaml", "url: https://", f"url: ftp://{LONG}", "invalid-format"),
]


@pytest.mark.parametrize(("name", "old", "new", "code"), LONG_VALUES, ids=[v[3] for v in LONG_VALUES])
def test_messages_shorten_long_values(name: str, old: str, new: str, code: str) -> None:
    report = check_texts(edited(name, old, new))
    assert code in [p.code for p in report.problems]
    assert max(len(p.message) for p in report.problems) < 500
