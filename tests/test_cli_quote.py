"""`stancediff quote`: find a text, or the passage most like it, in the archived sources; the real CLI on real files."""

from __future__ import annotations

import json
import time

import pytest

from conftest import PROJECT, Copy, invoke

GAZETTE = "harbour-gazette-2021-03-03"
ESCAPE = "\x1b"


def named(data: Copy) -> Copy:
    """The copy with its archive named in sources.yaml, as a dataset says where its archive lives."""
    data.edit("sources.yaml", "sources:\n", "archive: ../sources\nsources:\n")
    return data


def quote(data: Copy, *args: str, env: dict[str, str] | None = None):
    return invoke("quote", "--positions", str(data.positions), *args, env={"COLUMNS": "200", **(env or {})})


def as_json(data: Copy, *args: str) -> tuple[int, dict]:
    result = quote(data, *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def cite(data: Copy, source: str, text: str) -> None:
    """Add a stance to a new actor citing `text` from `source`, as a curator pastes it."""
    data.write(
        "actors/x.yaml",
        "id: x\nname: X\nkind: person\nstances:\n  - topic: congestion-charge\n    position: support\n"
        f"    date: 2021-03\n    basis: stated\n    summary: X backs it.\n    evidence:\n{text}\n",
    )


def validate(data: Copy) -> dict:
    result = invoke("validate", "--positions", str(data.positions), "--format", "json")
    return json.loads(result.stdout)


def test_a_text_found_as_it_is_gives_an_entry_that_validates(data: Copy) -> None:
    result = quote(named(data), GAZETTE, "the fairest way to pay")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{GAZETTE} (harbour-gazette.txt): as it is (100%)"
    assert '"A charge is \u00abthe fairest way to pay\u00bb for the trams," the mayor' in lines[1]
    entry = result.stdout.split("evidence entry:\n")[1]
    assert entry == f'      - source: {GAZETTE}\n        quote: "the fairest way to pay"\n'
    cite(data, GAZETTE, entry.rstrip("\n"))
    found = validate(data)
    assert found["problems"] == [] and found["counts"]["quotes_checked"] == 5


def test_the_closest_passage_in_whole_words(data: Copy) -> None:
    status, found = as_json(named(data), GAZETTE, "the fairest way to fund the tram")
    assert status == 1  # not there as it is
    (match,) = found["matches"]
    assert match["exact"] is False and 70 <= match["similarity"] < 100
    assert match["quote"].endswith("way to pay for the trams")  # "trams", not a cut "tram"
    assert found["evidence"] == {"source": GAZETTE, "quote": match["quote"]}
    shown = quote(data, GAZETTE, "the fairest way to fund the tram").stdout
    assert shown.startswith(f"{GAZETTE} (harbour-gazette.txt): {match['similarity']}% alike\n")


def test_a_text_cut_mid_word_is_widened_to_whole_words(data: Copy) -> None:
    status, found = as_json(named(data), GAZETTE, "harge is the fairest")
    assert status == 0
    assert found["matches"][0]["quote"] == "charge is the fairest"
    assert found["matches"][0]["before"].endswith('"A ')


def test_without_source_every_archived_source_is_searched_and_ranked(data: Copy) -> None:
    status, found = as_json(named(data), "seen fewer cars and faster buses")
    assert status == 0
    assert found["searched"] == 2
    assert (found["matches"][0]["source"], found["matches"][0]["similarity"]) == ("tram-review-2021", 100)
    assert all(m["similarity"] < 100 for m in found["matches"][1:])


def test_the_quote_is_as_validate_reads_the_source(data: Copy) -> None:
    """The source has curly quotes; the entry compares equal under validate's normalisation."""
    status, found = as_json(named(data), GAZETTE, "a tax on the people who keep the old town alive and said")
    assert status == 1  # the source has a closing quotation mark before "and"
    entry = found["evidence"]
    cite(data, entry["source"], f"      - source: {entry['source']}\n        quote: {json.dumps(entry['quote'])}")
    assert validate(data)["problems"] == []


def test_sources_dir_overrides_the_archive(data: Copy) -> None:
    status, found = as_json(data, GAZETTE, "fairest way", "--sources-dir", str(data.sources))
    assert status == 0 and found["matches"][0]["quote"] == "fairest way"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((GAZETTE, "fairest"), "no archive to search"),  # neither archive: nor --sources-dir
        (("harbour-gazete-2021-03-03", "fairest", "--sources-dir", "{sources}"), 'did you mean "harbour-gazette'),
        (("a", "b", "c"), "put TEXT in quotes"),
        ((GAZETTE, "x" * 1001, "--sources-dir", "{sources}"), "a quote is at most 1,000"),
        ((GAZETTE, "  ", "--sources-dir", "{sources}"), "empty"),
    ],
)
def test_usage_errors_exit_2(data: Copy, args: tuple[str, ...], message: str) -> None:
    result = quote(data, *(a.format(sources=data.sources) for a in args))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_source_without_file_or_an_absent_archive_exits_2(data: Copy) -> None:
    data.edit("sources.yaml", "    file: tram-review.txt\n", "")
    result = quote(data, "tram-review-2021", "fewer cars", "--sources-dir", str(data.sources))
    assert result.exit_code == 2 and "names no archived `file`" in result.stderr
    data.edit("sources.yaml", "sources:\n", "archive: ../gone\nsources:\n")
    result = quote(data, GAZETTE, "fairest")
    assert result.exit_code == 2 and "../gone" in result.stderr and "does not exist" in result.stderr


def test_an_unreadable_source_is_named_and_the_others_searched(data: Copy) -> None:
    (data.sources / "tram-review.txt").unlink()
    result = quote(named(data), "fairest way")
    assert result.exit_code == 0
    assert "tram-review.txt" in result.stderr and "is not in" in result.stderr
    assert result.stdout.startswith(GAZETTE)


def test_unreadable_sources_are_named_as_sources_yaml_lists_them(data: Copy) -> None:
    # The texts are read in order of their files, so that one file is read once; the reasons keep the list's.
    (data.sources / "tram-review.txt").unlink()
    (data.sources / "harbour-gazette.txt").unlink()
    data.edit("sources.yaml", "file: harbour-gazette.txt", "file: zz-harbour-gazette.txt")
    result = quote(named(data), "fairest way")
    names = [line for line in result.stderr.splitlines() if ".txt" in line]
    assert len(names) == 2 and "zz-harbour-gazette.txt" in names[0] and "tram-review.txt" in names[1], names


HOSTILE = 'The minister said "[bold red]no[/] \x1b[2J\x1b]0;owned\x07 deal" and left.\u202e Reversed here.\n'


def test_text_from_the_source_is_never_markup_nor_terminal_control(data: Copy) -> None:
    (data.sources / "harbour-gazette.txt").write_text(HOSTILE, encoding="utf-8")
    for colour in ("always", "never"):
        result = quote(named(data), GAZETTE, "the minister said", "--color", colour)
        assert "[bold red]no[/]" in result.stdout  # shown as it is, not read as markup
        assert "\\x1b[2J" in result.stdout and "\\u202e" in result.stdout  # spelled out
        text = result.stdout.replace("\x1b[", "")  # the styles of our own, if any
        assert "\x07" not in text and "\u202e" not in text and "\x1b]" not in result.stdout
    result = quote(named(data), GAZETTE, "deal and left. Reversed", "--color", "never")
    assert "no evidence entry" in result.stdout  # the format cannot hold the passage's characters
    result = quote(data, GAZETTE, "the minister said", "--format", "json")
    assert ESCAPE not in result.stdout and "\u202e" not in result.stdout  # JSON escapes them
    assert json.loads(result.stdout)["matches"][0]["after"].startswith(' "[bold red]no[/] \x1b[2J')


def test_styled_on_request_plain_when_piped(data: Copy) -> None:
    plain = quote(named(data), GAZETTE, "fairest way").stdout
    styled = quote(data, GAZETTE, "fairest way", "--color", "always").stdout
    assert ESCAPE not in plain and "\u00abfairest way\u00bb" in plain
    assert ESCAPE in styled and "\u00ab" not in styled


def test_the_entry_is_never_wrapped(data: Copy) -> None:
    words = "Every city that has tried it has seen fewer cars and faster buses"
    result = quote(named(data), "tram-review-2021", words, env={"COLUMNS": "40"})
    assert f'        quote: "{words}"\n' in result.stdout


@pytest.mark.slow
def test_the_search_is_bounded_on_hostile_sources(data: Copy) -> None:
    """A 20 MB source of one word and one of 4 MB of repeated near-misses: seconds, not minutes."""
    (data.sources / "harbour-gazette.txt").write_text("a" * 20_000_000, encoding="utf-8")
    (data.sources / "tram-review.txt").write_text("charge the fairest wax " * 180_000, encoding="utf-8")
    start = time.perf_counter()
    status, found = as_json(named(data), "charge is the fairest way to pay for the trams " * 6)
    assert time.perf_counter() - start < 30  # about 1 s; room for a loaded machine
    assert status == 1 and found["matches"][0]["source"] == "tram-review-2021"


SEEDS = PROJECT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_the_readme_example_is_what_the_shipped_dataset_gives() -> None:
    args = ("sputnik-no-spy-deal-2019-06", "no-spy agreement")
    result = invoke("quote", "--positions", str(PROJECT / "positions"), *args, env={"COLUMNS": "200"})
    assert result.exit_code == 0
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert f'stancediff quote {args[0]} "{args[1]}"' in readme
    header, _, *_, label, source, entry = result.stdout.splitlines()
    for line in (header, label, source, entry):
        assert f"{line}\n" in readme


@pytest.mark.parametrize("ellipsis", ["...", "\u2026", "[...]"])
def test_an_ellipsis_gets_one_evidence_entry_per_part(data: Copy, ellipsis: str) -> None:
    """'A charge is ... the trams' is in no passage as it is: a quote with words left out is not verbatim."""
    named(data)
    code, document = as_json(data, f"A charge is the fairest {ellipsis} pay for the trams")
    assert code == 0  # each part is in the source as it is
    assert not any(match["exact"] for match in document["matches"])  # the whole is not
    parts = [(part["text"], part["evidence"]) for part in document["parts"]]
    assert parts == [
        ("A charge is the fairest", {"source": "harbour-gazette-2021-03-03", "quote": "A charge is the fairest"}),
        ("pay for the trams", {"source": "harbour-gazette-2021-03-03", "quote": "pay for the trams"}),
    ]
    text = quote(data, f"A charge is the fairest {ellipsis} pay for the trams").stdout
    assert "cite each part as an evidence entry of its own" in text.replace("\n", " ")
