"""The `search` view: every value that mentions a text, where it is and what it belongs to."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict

from ..analysis.search import Hit
from .view import Records, View

COLUMNS = ("file", "line", "column", "kind", "field", "actor", "topic", "date", "source", "text")


def search_view(hits: Sequence[Hit], needle: str, areas: Collection[str] = ()) -> View:
    """The hits in file and line order; the JSON holds each with its matches' offsets in its text."""
    data = {
        "query": needle,
        "in": sorted(areas) or None,
        "hits": [{**asdict(hit), "matches": [list(m) for m in hit.matches]} for hit in hits],
    }
    rows = tuple((h.file, h.line, h.column, h.kind, h.field, h.actor, h.topic, h.date, h.source, h.text) for h in hits)
    return View(f"Search for {needle}", data, records=Records(COLUMNS, rows))


def what(hit: dict) -> str:
    """What a hit is, in words: 'actor germany alias', 'quote of germany on huawei-in-5g (2019-06-03)'."""
    if hit["kind"] in ("actor", "topic"):
        return f"{hit['kind']} {hit['actor'] or hit['topic']} {hit['field']}"
    of = f"of {hit['actor']} on {hit['topic']} ({hit['date']})"
    return f"{hit['kind']} {of}" if hit["kind"] == hit["field"] else f"{hit['kind']} {of} {hit['field']}"
