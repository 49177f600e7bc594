"""`stancediff quote`: where a text, or the passage most like it, stands in the archived sources.

    finding = find_quote(dataset, "no spy agreements", source_id=None)
    finding.matches[0].quote   # whole words of the source, ready to cite

The texts are searched as `validate` compares quotes (`checks.quotes.normalize`):
a quote taken from a match is found by `validate`. An exact occurrence is
preferred; else the closest passage is searched within the bounds of
`checks.quotes.closest_span`, one source at a time, at most `MAX_SOURCES`
sources a run; one text is held at a time, read once for the sources that
name the same file. A match is widened to whole words, so that no word is cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..checks.evidence import MAX_QUOTE_CHARS
from ..checks.quotes import ArchivedTexts, closest_span, normalize
from ..checks.words import in_word, locate
from ..errors import StancediffError, UnknownId
from ..format.archive import archive_dir
from ..format.model import Dataset, Source
from ..problems import Problem, show
from ..suggest import did_you_mean

CONTEXT_CHARS = 80  # of the source shown on either side of a match
MAX_SOURCES = 2_000  # sources searched in one run, without SOURCE
MAX_MATCHES = 5  # sources listed, best first, without SOURCE
MIN_SIMILARITY = 60  # below this, a source's closest passage is listed only if it is the best there is
MAX_WORD_CHARS = 100  # a match is widened this far at most to take in a whole word


@dataclass(frozen=True)
class Match:
    source: Source
    similarity: int  # 0-100; 100 when the text is in the source as it is
    exact: bool  # the text occurs in the source as it is
    quote: str  # the passage, whole words, as `validate` reads the source
    before: str  # the source's text just before it (up to CONTEXT_CHARS, from a word's start)
    after: str  # and just after it


@dataclass(frozen=True)
class Finding:
    text: str  # what was looked for, normalised
    matches: tuple[Match, ...]  # best first; only those with some likeness
    unread: tuple[Problem, ...]  # why some sources' texts could not be read
    searched: int  # how many sources were searched
    parts: tuple[Finding, ...] = ()  # a text with an ellipsis: each part looked for on its own

    @property
    def exact(self) -> bool:
        """Whether the text is in a source as it is (or, with an ellipsis, each of its parts is)."""
        if self.parts:
            return all(part.exact for part in self.parts)
        return any(match.exact for match in self.matches)


ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\[\.\.\.\])\s*")  # ..., … or [...]: words left out


def find_quote(dataset: Dataset, text: str, source_id: str | None = None, sources_dir: Path | None = None) -> Finding:
    """Where `text`, or the passage most like it, stands in source `source_id` (else in every archived source).

    The archive is `sources_dir`, else the one the dataset names (`archive_dir`). A text with an
    ellipsis leaves words out, so no passage holds it verbatim: each part is also looked for on
    its own (`parts`), to be cited as an evidence entry of its own.
    """
    pieces = [piece for piece in ELLIPSIS.split(text) if normalize(piece)]
    if len(pieces) > 1:
        whole = _find(dataset, ELLIPSIS.sub(" ", text), source_id, sources_dir)
        parts = tuple(_find(dataset, piece, source_id, sources_dir) for piece in pieces)
        return replace(whole, parts=parts)
    return _find(dataset, text, source_id, sources_dir)


def _find(dataset: Dataset, text: str, source_id: str | None, sources_dir: Path | None) -> Finding:
    wanted = normalize(text)
    if not wanted:
        raise StancediffError("the text to look for is empty")
    if len(wanted) > MAX_QUOTE_CHARS:
        raise StancediffError(f"the text to look for is {len(wanted):,} characters; a quote is at most 1,000")
    archive = archive_dir(dataset, sources_dir)
    if archive.path is None:
        if archive.problem is not None:
            raise StancediffError(f"{archive.problem.file}:{archive.problem.line}: {archive.problem.message}")
        raise StancediffError("no archive to search: name it in sources.yaml (`archive:`) or pass --sources-dir")
    reader = ArchivedTexts(archive)
    if source_id is not None:
        source = _find_source(dataset, source_id)
        source_text, problems = reader.text_of(source)
        if source_text is None:
            raise StancediffError(problems[-1].message if problems else f"cannot read the text of {show(source.id)}")
        match = _match(source, wanted, source_text)
        return Finding(wanted, (match,) if match else (), (), 1)
    archived = [source for source in dataset.source_ids.values() if source.file is not None]
    if not archived:
        raise StancediffError("no source names an archived `file`; there is nothing to search")
    matches: list[Match] = []
    unread: list[Problem] = []
    # The sources of one file one after another: its text is read once and held alone.
    for source in sorted(archived[:MAX_SOURCES], key=lambda source: source.file or ""):
        source_text, problems = reader.text_of(source)
        if source_text is None:
            unread += problems
            continue
        match = _match(source, wanted, source_text)
        if match is not None:
            matches.append(match)
    matches.sort(key=lambda m: (-m.similarity, m.source.id))
    listed = matches[:1] + [m for m in matches[1:MAX_MATCHES] if m.similarity >= MIN_SIMILARITY]
    return Finding(
        wanted, tuple(listed), tuple(sorted(unread)), min(len(archived), MAX_SOURCES)
    )  # as sources.yaml lists them


def _find_source(dataset: Dataset, wanted: str) -> Source:
    source = dataset.source_ids.get(wanted)
    if source is None:
        raise UnknownId(f"no source {show(wanted)} in sources.yaml{did_you_mean(wanted, dataset.source_ids)}")
    if source.file is None:
        raise StancediffError(f"source {show(source.id)} names no archived `file`; there is no text to search")
    return source


def _match(source: Source, wanted: str, text: str) -> Match | None:
    """The place of `wanted` in `text`, or of the passage most like it; None if nothing is alike."""
    found = locate(wanted, text)
    if found is not None:
        similarity, (start, end, _), exact = 100.0, found, True
    else:
        similarity, start, end = closest_span(wanted, text)
        exact = False
        if not similarity:
            return None
    start, end = _whole_words(text, start, end)
    return Match(
        source=source,
        similarity=round(similarity),
        exact=exact,
        quote=text[start:end],
        before=text_before(text, start),
        after=text_after(text, end),
    )


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened so that it cuts no word, and trimmed of white space at its ends."""
    stop = max(0, start - MAX_WORD_CHARS)
    while start > stop and in_word(text[start - 1]) and in_word(text[start]):
        start -= 1
    stop = min(len(text), end + MAX_WORD_CHARS)
    while end < stop and in_word(text[end - 1]) and in_word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def text_before(text: str, start: int, chars: int = CONTEXT_CHARS) -> str:
    """Up to `chars` of `text` before `start`, from the start of a word."""
    cut = max(0, start - chars)
    if cut > 0:
        space = text.find(" ", cut, start)
        cut = space + 1 if space >= 0 else cut
    return text[cut:start]


def text_after(text: str, end: int, chars: int = CONTEXT_CHARS) -> str:
    """Up to `chars` of `text` after `end`, to the end of a word."""
    cut = min(len(text), end + chars)
    if cut < len(text):
        space = text.rfind(" ", end, cut)
        cut = space if space > end else cut
    return text[end:cut]
