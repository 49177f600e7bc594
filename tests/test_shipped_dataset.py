"""The shipped Huawei 5G dataset validates, and holds no article text beyond its quotes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT
from stancediff.checks.quotes import normalize
from stancediff.checks.validate import validate
from stancediff.format.dataset import read_dataset

POSITIONS = PROJECT / "positions"
SEEDS = PROJECT.parent / "shared" / "seeds"
WINDOW = 12  # words in a row that would mean article text was copied
MAX_QUOTED_SHARE = 0.20  # of an article's words, covered by all the quotes that cite it


def test_validates_without_quotes(tmp_path: Path) -> None:
    """Without its archive (a plain clone), only that is reported: at the `archive:` key."""
    copy = tmp_path / "positions"
    shutil.copytree(POSITIONS, copy)
    report = validate(copy)
    lines = (POSITIONS / "sources.yaml").read_text(encoding="utf-8").splitlines()
    archive_line = next(number for number, line in enumerate(lines, 1) if line.startswith("archive:"))
    assert [(p.code, p.line) for p in report.problems] == [("archive-missing", archive_line)]
    assert report.counts.quotes_checked == 0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_names_its_archive() -> None:
    report = validate(POSITIONS)  # no --sources-dir: sources.yaml says where the articles are
    assert report.problems == ()
    assert report.counts.quotes_checked == report.counts.quotes > 0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_every_quote_is_in_its_article() -> None:
    report = validate(POSITIONS, SEEDS)
    assert report.problems == ()
    assert report.counts.quotes_unchecked == 0
    assert report.counts.quotes_checked == report.counts.quotes > 0


def test_required_topics_and_actors_are_there() -> None:
    dataset = read_dataset(POSITIONS).dataset
    assert {
        "huawei-in-5g",
        "huawei-security-risk",
        "allies-exclude-huawei",
        "license-5g-offer",
        "us-licensee",
        "no-spy-agreements",
        "tech-decoupling",
        "huawei-state-influence",
        "huawei-state-funding",
        "us-measures-about-security",
        "license-uptake",
        "single-licensee",
        "huawei-ip-theft",
        "huawei-without-us-suppliers",
    } <= set(dataset.topic_ids)
    assert "political-means-in-industry" not in dataset.topic_ids
    assert {
        "huawei",
        "us",
        "australia",
        "uk",
        "germany",
        "china-mfa",
        "steve-tsang",
        "hosuk-lee-makiyama",
        "the-economist",
        "uk-national-security-council",
    } <= set(dataset.actor_ids)
    assert dataset.actor_ids["uk-national-security-council"].part_of == "uk"


def test_ren_zhengfeis_narrowed_offer_is_dated_by_his_own_words() -> None:
    """The September interviews say only "a buyer probably from the West": no stance on one or a US licensee.

    The narrowing to one licensee, and to a US one, is recorded from Ren's words in the
    discussion of 26 September, with no earlier stance made up from silence.
    """
    huawei = read_dataset(POSITIONS).dataset.actor_ids["huawei"]
    for topic in ("single-licensee", "us-licensee"):
        stances = [s for s in huawei.stances if s.topic == topic]
        assert [(str(s.date), s.position, s.basis) for s in stances] == [("2019-09-26", "support", "stated")]
        assert {e.source for s in stances for e in s.evidence} == {"bloomberg-one-us-licensee-2019-09"}


def test_the_uk_government_is_undecided_and_its_security_council_is_not() -> None:
    dataset = read_dataset(POSITIONS).dataset
    uk = [s for s in dataset.actor_ids["uk"].stances if s.topic == "huawei-in-5g"]
    council = [s for s in dataset.actor_ids["uk-national-security-council"].stances if s.topic == "huawei-in-5g"]
    assert [(str(s.date), s.position) for s in uk] == [("2019-06-03", "neutral")]
    assert [(str(s.date), s.position, s.conditions) for s in council] == [
        ("2019-06-03", "support", ("with certain restrictions",))
    ]


def test_no_stance_is_dated_after_every_source_that_evidences_it() -> None:
    dataset = read_dataset(POSITIONS).dataset
    for actor in dataset.actors:
        for stance in actor.stances:
            # A source dated by month alone may be of any day in it: only a stance dated after the
            # last day any of its sources can be of is one they cannot attest.
            latest = max(dataset.source_ids[e.source].date.last_day for e in stance.evidence)
            assert stance.date.first_day <= latest, (actor.id, stance.topic, str(stance.date))


def test_a_partial_direct_quote_is_stated_for_every_actor() -> None:
    """One rule: words the article quotes as the actor's own make the stance `stated`, in full or in part.

    The one exception is Australia's "high risk vendors", which the article knows only from reports of a
    warning: quotation marks it does not give as the government's own words (docs/dataset-notes.md, Basis).
    """
    dataset = read_dataset(POSITIONS).dataset
    quoting = {
        (actor.id, stance.topic, str(stance.date)): stance.basis
        for actor in dataset.actors
        for stance in actor.stances
        if any('"' in normalize(item.quote) for item in stance.evidence)
    }
    second_hand = {key for key in quoting if key[0] == "australia"}
    assert second_hand == {
        ("australia", "huawei-security-risk", "2019-09"),
        ("australia", "allies-exclude-huawei", "2019-09"),
    }
    assert {basis for key, basis in quoting.items() if key in second_hand} == {"reported"}
    assert {key: basis for key, basis in quoting.items() if key not in second_hand and basis != "stated"} == {}
    assert ("unnamed-analysts", "license-5g-offer", "2019-09") in quoting


def test_the_earliest_article_that_supports_a_position_dates_it() -> None:
    """The June article's "Australia, Japan, New Zealand followed suit" dates their leaning on the call to exclude."""
    dataset = read_dataset(POSITIONS).dataset

    def history(actor: str, topic: str) -> list[tuple[str, str, str, set[str]]]:
        stances = [s for s in dataset.actor_ids[actor].stances if s.topic == topic]
        return [(str(s.date), s.position, s.basis, {e.source for e in s.evidence}) for s in stances]

    june = ("2019-06-03", "lean-support", "inferred", {"sputnik-no-spy-deal-2019-06"})
    assert history("australia", "allies-exclude-huawei") == [
        june,
        ("2019-09", "support", "reported", {"ren-offers-to-sell-5g-2019-09"}),
    ]
    assert history("new-zealand", "allies-exclude-huawei") == history("japan", "allies-exclude-huawei") == [june]
    may = {"no-spy-agreements-2019-05-15"}
    assert history("huawei", "huawei-in-5g") == [("2019-05-14", "support", "inferred", may)]
    assert history("us", "huawei-in-5g") == [("2019-05-15", "oppose", "reported", may)]
    assert [s[:2] for s in history("us", "huawei-state-influence")] == [("2019-06-03", "support")]


def test_the_doubtful_readings_are_settled_as_the_notes_say() -> None:
    dataset = read_dataset(POSITIONS).dataset
    ministry = {s.topic: s.position for s in dataset.actor_ids["china-mfa"].stances}
    # "pretext of national security" is about why Australia banned Huawei, not whether Huawei is a risk.
    assert "huawei-security-risk" not in ministry
    assert ministry["us-measures-about-security"] == "oppose"
    theft = [s for s in dataset.actor_ids["huawei"].stances if s.topic == "huawei-ip-theft"]
    assert [s.position for s in theft] == ["lean-oppose"]  # a rival account, no denial reported


def test_quotes_overlap_only_where_one_clause_decides_several_stances() -> None:
    """Overlapping quotes are the same words, cited whole: one clause naming several actors for one position,
    or one act of one actor deciding two topics. Any other overlap is text cited twice."""
    dataset = read_dataset(POSITIONS).dataset
    cited = [
        (item.source, normalize(item.quote), actor.id, stance.topic, stance.position)
        for actor in dataset.actors
        for stance in actor.stances
        for item in stance.evidence
    ]
    located = _located_quotes() if SEEDS.is_dir() else None
    shared = 0
    for i, (source, quote, actor, topic, position) in enumerate(cited):
        for other_source, other_quote, other_actor, other_topic, other_position in cited[i + 1 :]:
            if source != other_source:
                continue
            if located is not None:
                text = located[source][0]
                start, other_start = text.find(quote), text.find(other_quote)
                overlap = start < other_start + len(other_quote) and other_start < start + len(quote)
            else:
                overlap = quote in other_quote or other_quote in quote
            if not overlap:
                continue
            shared += 1
            assert quote == other_quote, (actor, topic, quote, other_actor, other_topic, other_quote)
            one_clause_many_actors = actor != other_actor and (topic, position) == (other_topic, other_position)
            one_act_two_topics = actor == other_actor and topic != other_topic
            assert one_clause_many_actors or one_act_two_topics, (actor, topic, other_actor, other_topic, quote)
    assert shared > 0


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_the_blind_second_reading_validates_with_every_quote_checked() -> None:
    report = validate(PROJECT / "examples" / "second-reading")  # its sources.yaml names the same archive
    assert report.problems == ()
    assert report.counts.quotes_checked == report.counts.quotes > 0


def _located_quotes() -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Per source id: its normalised archived text, and the character span of each quote in it."""
    dataset = read_dataset(POSITIONS).dataset
    located: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    for source in dataset.sources:
        assert source.file is not None
        located[source.id] = (normalize((SEEDS / source.file).read_text(encoding="utf-8-sig")), [])
    for actor in dataset.actors:
        for stance in actor.stances:
            for item in stance.evidence:
                text, spans = located[item.source]
                quote = normalize(item.quote)
                start = text.find(quote)
                assert start >= 0, (actor.id, stance.topic, item.quote)
                spans.append((start, start + len(quote)))
    return located


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_quotes_start_and_end_on_word_boundaries() -> None:
    for source, (text, spans) in _located_quotes().items():
        for start, end in spans:
            before = text[start - 1] if start > 0 else " "
            after = text[end] if end < len(text) else " "
            assert not before.isalnum() and not after.isalnum(), (source, text[start:end])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_quotes_cover_at_most_a_fifth_of_each_article() -> None:
    """Cite, do not republish: the union of the words all quotes of a source cover, over its words."""
    for source, (text, spans) in _located_quotes().items():
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
        covered = {i for i, (ws, we) in enumerate(words) for start, end in spans if ws < end and we > start}
        share = len(covered) / len(words)
        assert share <= MAX_QUOTED_SHARE, f"{source}: quotes cover {share:.0%} of the article's words"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_no_article_text_outside_the_quotes() -> None:
    """Summaries, notes and docs are our own words: no 12-word run of any article."""
    runs = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        runs.update(tuple(words[i : i + WINDOW]) for i in range(len(words) - WINDOW + 1))
    dataset = read_dataset(POSITIONS).dataset
    ours = [text for actor in dataset.actors for s in actor.stances for text in (s.summary, s.note or "")]
    ours += [actor.description or "" for actor in dataset.actors]
    ours += [path.read_text(encoding="utf-8") for path in (PROJECT / "docs").glob("*.md")]
    ours.append((PROJECT / "README.md").read_text(encoding="utf-8"))
    for text in ours:
        words = _words(text)
        copied = [
            " ".join(words[i : i + WINDOW])
            for i in range(len(words) - WINDOW + 1)
            if tuple(words[i : i + WINDOW]) in runs
        ]
        assert not copied, copied[0]
