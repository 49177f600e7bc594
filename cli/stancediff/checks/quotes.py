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
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz

from ..format.archive import ArchiveFolder
from ..format.dataset import display_path
from ..format.model import Dataset, Source
from ..problems import Code, Problem, Raw, problem, show
from ..text import FORBIDDEN
from .base import MAX_QUOTED, Context
from .words import Span, covered_words, locate, percent, word_at, word_count

MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_NORMALIZED_CHARS = 2 * MAX_SOURCE_BYTES  # NFKC may lengthen a text; beyond this it is refused
PASSAGE_CHARS = 160
SEARCH_CHARS = 300  # of a quote, looked for to find the closest passage
WHOLE_TEXT_CHARS = 50_000  # a shorter text is searched whole; a longer one around the quote's words
ANCHOR_WORDS = 8  # the quote's longest words, looked up in a longer text
ANCHOR_HITS = 16  # places searched around each of them
MAX_PASSAGE_SEARCHES = 100  # quotes not found, per run, for which the closest passage is searched
_CHUNK_CHARS = 65_536
_WORD = re.compile(r"\w{3,}")

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


def normalize(text: str) -> str:
    """The form in which quotes and sources are compared."""
    return " ".join(fold(text).split())


def fold(text: str) -> str:
    """NFKC with curly quotes and dashes folded: `normalize` but for white space."""
    if text.isascii():  # NFKC and the folds change nothing in ASCII text
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


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


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    evidence = [
        e for stance in dataset.stances for e in stance.evidence if e.quote is not None and e.source is not None
    ]
    if context.archive is None or context.archive.path is None:
        context.stats["quotes_unchecked"] += len(evidence)
        return
    texts: dict[str, str] = {}
    cited = {item.source for item in evidence}
    archived = ArchivedTexts(context.archive)
    for source in dataset.source_ids.values():
        if source.file is not None and source.id in cited:
            text, problems = archived.text_of(source)
            yield from problems
            if text is not None:
                texts[source.id] = text
    searches = MAX_PASSAGE_SEARCHES
    spans: dict[str, list[Span]] = {}  # of the quotes found, by source id
    for item in evidence:
        text = texts.get(item.source)
        if text is None:
            context.stats["quotes_unchecked"] += 1
            continue
        context.stats["quotes_checked"] += 1
        quote = normalize(item.quote)
        located = locate(quote, text)
        if located is None:
            source = dataset.source_ids[item.source]
            searches -= 1
            yield problem(
                "quote-not-found",
                item.path,
                item.at("quote"),
                source=source.id,
                file=source.file,
                closest=_closest_words(quote, text) if searches >= 0 else Raw(_NOT_SEARCHED),
            )
            continue
        start, end, cut = located
        spans.setdefault(item.source, []).append((start, end))
        if cut is not None:
            word = word_at(text, start if cut == "start" else end - 1)
            yield problem(
                "quote-mid-word", item.path, item.at("quote"), end=Raw(cut + "s"), word=word, source=item.source
            )
    limit = next(share for share in (context.max_quoted, dataset.max_quoted, MAX_QUOTED) if share is not None)
    yield from _over_quoted(dataset, texts, spans, limit)


def _over_quoted(
    dataset: Dataset, texts: dict[str, str], spans: dict[str, list[Span]], limit: float
) -> Iterator[Problem]:
    """Each source whose quotes together reproduce more than `limit` of its words."""
    counted: dict[int, int] = {}  # words by text, counted once for the sources that share a file (and its text)
    for source_id, quoted in spans.items():
        text = texts[source_id]
        if id(text) not in counted:
            counted[id(text)] = word_count(text)
        words = counted[id(text)]
        covered = covered_words(text, quoted)
        if covered > limit * words:
            source = dataset.source_ids[source_id]
            yield problem(
                "over-quoted",
                source.path,
                source.at("id"),
                value=source_id,
                share=Raw(percent(covered / words)),
                covered=Raw(f"{covered:,}"),
                words=Raw(f"{words:,}"),
                limit=Raw(percent(limit)),
            )


_NOT_SEARCHED = f"; the closest passage is shown for the first {MAX_PASSAGE_SEARCHES} quotes not found only"


def _closest_words(quote: str, text: str) -> Raw:
    score, passage = closest_passage(quote, text)
    if not passage:
        return Raw("; no passage of the source is alike")
    return Raw(f"; closest passage ({score}% alike): {show(passage)}")


def closest_passage(quote: str, text: str) -> tuple[int, str]:
    """How alike (0-100) the passage of `text` most like `quote` is, and that passage, short enough for a message."""
    score, start, end = closest_span(quote, text)
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


def closest_span(quote: str, text: str) -> tuple[float, int, int]:
    """How alike (0-100) the passage of `text` most like `quote` is, and where it starts and ends (0, 0, 0: none).

    The cost of a fuzzy search grows with the quote's length times the text's,
    so it is bounded: the first `SEARCH_CHARS` of the quote are looked for,
    in the whole text when it is short, else only around the places where the
    quote's longest words occur (none found: no passage).
    """
    needle = quote[:SEARCH_CHARS]
    best: tuple[float, int, int] = (0.0, 0, 0)
    for window_start, window_end in _windows(needle, text):
        alignment = fuzz.partial_ratio_alignment(needle, text[window_start:window_end])
        if alignment is not None and alignment.score > best[0]:
            best = (alignment.score, window_start + alignment.dest_start, window_start + alignment.dest_end)
    return best


def _windows(needle: str, text: str) -> list[tuple[int, int]]:
    """The spans of `text` to search for `needle`: all of it if short, else around its words."""
    if len(text) <= WHOLE_TEXT_CHARS:
        return [(0, len(text))]
    words = sorted({w for w in _WORD.findall(needle)}, key=len, reverse=True)[:ANCHOR_WORDS]
    spans: list[tuple[int, int]] = []
    for word in words:
        at = text.find(word)
        for _ in range(ANCHOR_HITS):
            if at < 0:
                break
            spans.append((max(0, at - len(needle)), at + 2 * len(needle)))
            at = text.find(word, at + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ArchivedTexts:
    """The archived texts, each file read and normalised once however many sources name it."""

    def __init__(self, folder: ArchiveFolder) -> None:
        assert folder.path is not None
        self.folder = folder
        self.sources_dir: Path = folder.path
        self.files: dict[str, _File] = {}  # by real path

    def text_of(self, source: Source) -> tuple[str | None, list[Problem]]:
        """The normalised archived text of `source`, or None and the reasons it cannot be had."""
        assert source.file is not None
        name = source.file

        def refuse(code: str, **fields: object) -> tuple[None, list[Problem]]:
            return None, [problem(code, source.path, source.at("file"), file=name, source=source.id, **fields)]

        real = _safe_path(name, self.sources_dir)
        if isinstance(real, Raw):
            return refuse("source-file-unsafe", reason=real)
        free = self.folder.may_read(real)
        if not free and source.sha256 is None:  # not even opened
            return refuse("source-file-outside", project=self._project(), why=Raw(_NO_SHA256))
        if real not in self.files:
            self.files[real] = _read(real)
        digest, text, refusal = self.files[real]
        if not free and digest != source.sha256:  # missing, unreadable or another text: the same answer
            return refuse("source-file-outside", project=self._project(), why=Raw(_NOT_MATCHED))
        if refusal is not None and refusal[0] == "source-file-missing":
            return refuse("source-file-missing", sources_dir=str(self.sources_dir))
        problems: list[Problem] = []
        if source.sha256 is not None and digest and digest != source.sha256:
            problems.append(
                problem(
                    "checksum-mismatch",
                    source.path,
                    source.at("sha256"),
                    file=name,
                    actual=Raw(digest),
                    expected=Raw(source.sha256),
                )
            )
        if refusal is not None:
            return None, problems + refuse(refusal[0], reason=Raw(refusal[1]))[1]
        return text, problems

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


_NO_SHA256 = "sources.yaml records no sha256 for it"
_NOT_MATCHED = "it is not there, cannot be read, or its sha256 is not the one sources.yaml records"


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


def _read(real: str) -> _File:
    """The file's sha256 and normalised text, or why there is no text."""
    digest, text, refusal = _decoded(real)
    if text is None:
        return digest, None, refusal
    normal = normalize_source(text)
    if normal is None:
        return digest, None, ("source-file-unreadable", f"normalised, it exceeds {MAX_NORMALIZED_CHARS} characters")
    return digest, normal, None


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
