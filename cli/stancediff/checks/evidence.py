"""Evidence: every stance cites at least one quote, and no quote runs past 60 words or 1,000 characters.

The character cap keeps quotes short where words are long (hyphen-joined, or a
language written without spaces), and bounds the search for a quote's closest
passage in its source.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..format.model import Actor
from ..problems import Code, Problem, Raw, problem
from .base import Scope

MAX_QUOTE_WORDS = 60
MAX_QUOTE_CHARS = 1_000


CODES: dict[str, Code] = {
    "no-evidence": Code.error(
        "Stance without evidence",
        "this stance has no evidence",
        "Add at least one `evidence` entry with a source and a verbatim quote.",
    ),
    "long-quote": Code.error(
        "Quote too long",
        "the quote has {size}; the limit is {limit}",
        "Quote a sentence or two; summarise the rest in your own words.",
    ),
}


def of_actor(actor: Actor, scope: Scope) -> Iterator[Problem]:
    for stance in actor.stances:
        if not stance.evidence and "evidence" in stance.marks:  # a missing key is reported already
            yield problem("no-evidence", stance.path, stance.at("evidence"))
        for evidence in stance.evidence:
            quote = evidence.quote
            if quote is None:
                continue
            if len(quote) > MAX_QUOTE_CHARS:
                size, limit = f"{len(quote):,} characters", f"{MAX_QUOTE_CHARS:,} characters"
            elif (words := len(quote.split())) > MAX_QUOTE_WORDS:
                size, limit = f"{words} words", f"{MAX_QUOTE_WORDS} words"
            else:
                continue
            yield problem("long-quote", evidence.path, evidence.at("quote"), size=Raw(size), limit=Raw(limit))
