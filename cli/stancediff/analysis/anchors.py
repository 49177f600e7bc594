"""Where a quote stands in its source's text as archived: code point offsets, for W3C Web Annotation selectors.

`validate` finds a quote in the normalised text (`checks.quotes.normalize`:
NFKC, curly quotes and dashes folded, white space collapsed). `Anchors`
normalises the archived text the same way while remembering, for each
character of the result, the span of the archived text it came from, so a
quote found there is mapped back to the archived text: `start` and `end`
count Unicode code points (Python's string indices), as the W3C model's
TextPositionSelector does.

A word is normalised a character at a time where that gives what
normalising it whole gives (every text in practice); where it does not (a
character composing with its neighbour), the word is one unit, and a quote
starting or ending inside it takes the whole word. The whole result is
checked against `normalize` of the text: a text whose characters the
mapping cannot follow is refused (`Anchors.of` returns None), never
anchored wrongly.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from ..checks.quotes import fold, normalize
from ..checks.words import locate

_RUNS = re.compile(r"\S+|\s+")
CONTEXT_CHARS = 32  # of prefix and suffix, as the W3C model suggests enough to tell one place from another


@dataclass(frozen=True)
class Anchor:
    start: int  # in code points of the archived text
    end: int
    exact: str  # the archived text from start to end
    prefix: str  # up to CONTEXT_CHARS before it
    suffix: str  # up to CONTEXT_CHARS after it


@dataclass(frozen=True)
class Anchors:
    text: str  # as archived
    normal: str  # normalize(text)
    starts: array  # for each character of `normal`, where what it came from starts in `text`
    ends: array  # and ends

    @classmethod
    def of(cls, text: str) -> Anchors | None:
        """The mapping of `text`, or None where it cannot follow its characters (see the module's docstring)."""
        out: list[str] = []
        starts, ends = array("q"), array("q")
        pending_space = False  # white space seen since the last character kept

        def emit(char: str, start: int, end: int) -> None:
            nonlocal pending_space
            if char.isspace():
                pending_space = bool(out)
                return
            if pending_space:
                out.append(" ")
                starts.append(start)
                ends.append(start)
                pending_space = False
            out.append(char)
            starts.append(start)
            ends.append(end)

        for run in _RUNS.finditer(text):
            word, at = run.group(), run.start()
            if word[0].isspace():
                pending_space = bool(out)
                continue
            pieces = [fold(char) for char in word]
            if "".join(pieces) == fold(word):
                for offset, piece in enumerate(pieces):
                    for char in piece:
                        emit(char, at + offset, at + offset + 1)
            else:
                for char in fold(word):
                    emit(char, at, at + len(word))
        normal = "".join(out)
        if normal != normalize(text):
            return None
        return cls(text, normal, starts, ends)

    def find(self, quote: str) -> Anchor | None:
        """Where `quote` stands in the archived text, found as `validate` finds it; None if it is not there."""
        found = locate(normalize(quote), self.normal)
        if found is None:
            return None
        first, last, _ = found
        start, end = self.starts[first], self.ends[last - 1]
        return Anchor(
            start,
            end,
            self.text[start:end],
            self.text[max(0, start - CONTEXT_CHARS) : start],
            self.text[end : end + CONTEXT_CHARS],
        )
