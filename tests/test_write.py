"""The shared write path (curation/write.py) under `add`: what it refuses, what it keeps, and its lock.

`add` refuses only the errors its own change brings, never warnings; it reads
a file with the strict loader before anything else does; it keeps every byte
of files of any shape; it holds the dataset's lock from reading to renaming,
so that commands running at once lose nothing.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, Copy, invoke
from stancediff.curation import write
from stancediff.format.load import Loader

sys.path.insert(0, str(PROJECT / "benchmarks"))
import hostile

QUOTE = "Every city that has tried it has seen fewer cars and faster buses,"
STANCE = [
    "--topic", "weekend-charge", "--position", "oppose", "--date", "2021-04", "--basis", "stated",
    "--summary", "They want weekends free.", "--evidence", "tram-review-2021", QUOTE,
]  # fmt: skip


def add(data: Copy, *args: str) -> object:
    return invoke("add", *args, "--positions", str(data.positions), "--sources-dir", str(data.sources))


def add_topic(data: Copy, topic_id: str) -> object:
    return invoke(
        "add", "topic", "--id", topic_id, "--title", "T", "--proposition", "P.", "--positions", str(data.positions)
    )


def errors_of(output: str) -> list[str]:
    """The codes of the problem lines a refused `add` prints."""
    return [line.split()[2] for line in output.splitlines() if ": error " in line]


# Refused for what the change brings, and only that


def test_warnings_never_refuse_a_change(data: Copy) -> None:
    # 250 warnings: past the 200 listed, the line that counts the rest was an error, and add refused.
    topics = "".join(f"  - id: unused-{n}\n    title: U{n}\n    proposition: U{n} holds.\n" for n in range(250))
    data.edit("topics.yaml", "topics:\n", "topics:\n" + topics)
    result = add_topic(data, "night-trams")
    assert result.exit_code == 0, result.stderr
    assert "  - id: night-trams\n" in (data.positions / "topics.yaml").read_text(encoding="utf-8")


def test_errors_elsewhere_do_not_refuse_a_change(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "topic: congestion-charge", "topic: tolls")
    assert add_topic(data, "night-trams").exit_code == 0
    result = add(data, "stance", "shopkeepers", *STANCE)
    assert result.exit_code == 0, result.stderr
    # An error before the place of the change, in the very file changed, moves with the lines after it.
    data.edit("actors/shopkeepers.yaml", "kind: other", "kind: other\nhomepage: x")
    again = add(data, "stance", "shopkeepers", *STANCE[:4], "--date", "2021-03", *STANCE[6:])
    assert again.exit_code == 0, again.stderr


def test_a_change_is_refused_for_the_errors_it_brings_alone(data: Copy) -> None:
    data.edit("actors/mayor.yaml", "topic: congestion-charge", "topic: tolls")  # an error already there
    path = data.positions / "actors" / "shopkeepers.yaml"
    before = path.read_bytes()
    result = add(data, "stance", "shopkeepers", "--topic", "bridges", *STANCE[2:])
    assert result.exit_code == 1
    assert errors_of(result.stderr) == ["unknown-topic"]
    assert "shopkeepers.yaml:13:12:" in result.stderr and "mayor.yaml" not in result.stderr
    assert path.read_bytes() == before


def test_an_empty_list_is_a_valid_unfinished_dataset(data: Copy) -> None:
    data.write("topics.yaml", "topics:\n")
    data.write("sources.yaml", "sources:\n")
    for name in ("mayor", "shopkeepers", "lena-park"):
        (data.positions / "actors" / f"{name}.yaml").unlink()
    result = invoke("validate", "--positions", str(data.positions))
    assert result.exit_code == 0, result.stdout
    assert add_topic(data, "night-trams").exit_code == 0
    assert (data.positions / "topics.yaml").read_text(encoding="utf-8") == (
        "topics:\n  - id: night-trams\n    title: T\n    proposition: P.\n"
    )


# The strict loader first


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("name: &x [*x]\n", "alias"),
        ("name: " + "[" * 3000 + "]" * 3000 + "\n", "too-deep"),
        ("name:\n" + "".join("  " * depth + "- \n" for depth in range(1, 3000)), "too-deep"),
        ("name: [a\n", "yaml-syntax"),
    ],
    ids=["recursive alias", "deep brackets", "deep indentation", "broken"],
)
def test_a_file_the_strict_loader_refuses_is_not_changed(data: Copy, text: str, code: str) -> None:
    path = data.positions / "actors" / "shopkeepers.yaml"
    data.edit("actors/shopkeepers.yaml", "name: Old Town Shopkeepers' Association\n", text)
    before = path.read_bytes()
    result = add(data, "stance", "shopkeepers", *STANCE)
    assert result.exit_code == 1
    assert code in errors_of(result.stderr)
    assert "shopkeepers.yaml" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.slow
def test_an_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    # 400 bytes that ruamel.yaml, reading first, expanded to 2.4 GB.
    args = hostile.add_to_alias_bomb(tmp_path)
    _, cpu, peak, code = hostile.measure(args, timeout=30)
    assert code == "1" and cpu < 10 and peak < 300, (cpu, peak, code)  # CPU time: steady on a busy machine


@pytest.mark.parametrize(
    "text",
    ["name:\tOld Town Shopkeepers' Association\n", "name: Old Town Shopkeepers' Association\t# their name\n"],
    ids=["tab after the colon", "tab before a comment"],
)
def test_a_file_validate_accepts_is_one_add_accepts(data: Copy, text: str) -> None:
    data.edit("actors/shopkeepers.yaml", "name: Old Town Shopkeepers' Association\n", text)
    assert invoke("validate", "--positions", str(data.positions), "--sources-dir", str(data.sources)).exit_code == 0
    result = add(data, "stance", "shopkeepers", *STANCE)
    assert result.exit_code == 0, result.stderr
    assert text in (data.positions / "actors" / "shopkeepers.yaml").read_text(encoding="utf-8")


# Every byte kept, whatever the shape of the file

SHAPES = {
    "block": "stances:\n  - topic: a\n    date: 2020\n",
    "indentless": "stances:\n- topic: a\n  date: 2020\n",
    "wide indent": "stances:\n    -   topic: a\n        date: 2020\n",
    "dash on its own line": "stances:\n  -\n    topic: a\n    date: 2020\n",
    "flow item": "stances:\n  - {topic: a, date: 2020}\n",
    "flow item over lines": "stances:\n  - {topic: a,\n     date: 2020}\n",
    "flow list in the item": "stances:\n  - topic: a\n    tags: [x, y]\n",
    "literal block last": "stances:\n  - topic: a\n    note: |\n      one\n      two\n",
    "literal block, blank lines after": "stances:\n  - topic: a\n    note: |\n      one\n\n\n",
    "keep chomping": "stances:\n  - topic: a\n    note: |+\n      one\n\n",
    "folded block": "stances:\n  - topic: a\n    note: >-\n      one\n      two\n",
    "double-quoted over lines": 'stances:\n  - topic: a\n    note: "one\n      two"\n',
    "single-quoted over lines": "stances:\n  - topic: a\n    note: 'one\n      two'\n",
    "plain over lines": "stances:\n  - topic: a\n    note: one\n      two\n",
    "comment after the list": "stances:\n  - topic: a\n# the end\n",
    "indented comment after": "stances:\n  - topic: a\n    # about a\n",
    "comment between items": "stances:\n  - topic: a\n  # next\n  - topic: b\n",
    "blank lines after": "stances:\n  - topic: a\n\n\n",
    "key after the list": "stances:\n  - topic: a\nname: x\n",
    "key after, indentless": "stances:\n- topic: a\nname: x\n",
    "nested lists": "stances:\n  - topic: a\n    evidence:\n      - source: s\n        quote: q\n",
    "nested list, indentless": "stances:\n  - topic: a\n    evidence:\n    - source: s\n      quote: q\n",
    "no final newline": "stances:\n  - topic: a",
    "CRLF": "stances:\r\n  - topic: a\r\n  # c\r\n",
    "tab after colon": "stances:\n  - topic:\ta\n",
    "tab before comment": "stances:\n  - topic: a\t# c\n",
    "empty flow list": "stances: []\n",
    "empty flow list, comment": "stances: []  # none\n",
    "null": "stances: null\n",
    "tilde": "stances: ~\n",
    "nothing": "stances:\n",
    "nothing, comment": "stances:  # none yet\n",
    "nothing, then a key": "stances:\nname: x\n",
    "absent": "name: x\n",
    "absent, no final newline": "name: x",
    "document marker": "---\nstances:\n  - topic: a\n",
    "document end marker": "stances:\n  - topic: a\n...\n",
    "byte-order mark": "\ufeffstances:\n  - topic: a\n",
    "quoted key": '"stances":\n  - topic: a\n',
    "unicode": "name: Zoë 東京\nstances:\n  - topic: ä\n",
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_appending_keeps_every_byte(text: str) -> None:
    item = {"topic": "new", "date": "2021"}
    data = text.encode("utf-8")
    after = write.Contents.load("t.yaml", data, "t.yaml").appended("stances", item).data
    old, new = (Loader().load_bytes(side, "t.yaml") for side in (data, after))
    assert old.problems == () and new.problems == (), new.problems
    assert new.tree == {**old.tree, "stances": [*(old.tree.get("stances") or []), item]}
    kept = iter(after.decode("utf-8").splitlines())
    cut = {"stances: []": "stances:", "stances: []  # none": "stances:  # none", "stances: null": "stances:"}
    cut["stances: ~"] = "stances:"
    assert all(cut.get(line, line) in kept for line in text.splitlines())  # each line, in order


def test_a_flow_list_is_left_to_the_curator() -> None:
    with pytest.raises(write.Refused, match="not a block list"):
        write.Contents.load("t.yaml", b"stances: [{topic: a}]\n", "t.yaml").appended("stances", {"topic": "t"})


# The lock


@pytest.mark.slow
def test_commands_writing_at_once_lose_nothing(data: Copy) -> None:
    # Four processes add ten topics each: without the lock, 5 of 40 reported "added" were lost.
    script = (
        "import sys\nfrom stancediff.cli import main\n"
        "for n in range(10):\n"
        "    try:\n"
        "        main(['add', 'topic', '--id', f'{sys.argv[1]}-{n}', '--title', 'T', '--proposition', 'P.',"
        " '--positions', sys.argv[2]])\n"
        "    except SystemExit as end:\n"
        "        assert not end.code, end.code\n"
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, f"writer-{w}", str(data.positions)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(4)
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * 4, [err for _, err in outputs]
    reported = sum(out.count("added topic") for out, _ in outputs)
    text = (data.positions / "topics.yaml").read_text(encoding="utf-8")
    written = [f"writer-{w}-{n}" for w in range(4) for n in range(10) if f"  - id: writer-{w}-{n}\n" in text]
    assert (reported, len(written)) == (40, 40)
    assert invoke("validate", "--positions", str(data.positions)).exit_code == 0


def test_the_lock_file_is_no_part_of_the_dataset(data: Copy) -> None:
    assert add_topic(data, "night-trams").exit_code == 0
    assert (data.positions / write.LOCK_NAME).is_file()
    result = invoke("validate", "--positions", str(data.positions), "--format", "json")
    assert result.exit_code == 0 and write.LOCK_NAME not in result.stdout


# Nothing left behind


def test_a_failed_write_of_sources_yaml_leaves_no_copy_in_the_archive(data: Copy, tmp_path: Path) -> None:
    # A real failure: a file-size limit that the archived text fits under and sources.yaml does not.
    data.edit("sources.yaml", "sources:\n", "archive: archive\n" + "# padding\n" * 400 + "sources:\n")
    data.sources.rename(data.positions / "archive")
    article = tmp_path / "council-vote.txt"
    article.write_text("The council voted on Monday.\n", encoding="utf-8")
    sources = data.positions / "sources.yaml"
    before = sources.read_bytes()
    assert len(article.read_bytes()) < 2_000 < len(before)

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, "-m", "stancediff", "add", "source", str(article), "--title", "Vote", "--date", "2021-05-03"],
        env={**os.environ, "STANCEDIFF_POSITIONS": str(data.positions)},
        preexec_fn=limited,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "the dataset is as it was" in result.stderr
    assert sources.read_bytes() == before
    assert not (data.positions / "archive" / "council-vote.txt").exists()
    assert not [p for p in data.positions.rglob(".*") if p.name != write.LOCK_NAME]  # no temporary file
