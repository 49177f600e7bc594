"""The `source` view: one source, the stances citing it, and its quotes in the order they stand in the text."""

from __future__ import annotations

from ..analysis.source import SourceEvidence
from ..checks.words import percent
from ..format.model import Dataset, stance_id
from ..text import count
from .records import source_json
from .view import Cell, Records, Table, View, position_cell

QUOTE_COLUMNS = (
    "order",
    "start",
    "end",
    "actor",
    "topic",
    "position",
    "date",
    "stance_id",
    "before",
    "quote",
    "after",
)


def share(found: SourceEvidence) -> str:
    """'14.2% of its 1,350 words, by 9 quotes', or why there is no share."""
    if found.words is None or found.quoted_words is None:
        return f"not known: {found.unread}"
    if not found.words:
        return "the archived text is empty"
    quotes = count(sum(q.span is not None for q in found.quotes), "quote")
    return f"{percent(found.quoted_words / found.words)} of its {found.words:,} words, by {quotes}"


def source_view(dataset: Dataset, found: SourceEvidence) -> View:
    source = found.source
    names = {a.id: a.name for a in dataset.actors}
    facts = [("id", source.id), ("title", source.title), ("date", str(source.date))]
    facts += [(label, value) for label, value in (("publisher", source.publisher), ("url", source.url)) if value]
    facts += [("file", source.file or "none archived"), ("quoted", share(found))]
    if found.warning:
        facts.append(("warning", found.warning))
    stance_rows = tuple(
        (
            Cell(names.get(s.actor, s.actor), "strong"),
            Cell(s.topic),
            position_cell(s),
            Cell(str(s.date)),
            Cell(stance_id(s.actor, s.topic, s.date), "muted"),
        )
        for s in found.stances
    )
    quote_rows = []
    records = []
    for order, quoted in enumerate(found.quotes, start=1):
        stance = quoted.stance
        where = "not found" if quoted.span is None or not found.length else f"{quoted.span[0] / found.length:.0%}"
        in_context = (
            quoted.evidence.quote
            if quoted.span is None
            else _in_context(quoted.before, quoted.evidence.quote, quoted.after)
        )
        quote_rows.append(
            (
                Cell(where, "muted" if quoted.span is None else None),
                Cell(f"{stance.actor}, {stance.topic}"),
                Cell(in_context),
            )
        )
        start, end = quoted.span if quoted.span is not None else (None, None)
        records.append(
            (
                order,
                start,
                end,
                stance.actor,
                stance.topic,
                stance.position,
                str(stance.date),
                stance_id(stance.actor, stance.topic, stance.date),
                quoted.before or None,
                quoted.evidence.quote,
                quoted.after or None,
            )
        )
    tables = (
        Table(("actor", "topic", "position", "date", "stance"), stance_rows, "Stances citing it"),
        Table(("at", "stance", "quote, in context"), tuple(quote_rows), "Quotes, in text order", prose=(2,)),
    )
    notes: tuple[str, ...] = ()
    if found.unread:
        notes = (f"the archived text was not read ({found.unread}): quotes are in file order",)
    data = {
        "source": source_json(source),
        "words": found.words,
        "quoted_words": found.quoted_words,
        "quoted_share": None if not found.words or found.quoted_words is None else found.quoted_words / found.words,
        "unread": found.unread,
        "warning": found.warning,
        "stances": [
            {
                "id": stance_id(s.actor, s.topic, s.date),
                "actor": s.actor,
                "topic": s.topic,
                "position": s.position,
                "date": str(s.date),
            }
            for s in found.stances
        ],
        "quotes": [dict(zip(QUOTE_COLUMNS, record, strict=True)) for record in records],
    }
    return View(
        f"Source {source.id}", data, tuple(facts), tables, notes, Records(QUOTE_COLUMNS, tuple(records)), legend=True
    )


def _in_context(before: str, quote: str, after: str) -> str:
    """'…the text before «the quote» the text after…', the quote marked as every format can show it."""
    return f"{'...' if before else ''}{before}\u00ab{quote}\u00bb{after}{'...' if after else ''}"
