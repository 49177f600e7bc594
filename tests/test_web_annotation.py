"""`export --format web-annotation`: every selector sliced from the archived text; the JSON-LD expanded by pyld."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from conftest import PROJECT, TESTS, Copy, invoke
from stancediff.checks.quotes import normalize
from stancediff.format.dataset import read_dataset
from stancediff.format.model import stance_id

ANNO = json.loads((TESTS / "schemas" / "anno.jsonld").read_text(encoding="utf-8"))
SEEDS = PROJECT.parent / "shared" / "seeds"
OA = "http://www.w3.org/ns/oa#"

# An archived text with what normalising changes: a byte order mark, curly quotes, a dash, a ligature,
# a no-break space, doubled spaces and line breaks, and an accent written as a combining character.
TEXT = (
    "\ufeffHeadline\r\n\r\nThe minister said: \u201cWe will  not\u00a0sign\u2014ever.\u201d\n"
    "It is a \ufb01ne caf\u0065\u0301 in the old town.\nThe end.\n"
)
QUOTES = ['"We will not sign-ever."', "a fine cafe\u0301 in the old town", "The end."]


def export(positions: Path, target: Path, *extra: str) -> dict[str, Any]:
    result = invoke("export", "--positions", str(positions), "--format", "web-annotation", "-o", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(target.read_text(encoding="utf-8"))


def items(document: dict[str, Any]) -> list[dict[str, Any]]:
    assert document["type"] == "AnnotationCollection"
    assert document["total"] == len(document["first"]["items"])
    return document["first"]["items"]


def selectors(annotation: dict[str, Any]) -> dict[str, dict[str, Any]]:
    chosen = annotation["target"]["selector"]
    return {s["type"]: s for s in (chosen if isinstance(chosen, list) else [chosen])}


def archived_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def check_every_selector(document: dict[str, Any], positions: Path, archive: Path) -> int:
    """Slice each source's archived text at each TextPositionSelector: `exact`, `prefix` and `suffix` come back,
    and `exact` is the quote the dataset holds, as `validate` compares them. Returns how many were checked."""
    dataset = read_dataset(positions).dataset
    quotes = {}
    for stance in dataset.stances:
        for nth, evidence in enumerate(stance.evidence, start=1):
            quotes[f"urn:stancediff:annotation:{stance_id(stance.actor, stance.topic, stance.date)}:{nth}"] = evidence
    by_url = {s.url or f"urn:stancediff:source:{s.id}": s for s in dataset.sources}
    checked = 0
    for annotation in items(document):
        evidence = quotes.pop(annotation["id"])
        source = by_url[annotation["target"]["source"]]
        assert source.id == evidence.source
        chosen = selectors(annotation)
        if source.file is None:
            assert chosen == {"TextQuoteSelector": {"type": "TextQuoteSelector", "exact": evidence.quote}}
            continue
        data = (archive / source.file).read_bytes()
        assert annotation["target"]["sha256"] == hashlib.sha256(data).hexdigest()
        text = data.decode("utf-8-sig")
        quote, position = chosen["TextQuoteSelector"], chosen["TextPositionSelector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[max(0, start - 32) : start] == quote["prefix"]
        assert text[end : end + 32] == quote["suffix"]
        assert normalize(quote["exact"]) == normalize(evidence.quote)
        checked += 1
    assert quotes == {}, "every quote has its annotation"
    return checked


@pytest.fixture
def odd(tmp_path: Path) -> Path:
    positions = tmp_path / "positions"
    (positions / "actors").mkdir(parents=True)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "odd.txt").write_bytes(TEXT.encode("utf-8"))
    (positions / "topics.yaml").write_text("topics:\n  - id: t\n    title: T\n    proposition: T.\n")
    (positions / "sources.yaml").write_text(
        "archive: ../archive\nsources:\n"
        "  - id: odd\n    title: Odd\n    date: 2020\n    url: https://example.org/odd\n    file: odd.txt\n"
        "  - id: unarchived\n    title: Not archived\n    date: 2020\n"
    )
    entries = "".join(f"      - source: odd\n        quote: {json.dumps(q)}\n" for q in QUOTES)
    entries += "      - source: unarchived\n        quote: Said elsewhere.\n"
    (positions / "actors" / "a.yaml").write_text(
        "id: a\nname: Actor A\nkind: person\nstances:\n  - topic: t\n    position: oppose\n    date: 2020-02\n"
        "    basis: stated\n    summary: A says no.\n    evidence:\n" + entries
    )
    return positions


def test_selectors_give_the_archived_text_back_through_everything_normalising_changes(
    odd: Path, tmp_path: Path
) -> None:
    document = export(odd, tmp_path / "odd.jsonld")
    assert check_every_selector(document, odd, tmp_path / "archive") == 3
    exact = [selectors(a)["TextQuoteSelector"]["exact"] for a in items(document)]
    assert exact[0] == "\u201cWe will  not\u00a0sign\u2014ever.\u201d"  # as archived, not as quoted
    assert exact[1] == "a \ufb01ne caf\u0065\u0301 in the old town"
    start = selectors(items(document)[0])["TextPositionSelector"]["start"]
    assert start == TEXT.index("\u201c") - 1  # code points of the text, the byte order mark not counted


def test_the_body_names_actor_topic_position_and_stance(odd: Path, tmp_path: Path) -> None:
    annotation = items(export(odd, tmp_path / "odd.jsonld"))[0]
    assert annotation["id"] == "urn:stancediff:annotation:a:t:2020-02:1"
    assert annotation["target"]["source"] == "https://example.org/odd"
    text, stance = annotation["body"]
    assert text["type"] == "TextualBody" and text["value"].startswith("Actor A: oppose on 'T'")
    assert stance["id"] == "urn:stancediff:stance:a:t:2020-02"
    assert (stance["actor"], stance["topic"], stance["position"], stance["scaleValue"]) == ("a", "t", "oppose", -2)


def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The W3C context from the copy shipped with the tests: nothing is fetched."""
    assert url == "http://www.w3.org/ns/anno.jsonld", url
    return {"contextUrl": None, "documentUrl": url, "document": ANNO}


def test_json_ld_expands_with_the_w3c_context_losing_no_term(odd: Path, tmp_path: Path) -> None:
    document = export(odd, tmp_path / "odd.jsonld")
    expanded = jsonld.expand(document, {"documentLoader": loader})
    text = json.dumps(expanded)
    for iri in (OA + "hasTarget", OA + "hasSelector", OA + "exact", OA + "start", "urn:stancediff:vocab#actor"):
        assert iri in text, iri
    # Expansion drops every key its context does not define; compacting what is left gives the document back
    # only if nothing was dropped.
    compacted = jsonld.compact(expanded, document["@context"], {"documentLoader": loader})
    compacted.pop("@context")
    assert compacted == {key: value for key, value in document.items() if key != "@context"}


def test_a_term_the_context_does_not_define_would_be_lost(odd: Path, tmp_path: Path) -> None:
    """The check above can fail: a key outside the contexts does not survive expansion."""
    document = export(odd, tmp_path / "odd.jsonld")
    document["first"]["items"][0]["undefinedTerm"] = "x"
    compacted = jsonld.compact(
        jsonld.expand(document, {"documentLoader": loader}), document["@context"], {"documentLoader": loader}
    )
    assert "undefinedTerm" not in compacted["first"]["items"][0]


def test_the_valid_fixture(data: Copy, tmp_path: Path) -> None:
    document = export(data.positions, tmp_path / "out.jsonld", "--sources-dir", str(data.sources))
    assert check_every_selector(document, data.positions, data.sources) == len(items(document))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_the_shipped_dataset_every_quote_anchored(tmp_path: Path) -> None:
    positions = PROJECT / "positions"
    document = export(positions, tmp_path / "huawei.jsonld", "--sources-dir", str(SEEDS))
    assert check_every_selector(document, positions, SEEDS) == len(items(document)) > 30


def test_without_the_archive_nothing_is_written(odd: Path, tmp_path: Path) -> None:
    (tmp_path / "archive" / "odd.txt").unlink()
    target = tmp_path / "odd.jsonld"
    result = invoke("export", "--positions", str(odd), "--format", "web-annotation", "-o", str(target))
    assert result.exit_code != 0
    assert not target.exists()
