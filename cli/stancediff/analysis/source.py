"""What one source evidences: the stances citing it, its quotes in the order they stand in its text, how much it quotes.

    found = source_evidence(dataset, "no-spy-agreements-2019-05-15", sources_dir=None)
    found.quotes[0].before, found.quotes[0].quote   # the first quote in the text, with a little context
    found.quoted_words / found.words                # the share of the text's words its quotes cover

The text is read through the archive (`checks.quotes.ArchivedTexts`, confined as
every reading of an archived text is) and searched as `validate` compares
quotes: both normalised (`checks.quotes.normalize`), each quote at its first
place on word boundaries (`checks.words.locate`). The share is that of the
`over-quoted` check: the words the quotes touch, each counted once, over the
text's words. When the text cannot be read, the quotes keep the dataset's
order and `unread` says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checks.quotes import ArchivedTexts, normalize
from ..checks.words import Span, covered_words, locate, word_count
from ..curation.quote import text_after, text_before
from ..format.archive import archive_dir
from ..format.model import Dataset, Evidence, Source, Stance
from .select import find_source

CONTEXT_CHARS = 40  # of the text shown on either side of a quote


@dataclass(frozen=True)
class Quoted:
    stance: Stance
    evidence: Evidence
    span: Span | None  # where it stands in the normalised text; None when not found (or the text unread)
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class SourceEvidence:
    source: Source
    stances: tuple[Stance, ...]  # every stance citing it, in file order
    quotes: tuple[Quoted, ...]  # in text order; those not found after, in file order
    length: int | None  # of the normalised text, in characters; None when unread
    words: int | None  # of the text; None when unread
    quoted_words: int | None  # the words its quotes touch, each once
    unread: str | None  # why the text could not be read
    warning: str | None = None  # what is wrong with a text that was read (its sha256 differs from the one given)


def source_evidence(dataset: Dataset, wanted: str, sources_dir: Path | None = None) -> SourceEvidence:
    """What source `wanted` (an id or title) evidences; the archive is `sources_dir`, else the dataset's."""
    source = find_source(dataset, wanted)
    citing = [(stance, e) for stance in dataset.stances for e in stance.evidence if e.source == source.id]
    stances: list[Stance] = []
    for stance, _ in citing:
        if not stances or stances[-1] is not stance:  # a stance's entries are next to each other
            stances.append(stance)
    text, why = _text(dataset, source, sources_dir)
    if text is None:
        quotes = tuple(Quoted(stance, e, None) for stance, e in citing)
        return SourceEvidence(source, tuple(stances), quotes, None, None, None, why)
    located = []
    for stance, e in citing:
        found = locate(normalize(e.quote), text)
        if found is None:
            located.append(Quoted(stance, e, None))
        else:
            start, end, _ = found
            before, after = text_before(text, start, CONTEXT_CHARS), text_after(text, end, CONTEXT_CHARS)
            located.append(Quoted(stance, e, (start, end), before, after))
    located.sort(key=lambda q: (q.span is None, q.span or (0, 0)))  # stable: file order among equals
    spans = [q.span for q in located if q.span is not None]
    words, covered = word_count(text), covered_words(text, spans)
    return SourceEvidence(source, tuple(stances), tuple(located), len(text), words, covered, None, why)


def _text(dataset: Dataset, source: Source, sources_dir: Path | None) -> tuple[str | None, str | None]:
    """The source's normalised archived text, or None; and why it cannot be had, or what is wrong with it."""
    if source.file is None:
        return None, "the source names no archived `file`"
    archive = archive_dir(dataset, sources_dir)
    if archive.path is None:
        if archive.problem is not None:
            return None, archive.problem.message
        return None, "no archive: name it in sources.yaml (`archive:`) or pass --sources-dir"
    text, problems = ArchivedTexts(archive).text_of(source)
    if text is None:
        return None, problems[-1].message if problems else "the archived text cannot be read"
    return text, problems[0].message if problems else None
