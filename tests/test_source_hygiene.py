"""Source hygiene: stances later than their sources, sources nobody can check, quotes cut mid-word or too many."""

from __future__ import annotations

import time

import pytest

from checking import FIXTURE, SOURCES, check_texts, codes, edited
from conftest import Copy, invoke, validate_json
from stancediff.checks.words import covered_words, locate, word_at

# One stance of X, evidenced by the Harbour Gazette of 2021-03-03 (and the Tram Review of 2021-04 where added).
ACTOR = """\
id: x
name: X
kind: person
stances:
  - topic: congestion-charge
    position: support
    date: {date}
    basis: stated
    summary: X backs it.
    evidence:
      - source: harbour-gazette-2021-03-03
        quote: "{quote}"
{more}"""
TRAM = "      - source: tram-review-2021\n        quote: Park wrote.\n"


def actor(date: str = "2021-03", quote: str = "the fairest way to pay for the trams", more: str = "") -> dict:
    return {**FIXTURE, "actors/x.yaml": ACTOR.format(date=date, quote=quote, more=more)}


@pytest.mark.parametrize(
    ("date", "more", "later"),
    [
        ("2021-03-03", "", False),  # the source's own day
        ("2021-03", "", False),  # March may mean 3 March
        ("2021", "", False),  # 2021 starts on 1 January
        ("2021-03-04", "", True),  # the day after
        ("2021-04", "", True),  # April starts after 3 March
        ("2021-04-30", TRAM, False),  # the Tram Review of 2021-04 may be of the 30th
        ("2021-05", TRAM, True),  # later than both
    ],
)
def test_a_stance_later_than_every_source(date: str, more: str, later: bool) -> None:
    found = codes(check_texts(actor(date, more=more), only=("dates",)))
    assert found == ([("stance-after-sources", 7, 11)] if later else [])


def test_the_message_names_the_latest_source() -> None:
    (found,) = check_texts(actor("2021-05", more=TRAM), only=("dates",)).problems
    assert found.message == (
        'the stance is dated 2021-05, later than every source that evidences it (the latest, "tram-review-2021", '
        "is dated 2021-04); its sources cannot attest it"
    )


def test_an_unknown_source_or_a_future_date_is_reported_once_only() -> None:
    unknown = actor("2021-05", more=TRAM.replace("tram-review-2021", "tram-revue"))
    assert [c[0] for c in codes(check_texts(unknown))] == ["unknown-source"]
    assert [c[0] for c in codes(check_texts(actor("2999")))] == ["future-date"]


@pytest.mark.parametrize(
    ("old", "new", "uncheckable"),
    [
        ("    url: https://example.org/gazette/charge\n", "", False),  # the file is left
        ("    file: harbour-gazette.txt\n", "", False),  # the url is left
        ("    url: https://example.org/gazette/charge\n    file: harbour-gazette.txt\n", "", True),
        ("    url: https://example.org/gazette/charge\n", '    url: ""\n', False),  # given, and wrong: empty-value
    ],
)
def test_a_source_needs_a_url_or_a_file(old: str, new: str, uncheckable: bool) -> None:
    found = [c for c in codes(check_texts(edited("sources.yaml", old, new))) if c[0] == "source-uncheckable"]
    assert found == ([("source-uncheckable", 2, 9)] if uncheckable else [])


@pytest.mark.parametrize(
    ("quote", "cut"),
    [
        ("the fairest way to pay for the trams", None),
        ("he fairest way", "starts"),  # of "the"
        ("the fairest wa", "ends"),  # of "way"
        ("fairest way to pay for the trams,", None),  # punctuation is no word
        ('\\"A charge is', None),  # a quotation mark starts no word
        ("tram", "ends"),  # "trams" here, the only place
    ],
)
def test_a_quote_cut_mid_word(quote: str, cut: str | None) -> None:
    report = check_texts(actor(quote=quote), only=("quotes",), sources_dir=SOURCES)
    found = [p for p in report.problems if p.code == "quote-mid-word"]
    assert [(p.line, p.column) for p in found] == ([(12, 16)] if cut else [])
    if cut:
        assert found[0].message.startswith(f"the quote {cut} in the middle of the word")


def test_a_quote_found_whole_elsewhere_is_not_cut() -> None:
    text = "Discharge the charge."
    assert locate("charge", text) == (14, 20, None)  # not in "Discharge"
    assert locate("ischarge", text) == (1, 9, "start")  # only inside a word: its first place
    assert locate("absent", text) is None


def test_a_text_of_one_endless_word_is_looked_through_within_bounds() -> None:
    """Widening 2,000 quotes to whole words in 20 MB without a space: bounded, not 2,000 passes over it."""
    text = "a" * 20_000_000
    spans = [(start, start + 5) for start in range(10_000_000, 10_002_000)]
    started = time.perf_counter()
    assert covered_words(text, spans) == 1
    assert time.perf_counter() - started < 1
    assert word_at(text, 10_000_000) == "..." + "a" * 121 + "..."


def test_each_word_is_counted_once_however_many_quotes_cover_it() -> None:
    text = "one two three four five six seven eight nine ten"
    assert covered_words(text, [(0, 13)]) == 3  # one two three
    assert covered_words(text, [(0, 13), (4, 18), (8, 13)]) == 4  # overlapping: one to four
    assert covered_words(text, [(5, 6)]) == 1  # a part of "two" is "two"
    assert covered_words(text, [(0, 3), (4, 7)]) == 2  # side by side


def test_over_quoted_counts_overlapping_quotes_once() -> None:
    """Two quotes of the tram review that overlap: the words they share are counted once."""
    first = "Her paper compares six cities of similar size over the decade after each introduced a charge."
    second = "over the decade after each introduced a charge. It finds that the effect on traffic was largest"
    more = f"      - source: tram-review-2021\n        quote: {first}\n"
    more += f"      - source: tram-review-2021\n        quote: {second}\n"
    report = check_texts(actor(more=more), only=("quotes",), sources_dir=SOURCES)
    (found,) = [p for p in report.problems if p.code == "over-quoted"]
    # Park's 13 words in lena-park.yaml, 16 + 17 here of which 8 are shared: 38 of 118.
    assert found.message == (
        'the quotes of source "tram-review-2021" reproduce 32.2% of its words (38 of 118); the limit is 20%'
    )
    assert (found.line, found.column) == (9, 9)
    assert not check_texts(actor(more=more), only=("quotes",), sources_dir=SOURCES, max_quoted=0.35).problems


def test_max_quoted_on_the_command_line(data: Copy) -> None:
    assert validate_json(data)[1]["problems"] == []
    status, report = validate_json(data, "--max-quoted", "0.1")
    assert status == 0  # a warning
    # 31 of the gazette's 203 words, 13 of the tram review's 118
    assert [(p["code"], p["line"]) for p in report["problems"]] == [("over-quoted", 2), ("over-quoted", 9)]
    assert validate_json(data, "--max-quoted", "0.1", "--strict")[0] == 1
    assert validate_json(data, "--max-quoted", "0.16")[1]["problems"] == []


def test_the_dataset_sets_max_quoted_and_the_option_overrides_it(data: Copy) -> None:
    data.edit("sources.yaml", "sources:\n", "max_quoted: 0.12\nsources:\n")
    status, report = validate_json(data)
    assert status == 0  # a warning
    assert [(p["code"], p["line"]) for p in report["problems"]] == [("over-quoted", 3)]  # 15.3% > 12% > 11%
    assert "the limit is 12%" in report["problems"][0]["message"]
    assert validate_json(data, "--max-quoted", "0.2")[1]["problems"] == []


@pytest.mark.parametrize(
    ("value", "code", "message"),
    [
        ("1.5", "invalid-format", 'max_quoted "1.5" is not a number from 0 to 1, such as 0.2'),
        ('"0.2"', "wrong-type", "max_quoted must be a number from 0 to 1, but YAML read a string"),
        ("yes", "wrong-type", 'max_quoted must be a number from 0 to 1, but YAML read "yes" as a boolean'),
        (".nan", "invalid-format", 'max_quoted ".nan" is not a number from 0 to 1, such as 0.2'),
    ],
)
def test_max_quoted_in_the_dataset_is_a_share(value: str, code: str, message: str) -> None:
    (found,) = check_texts(edited("sources.yaml", "sources:\n", f"max_quoted: {value}\nsources:\n")).problems
    assert (found.code, found.line, found.column, found.message) == (code, 1, 13, message)


def test_max_quoted_must_be_a_share(data: Copy) -> None:
    result = invoke("validate", "--positions", str(data.positions), "--max-quoted", "20")
    assert result.exit_code == 2 and "--max-quoted" in result.stderr
