"""Quotes: every quote must appear in its source's archived text (with `--sources-dir`).

Both sides are compared after Unicode NFKC normalisation, folding curly quotes
to straight ones and dashes to hyphens, and collapsing white space; case and
words must match. A quote that is not found is reported with the closest
passage of the source.

A source's `file` must be a relative path to a regular file inside the
sources folder: no absolute path, no `..`, no symlink that leads outside, no
FIFO or device, at most `MAX_SOURCE_BYTES`; its `sha256`, when given, must
match. Quotes whose text cannot be compared are counted as unchecked.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz

from ..format.model import Dataset, Source
from ..problems import Problem, Raw, problem
from ..text import FORBIDDEN
from .base import Context

MAX_SOURCE_BYTES = 20 * 1024 * 1024
PASSAGE_CHARS = 160

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)


def normalize(text: str) -> str:
    """The form in which quotes and sources are compared."""
    if not text.isascii():  # NFKC and the folds change nothing in ASCII text
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return " ".join(text.split())


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    evidence = [
        e for stance in dataset.stances for e in stance.evidence if e.quote is not None and e.source is not None
    ]
    if context.sources_dir is None:
        context.stats["quotes_unchecked"] += len(evidence)
        return
    texts: dict[str, str] = {}
    for source in dataset.source_ids.values():
        if source.file is not None:
            text, found = _archived_text(source, context.sources_dir)
            yield from found
            if text is not None:
                texts[source.id] = text
    for item in evidence:
        text = texts.get(item.source)
        if text is None:
            context.stats["quotes_unchecked"] += 1
            continue
        context.stats["quotes_checked"] += 1
        quote = normalize(item.quote)
        if quote not in text:
            source = dataset.source_ids[item.source]
            score, passage = closest_passage(quote, text)
            yield problem(
                "quote-not-found",
                item.path,
                item.at("quote"),
                source=source.id,
                file=source.file,
                score=score,
                passage=passage,
            )


def closest_passage(quote: str, text: str) -> tuple[int, str]:
    """How alike (0-100) the passage of `text` most like `quote` is, and that passage."""
    found = fuzz.partial_ratio_alignment(quote, text)
    if found is None:
        return 0, ""
    start, end = found.dest_start, found.dest_end
    # Widen to whole words, and keep it short enough to read in a message.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    passage = text[start:end]
    if len(passage) > PASSAGE_CHARS:
        passage = passage[:PASSAGE_CHARS].rsplit(" ", 1)[0] + " ..."
    return round(found.score), passage


def _archived_text(source: Source, sources_dir: Path) -> tuple[str | None, list[Problem]]:
    """The normalised archived text of `source`, or None and the reasons it cannot be had."""
    assert source.file is not None
    name = source.file

    def refuse(code: str, key: str = "file", **fields: object) -> tuple[None, list[Problem]]:
        return None, [problem(code, source.path, source.at(key), file=name, source=source.id, **fields)]

    if FORBIDDEN.search(name):
        return refuse("source-file-unsafe", reason=Raw("the name holds a control character"))
    relative = PurePosixPath(name)
    if relative.is_absolute() or os.path.isabs(name):
        return refuse("source-file-unsafe", reason=Raw("an absolute path; give it relative to the sources folder"))
    if ".." in relative.parts:
        return refuse("source-file-unsafe", reason=Raw("`..` leads outside the sources folder"))
    root = os.path.realpath(sources_dir)
    real = os.path.realpath(os.path.join(root, name))
    if os.path.commonpath([root, real]) != root:
        return refuse("source-file-unsafe", reason=Raw("a symlink that leads outside the sources folder"))
    try:
        # O_NONBLOCK: opening a FIFO must not hang; fstat then refuses it.
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        return refuse("source-file-missing", sources_dir=str(sources_dir))
    except OSError as error:
        return refuse("source-file-unreadable", reason=Raw(error.strerror or str(error)))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            return refuse("source-file-unsafe", reason=Raw("not a regular file"))
        if info.st_size > MAX_SOURCE_BYTES:
            return refuse("source-file-unreadable", reason=Raw(f"larger than the limit of {MAX_SOURCE_BYTES} bytes"))
        data = handle.read(MAX_SOURCE_BYTES + 1)
    problems: list[Problem] = []
    if source.sha256 is not None:
        actual = hashlib.sha256(data).hexdigest()
        if actual != source.sha256:
            problems.append(
                problem(
                    "checksum-mismatch",
                    source.path,
                    source.at("sha256"),
                    file=name,
                    actual=Raw(actual),
                    expected=Raw(source.sha256),
                )
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, problems + refuse("source-file-unreadable", reason=Raw("not valid UTF-8"))[1]
    return normalize(text), problems
