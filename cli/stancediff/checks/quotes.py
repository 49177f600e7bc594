"""Quotes: every quote must appear, word for word, in its source's archived text.

The archived texts are read from the folder that sources.yaml names
(`archive:`), or from `--sources-dir`. A quote and its source are compared
after Unicode NFKC normalisation, with curly quotes folded to straight ones,
dashes to hyphens and white space collapsed; case and words must match. A
quote that is not found is reported with the passage of the source most like
it (searched within bounds, for the first quotes not found of a run).

A quote found must start and end on word boundaries, and the quotes of one
source together may reproduce at most a share of its words: `--max-quoted`,
else `max_quoted:` in sources.yaml, else the default that `stancediff docs
format` gives.

Every archived file a source names is read and hashed once, however many
sources name it; its text is normalised only where quotes are looked for in
it, one text at a time (so that at most one is held), and a text that NFKC
would lengthen beyond one and a half times as many characters as the size
limit has bytes is refused. The quotes of one
text are looked for together (`words.Finder`: each word indexed once).

A source's `file` must be a relative path to a regular file inside the
archive folder: no absolute path, no `..`, no symlink that leads outside, no
FIFO or device, nothing over the size limit (nor a text that normalisation
would make far longer); its `sha256`, when given, must match. A file that the
data names outside the project is used only once its sha256 is the one
recorded (`format.archive`): before that, none of its text is compared,
shown or counted. Only the files of cited sources are read, each once however
many sources name it. Quotes whose text cannot be compared are counted as
unchecked.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz

from ..format.archive import ArchiveFolder
from ..format.dataset import display_path
from ..format.model import Actor, Dataset, Source
from ..problems import Code, Mark, Problem, Raw, problem, show
from ..text import FORBIDDEN
from .base import MAX_QUOTED, Scope
from .words import Finder, covered, percent, word_at, word_count, word_spans

MAX_SOURCE_BYTES = 20 * 1024 * 1024
# NFKC may lengthen a text (U+FDFA makes 18 characters); one of more characters, normalised, than one and a
# half times the size limit in bytes is refused. ASCII keeps its length and other characters take two to four
# bytes, so only a text full of such ligatures comes near it; the time NFKC takes is bounded with it.
MAX_NORMALIZED_CHARS = MAX_SOURCE_BYTES * 3 // 2
PASSAGE_CHARS = 160
SEARCH_CHARS = 300  # of a quote, looked for to find the closest passage
WHOLE_TEXT_CHARS = 50_000  # a shorter text is searched whole; a longer one around the quote's words
ANCHOR_WORDS = 8  # the quote's longest words, looked up in a longer text
ANCHOR_HITS = 16  # places searched around each of them
MAX_PASSAGE_SEARCHES = 100  # quotes not found, per run, for which the closest passage is searched
_CHUNK_CHARS = 65_536
_TOO_LONG = f"normalised, it exceeds {MAX_NORMALIZED_CHARS:,} characters"
_WORD = re.compile(r"\w{3,}")

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


_FOLDED = re.compile("[" + "".join(map(chr, _FOLD)) + "]")


def normalize(text: str) -> str:
    """The form in which quotes and sources are compared."""
    return " ".join(fold(text).split())


def fold(text: str) -> str:
    """NFKC with curly quotes and dashes folded: `normalize` but for white space."""
    if text.isascii():  # NFKC and the folds change nothing in ASCII text
        return text
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_FOLD) if _FOLDED.search(text) else text  # translate is slow; most have nothing to fold


CODES: dict[str, Code] = {
    "quote-not-found": Code.error(
        "Quote not in source",
        "quote not found in source {source} ({file}){closest}",
        "Copy the quote verbatim from the source; case and words must match.",
    ),
    "source-file-missing": Code.error(
        "Source file missing",
        "file {file} of source {source} is not in {sources_dir}",
        "Archive the text under the sources folder, or correct `file`.",
    ),
    "source-file-unsafe": Code.error(
        "Source file refused",
        "file {file} of source {source} is refused: {reason}",
        "Give a relative path to a regular file inside the sources folder.",
    ),
    "source-file-unreadable": Code.error(
        "Source file unreadable",
        "file {file} of source {source} cannot be read: {reason}",
        "Make the archived text a readable UTF-8 file of at most the size limit.",
    ),
    "quote-mid-word": Code.error(
        "Quote cut mid-word",
        "the quote {end} in the middle of the word {word} of source {source}",
        'Quote whole words: a cut word can turn a word into another ("acceptable" out of "unacceptable").',
    ),
    "source-file-outside": Code.error(
        "Source file outside the project",
        "file {file} of source {source} is not read: it lies outside the project ({project}), and {why}",
        "A dataset may not make stancediff read just any file: keep the archive inside the project (the git work "
        "tree that holds the dataset), record the file's sha256 in `sha256` (`sha256sum FILE`), or name the "
        "archive's folder yourself with --sources-dir or $STANCEDIFF_ARCHIVE.",
    ),
    "checksum-mismatch": Code.error(
        "Checksum mismatch",
        "sha256 of {file} is {actual}, not {expected}",
        "Restore the archived text, or update `sha256` if the text was replaced on purpose.",
    ),
    "over-quoted": Code.warning(
        "Source quoted at length",
        "the quotes of source {value} reproduce {share} of its words ({covered} of {words}); the limit is {limit}",
        "Cite, do not republish: keep the words that carry each stance and summarise the rest in your own "
        "words. A dataset sets another limit with `max_quoted:` in sources.yaml, one run with `validate --max-quoted`.",
    ),
}


@dataclass(frozen=True)
class Quote:
    """A quote of an actor file, to look for in its source."""

    path: str
    mark: Mark
    source: str
    text: str  # normalised


@dataclass
class Quoted:
    """What the quotes of one actor file came to (`validate`'s cache keeps it per file)."""

    cited: tuple[str, ...] = ()  # the sources its quotes cite, each once
    checked: int = 0
    unchecked: int = 0
    found: list[tuple[str, int, int]] = field(default_factory=list)  # source, first and last word covered
    missed: list[Quote] = field(default_factory=list)  # not found, in file order
    problems: list[Problem] = field(default_factory=list)  # quote-mid-word


def quotes_of(actor: Actor) -> list[Quote]:
    return [
        Quote(e.path, e.at("quote"), e.source, normalize(e.quote))
        for stance in actor.stances
        for e in stance.evidence
        if e.quote is not None and e.source is not None
    ]


class Texts:
    """The archive as the quote check sees it: where each source's text is, and what is known of each text.

    Every file that a source names is read and hashed at once (its digest
    says when a text changed); what its normalised text holds (its number of
    words, or why it is refused) is learnt when it is first normalised, or
    given (`known`, by digest, from `validate`'s cache).
    """

    def __init__(self, scope: Scope, known: dict[str, int | str] | None = None) -> None:
        self.scope = scope
        folder = scope.context.archive
        self.archive = ArchivedTexts(folder) if folder is not None and folder.path is not None else None
        self.known: dict[str, int | str] = dict(known or {})  # digest -> words, or why the text is refused
        self.where: dict[str, str | list[Problem]] = {}  # source id -> real path, or why it is refused
        if self.archive is not None:
            for source in scope.sources.values():
                if source.file is not None:
                    self.where[source.id] = self.archive.path_of(source)

    def fingerprint(self) -> list[object]:
        """What the quote results of an actor file depend on besides the file: each source's file, as read."""
        if self.archive is None:
            return []
        shown: list[object] = []
        for source_id, real in self.where.items():
            if isinstance(real, list):
                shown.append([source_id, [p.code for p in real]])
            else:
                digest, refusal = self.archive.read(real)
                shown.append([source_id, [digest, refusal]])
        return shown

    def current(self) -> dict[str, int | str]:
        """What is known of the texts the sources name now (by digest), for the cache to keep."""
        if self.archive is None:
            return {}
        digests = {self.archive.read(real)[0] for real in self.where.values() if isinstance(real, str)}
        return {digest: known for digest, known in self.known.items() if digest in digests}

    def real(self, source_id: str) -> str | None:
        """The real path of the source's text, unless it may not be read or is known to give no text (the file
        is not read to find out: `text` reads it once, and learns it then)."""
        if self.archive is None:
            return None
        real = self.where.get(source_id)
        if not isinstance(real, str) or self.archive.refused(real):
            return None
        return real

    def text(self, real: str) -> str | None:
        """The normalised text at `real` (None: refused), and what is known of it learnt."""
        assert self.archive is not None
        text = self.archive.text(real)
        digest, refusal = self.archive.read(real)
        if refusal is None:  # the text was had, or normalising refused it (not: it changed meanwhile)
            self.known[digest] = word_count(text) if text is not None else _TOO_LONG
        return text

    def words(self, real: str) -> int | None:
        """The number of words of the normalised text at `real`; None if it is refused."""
        assert self.archive is not None
        digest = self.archive.read(real)[0]
        if digest not in self.known:
            self.text(real)
        found = self.known.get(digest)  # none if the file changed meanwhile
        return found if isinstance(found, int) else None

    def problems(self, source: Source) -> list[Problem]:
        """Why the text of `source` cannot be checked, and a digest that does not match."""
        assert self.archive is not None and source.file is not None
        real = self.where[source.id]
        if isinstance(real, list):
            return real
        words = self.words(real) if self.archive.read(real)[1] is None else None  # may find the file changed
        digest, refusal = self.archive.read(real)
        if refusal is None and words is None:
            refusal = ("source-file-unreadable", str(self.known[digest]))
        return self.archive.problems(source, digest, refusal)

    def locate(self, quoted: Sequence[list[Quote]]) -> list[Quoted]:
        """What the quotes of each file came to, each text normalised once, one at a time."""
        results = [Quoted(cited=tuple(dict.fromkeys(q.source for q in quotes))) for quotes in quoted]
        by_text: dict[str, list[tuple[Quoted, Quote]]] = defaultdict(list)
        for result, quotes in zip(results, quoted, strict=True):
            for quote in quotes:
                real = self.real(quote.source)
                if real is None:
                    result.unchecked += 1
                else:
                    by_text[real].append((result, quote))
        for real, items in by_text.items():
            text = self.text(real)
            if text is None:
                for result, _ in items:
                    result.unchecked += 1
                continue
            finder = Finder(text, {quote.text for _, quote in items})
            spans: list[tuple[Quoted, str, int, int]] = []
            for result, quote in items:
                result.checked += 1
                found = finder.locate(quote.text)
                if found is None:
                    result.missed.append(quote)
                    continue
                start, end, cut = found
                spans.append((result, quote.source, start, end))
                if cut is not None:
                    word = word_at(text, start if cut == "start" else end - 1)
                    result.problems.append(
                        problem(
                            "quote-mid-word", quote.path, quote.mark, end=Raw(cut + "s"), word=word, source=quote.source
                        )
                    )
            words = word_spans(text, [(start, end) for _, _, start, end in spans])
            for (result, source_id, _, _), (first, last) in zip(spans, words, strict=True):
                result.found.append((source_id, first, last))
        for result in results:
            result.missed.sort(key=lambda q: q.mark)
        return results


def across(dataset: Dataset, quoted: Sequence[Quoted], texts: Texts) -> Iterator[Problem]:
    """The problems of the quotes of every file, found already (`Texts.locate`), and of the texts they cite."""
    if texts.archive is None:
        return
    cited = {source for result in quoted for source in result.cited}
    for source in texts.scope.sources.values():
        if source.file is not None and source.id in cited:
            yield from texts.problems(source)
    yield from _missed([quote for result in quoted for quote in result.missed], texts)
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for result in quoted:
        for source_id, first, last in result.found:
            found[source_id].append((first, last))
    context = texts.scope.context
    limit = next(share for share in (context.max_quoted, dataset.max_quoted, MAX_QUOTED) if share is not None)
    for source_id, spans in found.items():
        source = texts.scope.sources[source_id]
        real = texts.real(source_id)
        words = texts.words(real) if real is not None else None
        if not words:
            continue
        share = covered(spans)
        if share > limit * words:
            yield problem(
                "over-quoted",
                source.path,
                source.at("id"),
                value=source_id,
                share=Raw(percent(share / words)),
                covered=Raw(f"{share:,}"),
                words=Raw(f"{words:,}"),
                limit=Raw(percent(limit)),
            )


def _missed(missed: list[Quote], texts: Texts) -> Iterator[Problem]:
    """quote-not-found for each quote missed, with the closest passage for the first `MAX_PASSAGE_SEARCHES`."""
    closest: dict[int, Raw] = {}
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(missed[:MAX_PASSAGE_SEARCHES]):
        real = texts.real(quote.source)
        if real is not None:
            by_text[real].append(index)
    for real, indices in by_text.items():
        text = texts.text(real)
        if text is not None:
            places: dict[str, list[int]] = {}  # of words in this text, shared by its quotes
            for index in indices:
                closest[index] = _closest_words(missed[index].text, text, places)
    for index, quote in enumerate(missed):
        source = texts.scope.sources[quote.source]
        shown = closest.get(index, Raw(_NOT_SEARCHED))
        yield problem("quote-not-found", quote.path, quote.mark, source=source.id, file=source.file, closest=shown)


_NOT_SEARCHED = f"; the closest passage is shown for the first {MAX_PASSAGE_SEARCHES} quotes not found only"


def _closest_words(quote: str, text: str, places: dict[str, list[int]]) -> Raw:
    score, passage = closest_passage(quote, text, places)
    if not passage:
        return Raw("; no passage of the source is alike")
    return Raw(f"; closest passage ({score}% alike): {show(passage)}")


def closest_passage(quote: str, text: str, places: dict[str, list[int]] | None = None) -> tuple[int, str]:
    """How alike (0-100) the passage of `text` most like `quote` is, and that passage, short enough for a message.

    `places`: see `_windows`."""
    score, start, end = closest_span(quote, text, places)
    if not score:
        return 0, ""
    # Widen to whole words, and keep it short enough to read in a message.
    while start > 0 and not text[start - 1].isspace() and end - start < PASSAGE_CHARS * 2:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - start < PASSAGE_CHARS * 2:
        end += 1
    passage = text[start:end]
    if len(passage) > PASSAGE_CHARS:
        passage = passage[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " ..."
    return round(score), passage


def closest_span(quote: str, text: str, places: dict[str, list[int]] | None = None) -> tuple[float, int, int]:
    """How alike (0-100) the passage of `text` most like `quote` is, and where it starts and ends (0, 0, 0: none).

    The cost of a fuzzy search grows with the quote's length times the text's,
    so it is bounded: the first `SEARCH_CHARS` of the quote are looked for,
    in the whole text when it is short, else only around the places where the
    quote's longest words occur (none found: no passage).
    """
    needle = quote[:SEARCH_CHARS]
    best: tuple[float, int, int] = (0.0, 0, 0)
    for window_start, window_end in _windows(needle, text, places):
        found = fuzz.partial_ratio_alignment(needle, text[window_start:window_end])
        if found is not None and found.score > best[0]:
            best = (found.score, window_start + found.dest_start, window_start + found.dest_end)
    return best


def _windows(needle: str, text: str, places: dict[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """The spans of `text` to search for `needle`: all of it if short, else around its words.

    `places` keeps where each word was found, for the next quote searched in the same text.
    """
    if len(text) <= WHOLE_TEXT_CHARS:
        return [(0, len(text))]
    places = {} if places is None else places
    words = sorted({w for w in _WORD.findall(needle)}, key=len, reverse=True)[:ANCHOR_WORDS]
    spans: list[tuple[int, int]] = []
    for word in words:
        if word not in places:
            found = places[word] = []
            at = text.find(word)
            while at >= 0 and len(found) < ANCHOR_HITS:
                found.append(at)
                at = text.find(word, at + len(word))
        spans += [(max(0, at - len(needle)), at + 2 * len(needle)) for at in places[word]]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ArchivedTexts:
    """The archived texts, confined as `format.archive` says: each file read and hashed once however many
    sources name it; one normalised text held at a time."""

    def __init__(self, folder: ArchiveFolder) -> None:
        assert folder.path is not None
        self.folder = folder
        self.sources_dir: Path = folder.path
        self._read: dict[str, _Read] = {}  # by real path
        self._last: tuple[str, str | None] | None = None  # the last text normalised, by real path

    def read(self, real: str) -> _Read:
        """The file's sha256 and why its text cannot be had (None: it can, unless normalising refuses it)."""
        if real not in self._read:
            digest, _, refusal = _read(real, normal=False)
            self._read[real] = (digest, refusal)
        return self._read[real]

    def refused(self, real: str) -> bool:
        """Whether the file is known already to give no text (it is not read to find out)."""
        known = self._read.get(real)
        return known is not None and known[1] is not None

    def text(self, real: str) -> str | None:
        """The normalised text of the file; None if it cannot be had."""
        if self._last is None or self._last[0] != real:
            self._last = None  # the last text is dropped before the next is made
            digest, text, refusal = _read(real)
            first = self._read.setdefault(real, (digest, refusal))
            if first[0] != digest:  # not the contents hashed (and, outside the project, matched) before: unused
                self._read[real] = (first[0], ("source-file-unreadable", _CHANGED))
                text = None
            self._last = (real, text)
        return self._last[1]

    def path_of(self, source: Source) -> str | list[Problem]:
        """The real path of the file of `source`, if it may be read; else the problems that say why not.

        A file outside the project is opened only when sources.yaml records a sha256 for it, and used
        only when its sha256 is that one."""
        assert source.file is not None
        real = _safe_path(source.file, self.sources_dir)
        if isinstance(real, Raw):
            return self.refuse(source, "source-file-unsafe", reason=real)
        if self.folder.may_read(real):
            return real
        if source.sha256 is None:  # not even opened
            return self.refuse(source, "source-file-outside", project=self._project(), why=Raw(_NO_SHA256))
        if self.read(real)[0] != source.sha256:  # missing, unreadable or another text: the same answer
            return self.refuse(source, "source-file-outside", project=self._project(), why=Raw(_NOT_MATCHED))
        return real

    def refuse(self, source: Source, code: str, **fields: object) -> list[Problem]:
        return [problem(code, source.path, source.at("file"), file=source.file, source=source.id, **fields)]

    def problems(self, source: Source, digest: str, refusal: tuple[str, str] | None) -> list[Problem]:
        """Why the file of `source` gives no text (refusal), and a digest that does not match sources.yaml."""
        if refusal is not None and refusal[0] == "source-file-missing":
            return self.refuse(source, "source-file-missing", sources_dir=str(self.sources_dir))
        problems: list[Problem] = []
        if source.sha256 is not None and digest and digest != source.sha256:
            problems.append(
                problem(
                    "checksum-mismatch",
                    source.path,
                    source.at("sha256"),
                    file=source.file,
                    actual=Raw(digest),
                    expected=Raw(source.sha256),
                )
            )
        if refusal is not None:
            problems += self.refuse(source, refusal[0], reason=Raw(refusal[1]))
        return problems

    def text_of(self, source: Source) -> tuple[str | None, list[Problem]]:
        """The normalised archived text of `source`, or None and the reasons it cannot be had.

        The last text is kept: ask for the sources of one file one after another.
        """
        real = self.path_of(source)
        if isinstance(real, list):
            return None, real
        text = self.text(real)
        digest, refusal = self.read(real)
        if text is None and refusal is None:
            refusal = ("source-file-unreadable", _TOO_LONG)
        return text, self.problems(source, digest, refusal)

    def original(self, source: Source) -> tuple[str, str] | None:
        """The archived text of `source` as stored (not normalised) and its sha256; None if it cannot be had.

        Under the rules of `text_of` (which says why a text cannot be had): a file outside the project is
        used only when its sha256 is the one recorded. Not kept.
        """
        if source.file is None or isinstance(real := _safe_path(source.file, self.sources_dir), Raw):
            return None
        free = self.folder.may_read(real)
        if not free and source.sha256 is None:  # not even opened
            return None
        digest, text, _ = _decoded(real)
        if text is None or (not free and digest != source.sha256):
            return None
        return text, digest

    def _project(self) -> Raw:
        return Raw(display_path(Path(self.folder.project)) if self.folder.project else "")


_CHANGED = "it changed while stancediff read it; run again"
_NO_SHA256 = "sources.yaml records no sha256 for it"
_NOT_MATCHED = "it is not there, cannot be read, or its sha256 is not the one sources.yaml records"


# An archived file as hashed: its sha256 (if read) and, if it gives no text, the problem code and reason.
_Read = tuple[str, tuple[str, str] | None]
# An archived file as read: its sha256 (if read), its normalised text, or the
# problem code and reason why there is none.
_File = tuple[str, str | None, tuple[str, str] | None]


def _safe_path(name: str, sources_dir: Path) -> str | Raw:
    """The real path of `name` inside `sources_dir`, or (as `Raw`) why it is refused."""
    if FORBIDDEN.search(name):
        return Raw("the name holds a control character")
    relative = PurePosixPath(name)
    if relative.is_absolute() or os.path.isabs(name):
        return Raw("an absolute path; give it relative to the sources folder")
    if ".." in relative.parts:
        return Raw("`..` leads outside the sources folder")
    root = os.path.realpath(sources_dir)
    real = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, real]) != root:
        return Raw("a symlink that leads outside the sources folder")
    return real


def _read(real: str, normal: bool = True) -> _File:
    """The file's sha256 and normalised text (with `normal`; else no text), or why there is no text."""
    digest, text, refusal = _decoded(real)
    if text is None or not normal:
        return digest, None, refusal
    normalised = normalize_source(text)
    del text  # so that the text as stored is not held beside the normalised one
    if normalised is None:
        return digest, None, ("source-file-unreadable", _TOO_LONG)
    return digest, normalised, None


def _decoded(real: str) -> _File:
    """The file's sha256 and its text as stored (decoded from UTF-8, a byte order mark dropped), or why none."""
    try:
        # Only a regular file is opened (opening a device may do something);
        # O_NONBLOCK: what is swapped for a FIFO meanwhile must not hang, fstat refuses it.
        if not stat.S_ISREG(os.stat(real).st_mode):
            return "", None, ("source-file-unsafe", "not a regular file")
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return "", None, ("source-file-missing", "")
    except OSError as error:
        return "", None, ("source-file-unreadable", error.strerror or str(error))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return "", None, ("source-file-unsafe", "not a regular file")
        if info.st_size > MAX_SOURCE_BYTES:
            return "", None, ("source-file-unreadable", f"larger than the limit of {MAX_SOURCE_BYTES} bytes")
        data = handle.read(MAX_SOURCE_BYTES + 1)
    digest = hashlib.sha256(data).hexdigest()
    try:
        return digest, data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return digest, None, ("source-file-unreadable", "not valid UTF-8")


def normalize_source(text: str, limit: int = MAX_NORMALIZED_CHARS) -> str | None:
    """`normalize(text)` for a whole source, or None if that would exceed `limit` characters.

    NFKC can make a character into eighteen, and splitting a long text into
    words at once takes many times its size, so the text is normalised a chunk
    at a time, cut at a line break or space (where no character composes with
    its neighbour), and the growing total checked after each chunk.
    """
    pieces: list[str] = []
    total = start = 0
    while start < len(text):
        end = min(start + _CHUNK_CHARS, len(text))
        if end < len(text):
            cut = max(text.rfind("\n", start, end), text.rfind(" ", start, end))
            end = cut if cut > start else end
        # A cut where there is no white space joins the two chunks' words again.
        glue = " " if end == len(text) or text[end - 1].isspace() or text[end].isspace() else ""
        piece = normalize(text[start:end])
        total += len(piece) + 1
        if total > limit:
            return None
        if piece:
            pieces.append(piece)
            pieces.append(glue)
        start = end
    return "".join(pieces[:-1])
