"""Evidence: every stance cites at least one quote, and no quote runs past 60 words."""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Dataset
from ..problems import Problem, problem
from .base import Context

MAX_QUOTE_WORDS = 60


def check(dataset: Dataset, context: Context) -> Iterator[Problem]:
    for stance in dataset.stances:
        if not stance.evidence and "evidence" in stance.marks:  # a missing key is reported already
            yield problem("no-evidence", stance.path, stance.at("evidence"))
        for evidence in stance.evidence:
            if evidence.quote is None:
                continue
            words = len(evidence.quote.split())
            if words > MAX_QUOTE_WORDS:
                yield problem("long-quote", evidence.path, evidence.at("quote"), words=words, limit=MAX_QUOTE_WORDS)
