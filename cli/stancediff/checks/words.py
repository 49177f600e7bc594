"""The words of a normalised text: where a quote sits on word boundaries, and how many words quotes cover.

Both the quote and the text are normalised (`quotes.normalize`): words are
separated by single spaces. The search is bounded for hostile input: at most `MAX_OCCURRENCES`
places of a quote are tried for one that starts and ends on word boundaries,
and a quote's words are looked for at most `MAX_WORD_CHARS` beyond its ends.
"""

from __future__ import annotations

MAX_OCCURRENCES = 100
MAX_WORD_CHARS = 1_000  # a "word" longer than this is not looked through for its ends

Span = tuple[int, int]  # start and end of a quote in the text


def locate(quote: str, text: str) -> tuple[int, int, str | None] | None:
    """Where `quote` is in `text`, and which of its ends cuts a word (see `cut_at`); None if it is not there.

    Its first place on word boundaries is taken, else its first place.
    """
    first = start = text.find(quote)
    if first < 0:
        return None
    size = len(quote)
    cut = first_cut = cut_at(text, first, first + size)
    for _ in range(MAX_OCCURRENCES):
        if cut is None:
            return start, start + size, None
        start = text.find(quote, start + 1)
        if start < 0:
            break
        cut = cut_at(text, start, start + size)
    return first, first + size, first_cut


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
    """How many words of `text` the spans touch, each word counted once however many spans cover it.

    A span is widened to the words it touches, looking at most `MAX_WORD_CHARS`
    either way (beyond that the text has no words to speak of).
    """
    widened = sorted((_word_start(text, start), _word_end(text, end)) for start, end in spans if end > start)
    total = 0
    reach = 0  # the end of what is counted so far
    for start, end in widened:
        start = max(start, reach)
        if end > start:
            total += word_count(text[start:end].strip())
            if start == reach and 0 < start < len(text) and text[start - 1] != " " and text[start] != " ":
                total -= 1  # the word it starts in (cut at a bound) is counted already
            reach = end
    return total


def percent(share: float) -> str:
    """A share as a percentage to one decimal at most: 0.2 is "20%", 0.2045 "20.5%"."""
    return f"{round(share * 100, 1):g}%"


def _word_start(text: str, start: int, limit: int = MAX_WORD_CHARS) -> int:
    """Where the word that holds `text[start]` starts, looking back at most `limit` characters."""
    bound = max(0, start - limit)
    found = text.rfind(" ", bound, start)
    return found + 1 if found >= 0 else bound


def _word_end(text: str, end: int, limit: int = MAX_WORD_CHARS) -> int:
    """Where the word that holds `text[end - 1]` ends, looking on at most `limit` characters."""
    bound = min(len(text), end + limit)
    found = text.find(" ", end - 1, bound)
    return found if found >= 0 else bound


def in_word(char: str) -> bool:
    return char.isalnum() or char == "_"
