"""'Did you mean' hints for ids and keys that are almost right.

A hint compares one value with every choice, so a dataset with thousands of
bad references against thousands of ids would cost their product. `Suggester`
bounds that: it stops hinting once its hints have cost `budget` comparisons
(the problems are still reported, without a hint), and remembers each value's
answer. A remembered answer is charged as if it were worked out again, so
what a `Suggester` says depends only on the values it was asked about, in
order: `anew` gives one file its own budget and the answers remembered so
far, and the hints of that file are the same whatever files came before it
(which `validate`'s cache, keeping each file's problems, relies on).
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

from .problems import Raw, show

CUTOFF = 60  # percent alike; below this a match is not a likely typo
MAX_COMPARED_CHARS = 200  # an id longer than this is no typo of a real one; compare its start
BUDGET = 4_000_000  # comparisons of a value with a choice, per Suggester
FILE_BUDGET = 400_000  # the same, per actor file (`anew`): a hundred hints against 4,000 ids


class Suggester:
    """Hints against one fixed set of choices, memoised and within a budget of comparisons."""

    def __init__(
        self, choices: Iterable[str], budget: int = BUDGET, answers: dict[str, str | None] | None = None
    ) -> None:
        self.choices = choices if isinstance(choices, list) else list(choices)
        self.budget = budget
        self.answers: dict[str, str | None] = {} if answers is None else answers

    def anew(self, budget: int | None = None) -> Suggester:
        """The same choices and remembered answers, with a budget of its own (else `FILE_BUDGET`)."""
        return Suggester(self.choices, FILE_BUDGET if budget is None else budget, self.answers)

    def closest(self, value: str) -> str | None:
        """The choice most like `value`, if any is close enough to be a likely typo."""
        value = value[:MAX_COMPARED_CHARS]
        if self.budget < len(self.choices):
            return None
        self.budget -= len(self.choices)  # a remembered answer too: see the module's docstring
        if value in self.answers:
            return self.answers[value]
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
