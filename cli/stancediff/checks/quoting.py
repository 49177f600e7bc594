"""How a quote sits in its source's text: where, whether on word boundaries, and how much of the text quotes cover.

Both texts are normalised (`quotes.normalize`): words are separated by single
spaces. The search is bounded for hostile input: at most `MAX_OCCURRENCES`
places of a quote are tried for one that starts and ends on word boundaries.
"""

from __future__ import annotations

MAX_OCCURRENCES = 100

Span = tuple[int, int]  # start and end of a quote in the text


def locate(quote: str, text: str) -> Span | None:
    """Where `quote` is in `text`: its first place on word boundaries, else its first place; None if absent."""
    start = first = text.find(quote)
    for _ in range(MAX_OCCURRENCES):
        if start < 0:
            break
        if cut_at(text, start, start + len(quote)) is None:
            return start, start + len(quote)
        start = text.find(quote, start + 1)
    return None if first < 0 else (first, first + len(quote))


def cut_at(text: str, start: int, end: int) -> str | None:
    """Whether the span cuts a word of `text`: "start", "end", or None when both ends are on word boundaries."""
    if 0 < start < len(text) and in_word(text[start - 1]) and in_word(text[start]):
        return "start"
    if 0 < end < len(text) and in_word(text[end - 1]) and in_word(text[end]):
        return "end"
    return None


def word_at(text: str, index: int) -> str:
    """The whole word (up to white space) of `text` around `index`, at most 60 characters of it."""
    start = text.rfind(" ", 0, index) + 1
    end = text.find(" ", index)
    word = text[start : end if end >= 0 else len(text)]
    return word if len(word) <= 60 else word[:60] + "..."


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def covered_words(text: str, spans: list[Span]) -> int:
    """How many words of `text` the spans touch, each word counted once however many spans cover it."""
    widened = sorted((text.rfind(" ", 0, start) + 1, _word_end(text, end)) for start, end in spans if end > start)
    total = 0
    reach = 0  # the end of what is counted so far
    for start, end in widened:
        start = max(start, reach)
        if end > start:
            total += word_count(text[start:end].strip())
            reach = end
    return total


def percent(share: float) -> str:
    """A share as a percentage to one decimal at most: 0.2 is "20%", 0.2045 "20.5%"."""
    return f"{round(share * 100, 1):g}%"


def _word_end(text: str, end: int) -> int:
    found = text.find(" ", end - 1)
    return found if found >= 0 else len(text)


def in_word(char: str) -> bool:
    return char.isalnum() or char == "_"
