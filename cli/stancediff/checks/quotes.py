"""Quotes: every quote must appear in its source's archived text (with `--sources-dir`).

Both sides are compared after Unicode NFKC normalisation, folding curly quotes
to straight ones and dashes to hyphens, and collapsing white space; case and
words must match. A quote that is not found is reported with the closest
passage of the source (searched within bounds, see `closest_passage`).

A quote found must start and end on word boundaries, and the quotes of one
source together may reproduce at most a share of its words: `--max-quoted`,
else the dataset's `max_quoted`, else `MAX_QUOTED` (see `quoting`).

Only the files of cited sources are read, each once however many sources
name it, and a text that NFKC would lengthen beyond `MAX_NORMALIZED_CHARS`
is refused.

A source's `file` must be a relative path to a regular file inside the
sources folder: no absolute path, no `..`, no symlink that leads outside, no
FIFO or device, at most `MAX_SOURCE_BYTES`; its `sha256`, when given, must
match. Quotes whose text cannot be compared are counted as unchecked.
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

from ..format.model import Dataset, Source
from ..problems import Problem, Raw, problem, show
from ..text import FORBIDDEN
from .base import MAX_QUOTED, Context
from .quoting import Span, covered_words, locate, percent, word_at, word_count

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


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    evidence = [
        e for stance in dataset.stances for e in stance.evidence if e.quote is not None and e.source is not None
    ]
    if context.sources_dir is None:
        context.stats["quotes_unchecked"] += len(evidence)
        return
    texts: dict[str, str] = {}
    cited = {item.source for item in evidence}
    archive = Archive(context.sources_dir)
    for source in dataset.source_ids.values():
        if source.file is not None and source.id in cited:
            text, found = archive.text_of(source)
            yield from found
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
        found = locate(quote, text)
        if found is None:
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
        start, end, cut = found
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
    for source_id, found in spans.items():
        text = texts[source_id]
        if id(text) not in counted:
            counted[id(text)] = word_count(text)
        words = counted[id(text)]
        covered = covered_words(text, found)
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
        found = fuzz.partial_ratio_alignment(needle, text[window_start:window_end])
        if found is not None and found.score > best[0]:
            best = (found.score, window_start + found.dest_start, window_start + found.dest_end)
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


class Archive:
    """The archived texts, each file read and normalised once however many sources name it."""

    def __init__(self, sources_dir: Path) -> None:
        self.sources_dir = sources_dir
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
        if real not in self.files:
            self.files[real] = _read(real)
        digest, text, refusal = self.files[real]
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
        """The archived text of `source` as stored (not normalised) and its sha256; None if it cannot be read.

        Read through the same confinement as `text_of` (which says why a text cannot be had), and not kept.
        """
        if source.file is None or isinstance(real := _safe_path(source.file, self.sources_dir), Raw):
            return None
        digest, text, _ = _decoded(real)
        return None if text is None else (text, digest)


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
        # O_NONBLOCK: opening a FIFO must not hang; fstat then refuses it.
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
