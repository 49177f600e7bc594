"""`stancediff add`: records added from the command line, every other byte of the file kept, checked first."""

from __future__ import annotations

import hashlib
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Copy, invoke
from stancediff.curation import write

# An actor file as a person might write it: comments everywhere, odd indentation,
# flow lists and mappings, every quoting style, block scalars, blank lines.
ODD = """\
# yaml-language-server: $schema=../../schemas/actor.schema.json
# Lena Park, as the Tram Review quotes her.

id: lena-park   # the file name
name:    "Lena Park"
kind: 'person'
aliases: [ Lena,  "L. Park" ]   # two names
description: >-
  A folded
  description.
stances:
    # a comment before the first stance
    -   topic: congestion-charge
        position: lean-support
        date: "2021-04"
        basis: stated
        summary: |
          She backs a charge,
          with an exemption.
        conditions: [ 'exemption for residents' ]
        evidence:
        - {source: tram-review-2021, quote: "a charge would cut traffic by a fifth"}

    # between the items

# a comment at the end
"""

STANCE = [
    "--topic",
    "weekend-charge",
    "--position",
    "oppose",
    "--date",
    "2021-04",
    "--basis",
    "stated",
    "--summary",
    "She wants weekends free: no charge then.",
    "--condition",
    "NO",
]


@pytest.fixture
def archived(data: Copy) -> Copy:
    """The fixture dataset, naming its archive (../sources) in sources.yaml."""
    data.edit("sources.yaml", "sources:\n", "# the archived articles\narchive: ../sources\nsources:\n")
    return data


def quote_of(data: Copy) -> str:
    quote = "Every city that has tried it has seen fewer cars and faster buses,"
    assert quote in (data.sources / "tram-review.txt").read_text(encoding="utf-8")
    return quote


def add(data: Copy, *args: str) -> object:
    return invoke("add", *args, "--positions", str(data.positions))


def test_adding_a_stance_keeps_every_line_of_an_odd_file(archived: Copy) -> None:
    path = archived.write("actors/lena-park.yaml", ODD)
    result = add(archived, "stance", "lena-park", *STANCE, "--evidence", "tram-review-2021", quote_of(archived))
    assert result.exit_code == 0, result.stderr
    after = path.read_text(encoding="utf-8").splitlines()
    remaining = iter(after)
    assert all(line in remaining for line in ODD.splitlines())  # each original line, byte for byte, in order
    assert len(after) == len(ODD.splitlines()) + 9
    new = after[after.index("    -   topic: weekend-charge") :]
    assert new[:7] == [
        "    -   topic: weekend-charge",
        "        position: oppose",
        "        date: 2021-04",
        "        basis: stated",
        "        summary: 'She wants weekends free: no charge then.'",
        '        conditions: ["NO"]',  # YAML 1.1 would read NO unquoted as false
        "        evidence:",
    ]
    assert after[-1] == "# a comment at the end"
    validated = invoke("validate", "--positions", str(archived.positions), "--strict")
    assert validated.exit_code == 0, validated.stdout
    assert "(5 checked, 0 unchecked)" in validated.stdout


def test_a_quote_not_in_its_source_is_refused_with_the_closest_passage(archived: Copy) -> None:
    path = archived.positions / "actors/mayor.yaml"
    before = path.read_bytes()
    result = add(
        archived, "stance", "mayor", *STANCE, "--evidence", "tram-review-2021", "Every city has seen fewer cars"
    )
    assert result.exit_code == 1
    assert "quote-not-found" in result.stderr and "closest passage" in result.stderr
    assert 'closest passage (80% alike): "tried it has seen fewer cars and"' in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["lena-park.yaml", "mayor.yaml", "shopkeepers.yaml"]


def test_an_invalid_result_is_refused_and_the_file_is_unchanged(archived: Copy) -> None:
    path = archived.positions / "actors/mayor.yaml"
    before = path.read_bytes()
    stance = [*STANCE]
    stance[1] = "tolls"  # no such topic
    result = add(archived, "stance", "mayor", *stance, "--evidence", "tram-review-2021", quote_of(archived))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith('error unknown-topic topic "tolls" is not defined in topics.yaml')
    assert path.read_bytes() == before


def test_a_missing_field_off_a_terminal_is_exit_2_and_nothing_is_asked(archived: Copy) -> None:
    path = archived.positions / "actors/mayor.yaml"
    before = path.read_bytes()
    without_date = STANCE[:4] + STANCE[6:]
    result = add(archived, "stance", "mayor", *without_date, "--evidence", "tram-review-2021", quote_of(archived))
    assert result.exit_code == 2
    assert "missing --date" in result.stderr and "Usage:" in result.stderr
    assert result.stdout == ""  # no question was asked
    result = add(archived, "stance", "mayor", *STANCE)
    assert result.exit_code == 2 and "missing --evidence SOURCE QUOTE" in result.stderr
    assert add(archived, "actor", "--id", "x", "--name", "X").exit_code == 2
    assert path.read_bytes() == before


def test_quotes_cannot_be_added_unchecked(data: Copy) -> None:
    result = add(data, "stance", "mayor", *STANCE, "--evidence", "tram-review-2021", quote_of(data))
    assert result.exit_code == 2 and "cannot check the quotes" in result.stderr
    ok = invoke(
        "add", "stance", "mayor", *STANCE, "--evidence", "tram-review-2021", quote_of(data),
        "--sources-dir", str(data.sources), "--positions", str(data.positions),
    )  # fmt: skip
    assert ok.exit_code == 0, ok.stderr


def test_an_interrupted_write_leaves_the_old_file(archived: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    path = archived.positions / "actors/mayor.yaml"
    before = path.read_bytes()

    def interrupted(source: str, target: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write.os, "replace", interrupted)
    result = add(archived, "stance", "mayor", *STANCE, "--evidence", "tram-review-2021", quote_of(archived))
    assert result.exit_code == 1 and "Aborted" in result.stderr  # click's answer to Ctrl-C
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_add_topic_keeps_the_file_and_quotes_what_yaml_would_misread(archived: Copy) -> None:
    path = archived.positions / "topics.yaml"
    before = path.read_text(encoding="utf-8")
    result = add(archived, "topic", "--id", "night-trams", "--title", "Night trams", "--proposition", "Yes.")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"added topic night-trams: {archived.positions / 'topics.yaml'}\n"
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before) :] == "  - id: night-trams\n    title: Night trams\n    proposition: Yes.\n"
    duplicate = add(archived, "topic", "--id", "night-trams", "--title", "Again", "--proposition", "No.")
    assert duplicate.exit_code == 1 and "duplicate-id" in duplicate.stderr
    assert path.read_text(encoding="utf-8") == after


def test_add_actor_writes_a_new_file_and_never_over_one(archived: Copy) -> None:
    args = ["actor", "--id", "harbour-board", "--name", "Harbour Board", "--kind", "agency", "--country", "NO"]
    result = add(archived, *args, "--alias", "the Board")
    assert result.exit_code == 0, result.stderr
    path = archived.positions / "actors/harbour-board.yaml"
    assert path.read_text(encoding="utf-8") == (
        'id: harbour-board\nname: Harbour Board\nkind: agency\ncountry: "NO"\naliases: [the Board]\n'
    )
    mayor = archived.positions / "actors/mayor.yaml"
    before = mayor.read_bytes()
    again = add(archived, "actor", "--id", "mayor", "--name", "Someone else", "--kind", "person")
    assert again.exit_code == 2 and "not overwriting" in again.stderr
    assert mayor.read_bytes() == before


def test_add_source_copies_the_text_into_the_archive_with_its_sha256(data: Copy, tmp_path: Path) -> None:
    data.edit("sources.yaml", "sources:\n", "archive: archive\nsources:\n")
    data.sources.rename(data.positions / "archive")
    article = tmp_path / "council-vote.txt"
    article.write_bytes(b"The council voted on Monday.\n")
    args = [
        "source",
        str(article),
        "--title",
        "[Council votes]",
        "--date",
        "2021-05-03",
        "--url",
        "https://example.org/v",
    ]
    result = add(data, *args)
    assert result.exit_code == 0, result.stderr
    assert "added source council-votes-2021-05-03" in result.stdout
    copied = data.positions / "archive" / "council-vote.txt"
    assert copied.read_bytes() == article.read_bytes()
    digest = hashlib.sha256(article.read_bytes()).hexdigest()
    text = (data.positions / "sources.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - id: council-votes-2021-05-03\n    title: '[Council votes]'\n    date: 2021-05-03\n"
        f"    url: https://example.org/v\n    file: council-vote.txt\n    sha256: {digest}\n"
    )
    again = add(data, *args)
    assert again.exit_code == 2
    assert 'archived already, as source "council-votes-2021-05-03" (council-vote.txt)' in again.stderr
    same = tmp_path / "copy-of-the-vote.txt"
    same.write_bytes(article.read_bytes())
    twice = add(data, "source", str(same), "--title", "The vote again", "--date", "2021-05-03")
    assert twice.exit_code == 2 and 'as source "council-votes-2021-05-03"' in twice.stderr
    article.write_bytes(b"Another text.\n")
    other = add(data, *args, "--id", "council-votes-again")
    assert other.exit_code == 2 and "not overwriting" in other.stderr
    assert copied.read_bytes() == b"The council voted on Monday.\n"


def test_add_source_refers_to_a_text_already_in_the_archive_and_never_writes_outside(
    archived: Copy, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Words.\n", encoding="utf-8")
    # The archive beside the dataset folder (`../sources`), outside git: the text is copied in.
    copied = add(archived, "source", str(outside), "--title", "Elsewhere", "--date", "2021")
    assert copied.exit_code == 0, copied.stderr
    assert (archived.sources / "elsewhere.txt").read_text(encoding="utf-8") == "Words.\n"
    # An archive that leads out of the project, by its path or through a symlink: never written to.
    far = tmp_path / "far-archive"
    far.mkdir()
    other = tmp_path / "other.txt"
    other.write_text("Other words.\n", encoding="utf-8")
    for archive in (os.path.relpath(far, archived.positions), "linked"):
        if archive == "linked":
            os.symlink(far, archived.positions / "linked")
        text = (archived.positions / "sources.yaml").read_text(encoding="utf-8")
        (archived.positions / "sources.yaml").write_text(re.sub(r"archive: .*", f"archive: {archive}", text))
        refused = add(archived, "source", str(other), "--title", "Other", "--date", "2021")
        assert refused.exit_code == 2 and "lies outside the folder that holds the dataset folder" in refused.stderr
        assert list(far.iterdir()) == []
    text = (archived.positions / "sources.yaml").read_text(encoding="utf-8")
    (archived.positions / "sources.yaml").write_text(re.sub(r"archive: .*", "archive: ../sources", text))
    inside = archived.sources / "notes" / "memo.txt"
    inside.parent.mkdir()
    inside.write_text("A memo.\n", encoding="utf-8")
    result = add(archived, "source", str(inside), "--title", "Memo", "--date", "2021")
    assert result.exit_code == 0, result.stderr
    assert "    file: notes/memo.txt\n" in (archived.positions / "sources.yaml").read_text(encoding="utf-8")
    assert invoke("validate", "--positions", str(archived.positions)).exit_code == 0


def test_never_through_a_symlink(archived: Copy, tmp_path: Path) -> None:
    target = tmp_path / "outside.yaml"
    target.write_bytes((archived.positions / "actors/mayor.yaml").read_bytes())
    (archived.positions / "actors/mayor.yaml").unlink()
    os.symlink(target, archived.positions / "actors/mayor.yaml")
    before = target.read_bytes()
    result = add(archived, "stance", "mayor", *STANCE, "--evidence", "tram-review-2021", quote_of(archived))
    assert result.exit_code == 2 and "symlink" in result.stderr
    assert target.read_bytes() == before
    folder = tmp_path / "actors-elsewhere"
    folder.mkdir()
    (archived.positions / "actors").rename(tmp_path / "moved")
    os.symlink(folder, archived.positions / "actors")
    new = add(archived, "actor", "--id", "x", "--name", "X", "--kind", "person")
    assert new.exit_code == 2 and "outside the dataset folder" in new.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: x\nstances: []  # none yet\n", "id: x\nstances:  # none yet\n  - topic: t\n"),
        ("id: x\nstances:\nname: y\n", "id: x\nstances:\n  - topic: t\nname: y\n"),
        ("id: x\nstances: null\n", "id: x\nstances:\n  - topic: t\n"),
        ("id: x", "id: x\nstances:\n  - topic: t\n"),
        ("id: x\r\nstances:\r\n- topic: a\r\n# end\r\n", "id: x\r\nstances:\r\n- topic: a\r\n- topic: t\r\n# end\r\n"),
    ],
)
def test_append_item_where_the_list_is_empty_absent_or_indentless(text: str, expected: str) -> None:
    current = write.Contents.load("t.yaml", text.encode("utf-8"), "t.yaml")
    assert current.appended("stances", {"topic": "t"}).data.decode("utf-8") == expected


def converse(args: list[str], answers: list[tuple[bytes, bytes]]) -> tuple[int, bytes]:
    """Run the CLI on a real terminal (a pty), answering each prompt when it appears; its status and output."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "TERM": "dumb", "COLUMNS": "80"}
    process = subprocess.Popen(
        [sys.executable, "-m", "stancediff", *args], stdin=follower, stdout=follower, stderr=follower, env=environment
    )
    os.close(follower)
    seen = b""
    pending = list(answers)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the program ended and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        if pending and seen.rstrip().endswith(pending[0][0]):
            os.write(leader, pending.pop(0)[1] + b"\n")
    os.close(leader)
    assert process.wait(timeout=30) is not None
    assert not pending, f"never asked {pending[0][0]!r}; saw {seen!r}"
    return process.returncode, seen


def test_on_a_terminal_what_is_missing_is_asked_with_choices(archived: Copy) -> None:
    status, seen = converse(
        ["add", "stance", "mayor", "--positions", str(archived.positions), "--summary", "She wants weekends free."],
        [
            (b"topic (congestion-charge, weekend-charge):", b"weekend"),  # not an id: asked again
            (b"topic (congestion-charge, weekend-charge):", b"weekend-charge"),
            (b"position (support, lean-support, neutral, lean-oppose, oppose):", b"oppose"),
            (b"date:", b"2021-04"),
            (b"basis (stated, reported, inferred):", b"stated"),
            (b"source (harbour-gazette-2021-03-03, tram-review-2021):", b"tram\t"),  # Tab completes the id
            (b"quote:", quote_of(archived).encode()),
            (b"another quote? [y/N]:", b"n"),
        ],
    )
    assert status == 0, seen
    assert b"'weekend' is not one of" in seen
    assert b"added a stance on weekend-charge (2021-04) to actor mayor" in seen
    text = (archived.positions / "actors/mayor.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "  - topic: weekend-charge\n    position: oppose\n    date: 2021-04\n    basis: stated\n"
        "    summary: She wants weekends free.\n    evidence:\n      - source: tram-review-2021\n"
        f'        quote: "{quote_of(archived)}"\n'
    )
