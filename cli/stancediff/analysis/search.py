"""Find text anywhere in a dataset: names, summaries, quotes, notes.

Matching ignores case, accents and width (`fold`): "huawei" finds "Huawei",
"cafe" finds "café", "ｕｓ" finds "us"; runs of white space match any run, so
a phrase is found across the line breaks of a folded YAML scalar. Each hit
knows where its match stands in its file (line and column, as `grep -n` and
ripgrep give them), found from the loader's mark of the value it is in.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..format.model import Actor, Dataset, Located, Stance, Topic
from ..problems import Mark

# What `--in` chooses, and the values each covers.
AREAS = {
    "names": "ids, names and aliases of actors, titles of topics, and speakers",
    "summaries": "summaries and conditions of stances, and propositions of topics",
    "quotes": "the quotes of stances",
    "notes": "the notes of stances, and descriptions of actors and topics",
}


@dataclass(frozen=True)
class Hit:
    """One value that mentions the text searched for."""

    kind: str  # "actor", "topic", "stance", "quote" or "note": what the value belongs to
    field: str  # the key it is the value of ("summary", "alias", ...)
    text: str  # the whole value
    matches: tuple[tuple[int, int], ...]  # start and end of each match in `text`
    file: str
    line: int  # of the first match
    column: int
    actor: str | None = None
    topic: str | None = None
    date: str | None = None
    source: str | None = None  # a quote's source


def fold(text: str) -> tuple[str, list[int]]:
    """`text` without case, accents or width differences, white space runs as one space.

    Also the index in `text` of each character of the result, so that a match
    in the folded text can be found in the original.
    """
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if folded and folded[-1] == " ":
                continue
            pieces = " "
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            pieces = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded += pieces
        origin += [index] * len(pieces)
    return "".join(folded), origin


def matches(needle: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the folded `needle` occurs in `text`: (start, end) offsets in `text`, without overlaps."""
    wanted = fold(needle)[0].strip()
    if not wanted:
        return ()
    if text.isascii() and wanted.isascii() and wanted not in " ".join(text.lower().split()):
        return ()  # the same answer as folding, in a fraction of the time, for most values
    folded, origin = fold(text)
    found = []
    for match in re.finditer(re.escape(wanted), folded):
        start, last = origin[match.start()], origin[match.end() - 1]
        found.append((start, last + 1))
    return tuple(found)


@dataclass(frozen=True)
class _Value:
    """A value to search, with what it belongs to."""

    area: str
    kind: str
    field: str
    text: str
    record: Located
    key: str  # the record's key whose mark locates it
    actor: str | None = None
    topic: str | None = None
    date: str | None = None
    source: str | None = None
    item: int | None = None  # the index of the value in its list (aliases, conditions)


def search(dataset: Dataset, needle: str, areas: Collection[str] = ()) -> list[Hit]:
    """Every value in the `areas` (all without any) that mentions `needle`, in file and line order."""
    values = list(_values(dataset))
    files = _Files({id(v.record): v.record for v in values}.values())
    hits = []
    for value in values:
        if areas and value.area not in areas:
            continue
        found = matches(needle, value.text)
        if found:
            line, column = files.locate(value, needle)
            hits.append(
                Hit(
                    value.kind,
                    value.field,
                    value.text,
                    found,
                    value.record.path,
                    line,
                    column,
                    value.actor,
                    value.topic,
                    value.date,
                    value.source,
                )
            )
    return sorted(hits, key=lambda h: (h.file, h.line, h.column))


def _values(dataset: Dataset) -> Iterator[_Value]:
    for topic in dataset.topics:
        yield from _topic_values(topic)
    for actor in dataset.actors:
        yield from _actor_values(actor)
        for stance in actor.stances:
            yield from _stance_values(stance)


def _topic_values(topic: Topic) -> Iterator[_Value]:
    for area, field, texts in (
        ("names", "id", [topic.id]),
        ("names", "title", [topic.title]),
        ("summaries", "proposition", [topic.proposition]),
        ("notes", "description", [topic.description]),
    ):
        for text in texts:
            if text:
                yield _Value(area, "topic", field, text, topic, field, topic=topic.id)


def _actor_values(actor: Actor) -> Iterator[_Value]:
    for area, field, key, texts in (
        ("names", "id", "id", [actor.id]),
        ("names", "name", "name", [actor.name]),
        ("names", "alias", "aliases", list(actor.aliases)),
        ("notes", "description", "description", [actor.description]),
    ):
        for index, text in enumerate(texts):
            if text:
                item = index if key == "aliases" else None
                yield _Value(area, "actor", field, text, actor, key, actor=actor.id, item=item)


def _stance_values(stance: Stance) -> Iterator[_Value]:
    actor, topic, date = stance.actor, stance.topic, str(stance.date)
    for area, kind, field, key, texts in (
        ("names", "stance", "speaker", "speaker", [stance.speaker]),
        ("summaries", "stance", "summary", "summary", [stance.summary]),
        ("summaries", "stance", "condition", "conditions", list(stance.conditions)),
        ("notes", "note", "note", "note", [stance.note]),
    ):
        for index, text in enumerate(texts):
            if text:
                item = index if key == "conditions" else None
                yield _Value(area, kind, field, text, stance, key, actor, topic, date, item=item)
    for evidence in stance.evidence:
        yield _Value("quotes", "quote", "quote", evidence.quote, evidence, "quote", actor, topic, date, evidence.source)


class _Files:
    """The text of each file hits are in, read once, to find where in it a match stands.

    The text between a value's mark and the next mark (its region) is cut once
    per mark; the items of a list share one region (the list's), found in it
    one after another in a single pass, so that locating every item of a long
    list costs one reading of the list, not one per item.
    """

    def __init__(self, records: Iterable[Located]) -> None:
        self._lines: dict[str, list[str] | None] = {}
        marks: dict[str, set[Mark]] = defaultdict(set)
        for record in records:
            marks[record.path].add(record.mark)
            marks[record.path].update(record.marks.values())
        self._marks = {path: sorted(found) for path, found in marks.items()}
        self._regions: dict[tuple[str, Mark], str | None] = {}
        self._items: dict[tuple[str, Mark], list[tuple[int, int] | None]] = {}

    def lines(self, path: str) -> list[str] | None:
        if path not in self._lines:
            try:
                self._lines[path] = Path(path).read_text(encoding="utf-8-sig").split("\n")
            except (OSError, UnicodeError):
                self._lines[path] = None
        return self._lines[path]

    def region(self, path: str, start: Mark) -> str | None:
        """The text of `path` from `start` up to the next mark (the next value); None if the file cannot be read."""
        key = (path, start)
        if key not in self._regions:
            lines = self.lines(path)
            if lines is None or start[0] > len(lines):
                self._regions[key] = None
            else:
                marks = self._marks[path]
                following = marks[bisect.bisect_right(marks, start)] if marks[-1] > start else (len(lines) + 1, 1)
                first = start[0] - 1
                region = "\n".join(lines[first : following[0]])
                end = (
                    len(region) - len(lines[following[0] - 1]) + following[1] - 1
                    if following[0] <= len(lines)
                    else None
                )
                self._regions[key] = region[start[1] - 1 : end]
        return self._regions[key]

    def items(self, path: str, start: Mark, region: str, texts: tuple[str, ...]) -> list[tuple[int, int] | None]:
        """Where each of a list's `texts` is written in its `region`, found in order (None: not as it reads)."""
        key = (path, start)
        if key not in self._items:
            folded, origin = fold(region)
            spans: list[tuple[int, int] | None] = []
            cursor = 0
            for text in texts:
                wanted = fold(text)[0].strip()
                at = folded.find(wanted, cursor) if wanted else -1
                if at < 0:
                    spans.append(None)
                    continue
                cursor = at + len(wanted)
                spans.append((origin[at], origin[cursor - 1] + 1))
            self._items[key] = spans
        return self._items[key]

    def locate(self, value: _Value, needle: str) -> Mark:
        """The line and column of the first match of `needle` in `value`, as it is written in its file.

        Searched in the file from the value's mark up to the next mark (the
        next value), within the value's own text where it is one item of a
        list; where the written form differs from the value (escapes in a
        quoted scalar), the value's mark.
        """
        path = value.record.path
        start = value.record.at(value.key)
        region = self.region(path, start)
        if region is None:
            return start
        offset, end = 0, len(region)
        if value.item is not None:  # an item of a list: within its own text
            span = self.items(path, start, region, getattr(value.record, value.key))[value.item]
            if span is None:
                return start
            offset, end = span
        found = matches(needle, region[offset:end])
        if not found:
            return start
        at = offset + found[0][0]
        before = region[:at]
        line = start[0] - 1 + before.count("\n")
        column = at - (before.rfind("\n") + 1) + (start[1] if line == start[0] - 1 else 1)
        return line + 1, column
