"""The words of a normalised text: where a quote sits on word boundaries, and how many words quotes cover.

Both the quote and the text are normalised (`quotes.normalize`): words are
separated by single spaces. The search is bounded for hostile input: at most `MAX_OCCURRENCES`
places of a quote are tried for one that starts and ends on word boundaries,
and many quotes of one text are looked up in an index of its words (`Finder`)
rather than each in the whole text.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator

MAX_OCCURRENCES = 100

Span = tuple[int, int]  # start and end of a quote in the text


def locate(quote: str, text: str) -> tuple[int, int, str | None] | None:
    """Where `quote` is in `text`, and which of its ends cuts a word (see `cut_at`); None if it is not there.

    Its first place on word boundaries is taken, else its first place.
    """
    return locate_among(_found(quote, text), quote, text)


def locate_among(places: Iterator[int], quote: str, text: str) -> tuple[int, int, str | None] | None:
    """`locate`, given the places where `quote` starts in `text`, in order."""
    first = next(places, -1)
    if first < 0:
        return None
    size = len(quote)
    start = first
    cut = first_cut = cut_at(text, first, first + size)
    for _ in range(MAX_OCCURRENCES):
        if cut is None:
            return start, start + size, None
        start = next(places, -1)
        if start < 0:
            break
        cut = cut_at(text, start, start + size)
    return first, first + size, first_cut


def _found(quote: str, text: str) -> Iterator[int]:
    """Each place where `quote` starts in `text`, searching the whole text."""
    start = text.find(quote)
    while start >= 0:
        yield start
        start = text.find(quote, start + 1)


class Finder:
    """Looks for many quotes in one text, with an index of its words when there are enough quotes to pay for it.

    Every word inside a quote (not its first or last, which may be parts of
    words) is a whole word of the text wherever the quote occurs. The index
    holds, for each such word of the quotes, where it stands in the text, up
    to `MAX_INDEXED_PLACES` places; a quote is then checked only at the
    places of its rarest inner word. A quote of one or two words, or whose
    inner words are all that common, is searched for in the whole text.
    Building the index reads the text once, a piece at a time.
    """

    def __init__(self, text: str, quotes: Collection[str]) -> None:
        self.text = text
        self.places: dict[str, array[int]] = {}
        if len(quotes) >= MIN_INDEXED_QUOTES and len(text) >= MIN_INDEXED_CHARS:
            wanted = {word for quote in quotes for word in quote.split(" ")[1:-1]}
            if wanted:
                self.places = _index(text, wanted)

    def locate(self, quote: str) -> tuple[int, int, str | None] | None:
        """As `locate(quote, text)`."""
        return locate_among(self._places(quote), quote, self.text)

    def _places(self, quote: str) -> Iterator[int]:
        if not self.places:  # no index: too few quotes, or too short a text, to pay for one
            return _found(quote, self.text)
        words = quote.split(" ")
        anchor = min(
            range(1, len(words) - 1),
            key=lambda i: len(self.places.get(words[i], _COMMON)),
            default=None,
        )
        found = self.places.get(words[anchor]) if anchor is not None else None
        if found is None or len(found) >= MAX_INDEXED_PLACES:
            return _found(quote, self.text)
        offset = len(" ".join(words[:anchor])) + 1
        return (p - offset for p in found if p >= offset and self.text.startswith(quote, p - offset))


MIN_INDEXED_QUOTES = 16  # fewer quotes of one text are each searched for in the whole text
MIN_INDEXED_CHARS = 65_536
MAX_INDEXED_PLACES = 4_096  # of one word; a word more common than this is no anchor
_PIECE_CHARS = 1 << 20
_COMMON = range(MAX_INDEXED_PLACES)  # stands for the places of a word not in the index


def _index(text: str, wanted: set[str]) -> dict[str, array[int]]:
    """Where each of the `wanted` words stands in `text` (whole words), up to `MAX_INDEXED_PLACES` places each."""
    places: dict[str, array[int]] = {word: array("q") for word in wanted}
    start = 0
    while start < len(text):
        end = text.find(" ", start + _PIECE_CHARS)
        end = len(text) if end < 0 else end
        at = start
        for word in text[start:end].split(" "):
            found = places.get(word)
            if found is not None and len(found) < MAX_INDEXED_PLACES:
                found.append(at)
            at += len(word) + 1
        start = end + 1
    return places


def cut_at(text: str, start: int, end: int) -> str | None:
    """Whether the span cuts a word of `text`: "start", "end", or None when both ends are on word boundaries."""
    if 0 < start < len(text):
        before, first = text[start - 1], text[start]
        if (before.isalnum() or before == "_") and (first.isalnum() or first == "_"):
            return "start"
    if 0 < end < len(text):
        last, after = text[end - 1], text[end]
        if (last.isalnum() or last == "_") and (after.isalnum() or after == "_"):
            return "end"
    return None


def word_at(text: str, index: int) -> str:
    """The word (up to white space) of `text` around `index`, for a message: at most 60 characters each side."""
    start, end = _word_start(text, index, 60), _word_end(text, index + 1, 60)
    return (
        ("..." if start > 0 and text[start - 1] != " " else "")
        + text[start:end]
        + ("..." if end < len(text) and text[end] != " " else "")
    )


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def covered_words(text: str, spans: list[Span]) -> int:
    """How many words of `text` the spans touch, each word counted once however many spans cover it."""
    return covered(word_spans(text, spans))


def word_spans(text: str, spans: list[Span]) -> list[Span]:
    """For each span of `text`, the index of the first and of the last word it touches.

    The text's words are separated by single spaces; the spaces are counted
    once, in one pass over the spans in order.
    """
    ends = sorted({at for start, end in spans if end > start for at in (start, end - 1)})
    words: dict[int, int] = {}
    counted = reach = 0
    for at in ends:
        counted += text.count(" ", reach, at)
        reach = at
        words[at] = counted
    return [(words[start], words[end - 1]) for start, end in spans if end > start]


def covered(words: list[Span]) -> int:
    """How many word indices the (first, last) spans cover together."""
    total = 0
    reach = -1  # the last word counted so far
    for first, last in sorted(words):
        if last > reach:
            total += last - max(first, reach + 1) + 1
            reach = last
    return total


def percent(share: float) -> str:
    """A share as a percentage to one decimal at most: 0.2 is "20%", 0.2045 "20.5%"."""
    return f"{round(share * 100, 1):g}%"


def _word_start(text: str, start: int, limit: int) -> int:
    """Where the word that holds `text[start]` starts, looking back at most `limit` characters."""
    bound = max(0, start - limit)
    found = text.rfind(" ", bound, start)
    return found + 1 if found >= 0 else bound


def _word_end(text: str, end: int, limit: int) -> int:
    """Where the word that holds `text[end - 1]` ends, looking on at most `limit` characters."""
    bound = min(len(text), end + limit)
    found = text.find(" ", end - 1, bound)
    return found if found >= 0 else bound


def in_word(char: str) -> bool:
    return char.isalnum() or char == "_"
