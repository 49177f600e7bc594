"""'Did you mean' hints for ids and keys that are almost right."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from .problems import Raw, show


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice most like `value`, if any is close enough to be a likely typo."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: object, choices: Iterable[str]) -> Raw:
    """'; did you mean "x"?' for a message, or nothing."""
    if not isinstance(value, str):
        return Raw("")
    match = closest(value, choices)
    return Raw(f"; did you mean {show(match)}?" if match else "")
