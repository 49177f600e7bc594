"""The shipped Huawei 5G dataset validates, and holds no article text beyond its quotes."""

from __future__ import annotations

import re

import pytest

from conftest import PROJECT
from stancediff.checks.validate import validate
from stancediff.format.dataset import read_dataset

POSITIONS = PROJECT / "positions"
SEEDS = PROJECT.parent / "shared" / "seeds"
WINDOW = 12  # words in a row that would mean article text was copied


def test_validates_without_quotes() -> None:
    report = validate(POSITIONS)
    assert report.problems == ()


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
        "exclusive-us-licensee",
        "no-spy-agreements",
        "tech-decoupling",
        "political-means-in-industry",
    } <= set(dataset.topic_ids)
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
    } <= set(dataset.actor_ids)


def test_ren_zhengfeis_offer_moves_over_time() -> None:
    huawei = read_dataset(POSITIONS).dataset.actor_ids["huawei"]
    offers = sorted((s.date.first_day, s.position) for s in huawei.stances if s.topic == "exclusive-us-licensee")
    assert [position for _, position in offers] == ["neutral", "support"]


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
