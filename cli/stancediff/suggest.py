"""'Did you mean' hints for ids and keys that are almost right.

A hint compares one value with every choice, so a dataset with thousands of
bad references against thousands of ids would cost their product. `Suggester`
bounds that: it remembers each value's answer and stops hinting once it has
made `budget` comparisons (the problems are still reported, without a hint).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from .problems import Raw, show

CUTOFF = 60  # percent alike; below this a match is not a likely typo
MAX_COMPARED_CHARS = 200  # an id longer than this is no typo of a real one; compare its start
BUDGET = 4_000_000  # comparisons of a value with a choice, per Suggester


class Suggester:
    """Hints against one fixed set of choices, memoised and within a budget of comparisons."""

    def __init__(self, choices: Iterable[str], budget: int = BUDGET) -> None:
        self.choices = list(choices)
        self.budget = budget
        self.answers: dict[str, str | None] = {}

    def closest(self, value: str) -> str | None:
        """The choice most like `value`, if any is close enough to be a likely typo."""
        value = value[:MAX_COMPARED_CHARS]
        if value in self.answers:
            return self.answers[value]
        if self.budget < len(self.choices):
            return None
        self.budget -= len(self.choices)
        found = process.extractOne(value, self.choices, scorer=fuzz.ratio, processor=None, score_cutoff=CUTOFF)
        answer = found[0] if found else None
        self.answers[value] = answer
        return answer

    def hint(self, value: object) -> Raw:
        """'; did you mean "x"?' for a message, or nothing."""
        match = self.closest(value) if isinstance(value, str) else None
        return Raw(f"; did you mean {show(match)}?" if match else "")


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like `value`, if any is close enough to be a likely typo."""
    return Suggester(choices).closest(value)


def did_you_mean(value: object, choices: Iterable[str]) -> Raw:
    """'; did you mean "x"?' for a message, or nothing."""
    return Suggester(choices).hint(value)
