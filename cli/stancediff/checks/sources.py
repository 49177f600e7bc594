"""Sources: each can be checked by someone, at its address (`url`) or in its archived text (`file`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..format.model import Dataset
from ..problems import Code, Problem, problem
from .base import Scope, Summary

CODES: dict[str, Code] = {
    "source-uncheckable": Code.warning(
        "Source nobody can check",
        "source {value} has neither url nor file; nobody can check it",
        "Give the address it was published at (`url`), or archive its text and name it in `file`.",
    ),
}


def across(dataset: Dataset, actors: Sequence[Summary], scope: Scope) -> Iterator[Problem]:
    for source in dataset.sources:
        # A url or file given but invalid is reported by the schema check, and is not missing.
        given = {"url", "file"} & set(source.marks)
        if source.id is not None and not given:
            yield problem("source-uncheckable", source.path, source.at("id"), value=source.id)
