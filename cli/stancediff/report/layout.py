"""Where each mark of the report's pictures goes.

The matrices are laid out at their natural size in pixels: that is their
least width (never scaled down to fit a phone, which would shrink the text;
the page scrolls them sideways instead). Where the page is wider, their
columns share the width beside the row names: the template places the cells
and column titles in per cent of the cells' width (`Picture.share`), so the
browser stretches the columns and never the text. No name in them is cut: a
long row name wraps over lines, and the header is as tall as the longest
column title. The summary bars and the
timelines are placed in fractions of the page's width, so they fit any
screen; their names, and the strips, are HTML, which wraps. A mark's colour is
its position's CSS class, so the palette lives in the stylesheet alone, and
every mark carries its glyph, so a picture printed in grey still reads.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis.compare import WELL_SHARED
from ..format.model import Actor
from ..format.spec import POSITIONS
from ..views.view import SYMBOLS, marks
from .content import Content, Entry, Tally

# The scale from left to right, as the terminal's topic view draws it.
SCALE = tuple(reversed(POSITIONS))


@dataclass(frozen=True)
class Mark:
    """A box coloured by `tone`, with a glyph; a link to `href` when given."""

    x: float
    y: float
    w: float
    h: float
    tone: str  # a position, "empty", "self" or "thin" (an agreement on one shared topic)
    glyph: str
    label: str  # what it stands for, in words: the tooltip and the accessible name
    href: str | None = None

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Label:
    """A text, whole: over several lines, centred on `y`, when `lines` has more than one."""

    x: float
    y: float
    lines: tuple[str, ...]
    anchor: str = "start"  # start, middle or end
    rotate: bool = False  # turned 45 degrees up, for column headers

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def top(self) -> float:
        """The first line's baseline."""
        return self.y - (len(self.lines) - 1) * LINE / 2


@dataclass(frozen=True)
class Rule:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Picture:
    """A matrix: names left of `LEFT`, which stay put, then the cells, which stretch and scroll.

    Its coordinates are at its natural size; the cells begin at `LEFT` and are `cells` wide, and the
    column titles lean out `lean` further to the right.
    """

    cells: float
    lean: float
    height: float
    head: float  # the height of the column titles, above the first row
    marks: tuple[Mark, ...]
    labels: tuple[Label, ...]
    rules: tuple[Rule, ...]  # between blocs

    @property
    def widest(self) -> float:
        """How wide the cells may stretch."""
        return self.cells * WIDEST

    def share(self, x: float) -> float:
        """Where `x`, right of `LEFT`, falls in the cells: per cent of their width, as wide as the page lets them."""
        return 100 * (x - LEFT) / self.cells


BAND_W = 60  # the column of bloc names, left of the row names
LABEL_W = 190  # the column of row names
LEFT = BAND_W + LABEL_W  # where the cells begin: the names stay put while the cells scroll sideways
NAME_CHARS = 27  # a row name longer than this wraps to another line
CHAR_W = 7  # a generous width of one character at 12px, in pixels
LINE = 11  # the distance between two lines of a wrapped row name
MATRIX_CELL = 36  # room for the widest glyph, `++*^`, and a score, `0.75`, and three lines of a name
WIDEST = 3  # a matrix's columns stretch to at most this many times their natural width: cells, not bars
MATRIX_HEAD = 160  # at least this much room for the column titles, turned 45 degrees


def glyph(entry: Entry) -> str:
    return SYMBOLS[entry.stance.position] + marks(entry.stance)


def wrap(text: str, length: int) -> tuple[str, ...]:
    """`text` in lines of at most `length` characters, broken between words where it can be; never cut."""
    return tuple(textwrap.wrap(text, length, break_on_hyphens=False)) or ("",)


def said(entry: Entry) -> str:
    """A stance in words, its mark's tooltip: 'Huawei Technologies on Huawei in 5G: support, 2019-06-03 (reported)'."""
    stance = entry.stance
    return f"{entry.actor.name} on {entry.topic.title}: {stance.position}, {stance.date} ({stance.basis})"


def head_height(titles: Sequence[str]) -> float:
    """Room above the cells for the longest title turned 45 degrees."""
    longest = max((len(t) for t in titles), default=0)
    return max(MATRIX_HEAD, math.ceil(longest * CHAR_W / math.sqrt(2)) + 16)


def lean(titles: Sequence[str]) -> float:
    """Room right of the cells for the column titles turned 45 degrees: a title reaches as far right
    as it is long, from the middle of its column, so only the last columns' titles lean out.

    Measured at the cells' natural width; stretched wider, the columns leave their titles more room.
    """
    n, c = len(titles), MATRIX_CELL
    reach = (math.ceil(len(t) * CHAR_W / math.sqrt(2)) + 8 - (n - i - 0.5) * c for i, t in enumerate(titles))
    return max(0, max(reach, default=0))


def _frame(content: Content, titles: Sequence[str], head: float) -> tuple[list[Label], list[Rule]]:
    """A matrix's headers: column titles, then each actor's name by its row and each bloc's name by its rows.

    A rule runs across the matrix between two blocs, and down the side of a bloc's rows; a run of
    actors that joined no bloc is named as such.
    """
    c = MATRIX_CELL
    labels = [Label(LEFT + n * c + c / 2, head - 6, (t,), rotate=True) for n, t in enumerate(titles)]
    rules: list[Rule] = []
    right = LEFT + len(titles) * c
    start = 0
    for row, actor in enumerate(content.actors):
        y = head + row * c
        labels.append(Label(LEFT - 8, y + c / 2 + 4, wrap(actor.name, NAME_CHARS), "end"))
        bloc = content.coalitions.bloc_name(actor)
        last = row + 1 == len(content.actors) or content.coalitions.bloc_name(content.actors[row + 1]) != bloc
        if not last:
            continue
        top, bottom = head + start * c, y + c
        labels.append(Label(4, top + 16, (bloc or "no bloc",)))
        if bloc:
            rules.append(Rule(BAND_W - 10, top + 3, BAND_W - 10, bottom - 3))
        if row + 1 < len(content.actors):  # in two parts: under the names, and across the cells
            rules += [Rule(4, bottom, LEFT, bottom), Rule(LEFT, bottom, right, bottom)]
        start = row + 1
    return labels, rules


def matrix(content: Content) -> Picture:
    """The position matrix: actors as rows (by bloc), topics as columns, each current stance a linked cell."""
    titles = [t.title for t in content.topics]
    head = head_height(titles)
    labels, rules = _frame(content, titles, head)
    marks_: list[Mark] = []
    c = MATRIX_CELL
    for row, actor in enumerate(content.actors):
        y = head + row * c
        for col, topic in enumerate(content.topics):
            x = LEFT + col * c
            entry = content.current(actor, topic)
            if entry is None:
                marks_.append(Mark(x, y, c, c, "empty", "", f"{actor.name} on {topic.title}: no stance"))
            else:
                marks_.append(Mark(x, y, c, c, entry.stance.position, glyph(entry), said(entry), f"#{entry.anchor}"))
    cells = len(content.topics) * c
    return Picture(
        cells, lean(titles), head + len(content.actors) * c + 4, head, tuple(marks_), tuple(labels), tuple(rules)
    )


def agreement(content: Content) -> Picture:
    """The agreement matrix, by bloc: each cell two actors' agreement, coloured on the position scale."""
    titles = [a.name for a in content.actors]
    head = head_height(titles)
    labels, rules = _frame(content, titles, head)
    marks_: list[Mark] = []
    c = MATRIX_CELL
    for row, a in enumerate(content.actors):
        y = head + row * c
        for col, b in enumerate(content.actors):
            x = LEFT + col * c
            if a.id == b.id:
                marks_.append(Mark(x, y, c, c, "self", "", a.name))
                continue
            score, shared = content.coalitions.agreement(a, b)
            if score is None:
                marks_.append(Mark(x, y, c, c, "empty", "", f"{a.name} and {b.name}: no topic in common"))
            else:
                low, high = content.coalitions.interval(a, b)
                label = (
                    f"{a.name} and {b.name}: {score:.2f} over {shared} shared topic{'s' * (shared != 1)} "
                    f"(95% interval {low:.2f} to {high:.2f})"
                )
                tone = agreement_tone(score) if shared >= WELL_SHARED else "thin"  # one topic: pale, never firm
                marks_.append(Mark(x, y, c, c, tone, f"{score:.2f}", label))
    cells = len(content.actors) * c
    return Picture(
        cells, lean(titles), head + len(content.actors) * c + 4, head, tuple(marks_), tuple(labels), tuple(rules)
    )


def agreement_tone(score: float) -> str:
    """An agreement on the position palette: 1 the support end, 0 the oppose end (as the terminal colours it)."""
    return SCALE[round(score * 4)]


def strip(entries: Sequence[Entry]) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
    """One topic on the five-point scale, oppose first: (position, its stances) for each position.

    The template draws it in HTML, a column per position (a row each on a phone), so names wrap.
    """
    return tuple((p, tuple(e for e in entries if e.stance.position == p)) for p in SCALE)


PILL_H = 20  # a stance on a timeline: a rounded box as wide as its glyph
EDGE = 4  # per cent of the width kept clear at each end, for the pills' halves


@dataclass(frozen=True)
class Stop:
    at: float  # per cent of the width
    entry: Entry

    @property
    def width(self) -> float:
        """The pill's width: room for its glyph, `++*^` the widest, with a margin each side."""
        return 14 + CHAR_W * len(glyph(self.entry))

    @property
    def moved(self) -> bool:
        """Whether the actor's position moved here: drawn with a heavier outline."""
        return self.entry.move not in ("", "unchanged")


@dataclass(frozen=True)
class Track:
    actor: Actor
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class Timeline:
    """One topic's stances over time: an actor's name (HTML, which wraps) over its track, a pill per stance.

    Positions are fractions of the page's width, so a timeline fits a phone too.
    """

    ticks: tuple[tuple[float, str], ...]  # (per cent, label)
    tracks: tuple[Track, ...]


def span(content: Content) -> tuple[datetime.date, datetime.date]:
    """The dates every timeline shares, so that the topics' timelines line up; at least two months.

    It starts on the first day of a month (of a year, over three years), so the first stance's has a tick.
    """
    days = [e.stance.date.first_day for e in content.entries] or [datetime.date.today()]
    start, end = min(days), max(days)
    if (end - start).days < 60:
        middle = start + (end - start) / 2
        start, end = middle - datetime.timedelta(days=30), middle + datetime.timedelta(days=30)
    start = start.replace(day=1) if end.year - start.year <= 3 else start.replace(month=1, day=1)
    return start, end


def timeline(content: Content, entries: Sequence[Entry]) -> Timeline:
    """`entries` (one topic's, by actor and date) placed on the dates of the whole report."""
    start, end = span(content)

    def at(day: datetime.date) -> float:
        return EDGE + (day - start).days / (end - start).days * (100 - 2 * EDGE)

    actors = list({entry.actor.id: entry.actor for entry in entries}.values())  # in the entries' order
    tracks = tuple(
        Track(actor, tuple(Stop(at(e.stance.date.first_day), e) for e in entries if e.actor.id == actor.id))
        for actor in actors
    )
    return Timeline(tuple((at(day), text) for day, text in ticks(start, end)), tracks)


def ticks(start: datetime.date, end: datetime.date) -> list[tuple[datetime.date, str]]:
    """The first days of months (or, over three years, of years) from `start` up to `end`: about eight at most.

    The first is `start`'s own month (year) when `start` is its first day.
    """
    if end.year - start.year > 3:
        first_year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        step = (end.year - first_year) // 8 + 1
        return [(datetime.date(y, 1, 1), str(y)) for y in range(first_year, end.year + 1, step)]
    first = start.year * 12 + start.month - (start.day == 1)  # months counted from year 0, month 0 January
    last = end.year * 12 + end.month - 1
    step = (last - first) // 8 + 1
    return [
        (datetime.date(n // 12, n % 12 + 1, 1), f"{n // 12}-{n % 12 + 1:02d}") for n in range(first, last + 1, step)
    ]


def share(part: int, whole: int) -> str:
    """A share in whole per cent: "53%"."""
    return f"{round(100 * part / whole) if whole else 0}%"


def held_by(tally: Tally) -> str:
    """How much a topic's bar rests on: "n = 8 of 17; 9 (53%) take no stance", or who alone holds it."""
    if tally.total == 0:
        return f"no stance among {tally.actors} actors"
    taken = f"n = {tally.total} of {tally.actors}"
    if tally.total == 1:
        return f"{taken}: held by one actor only"
    return f"{taken}; {tally.none} ({share(tally.none, tally.actors)}) take no stance"


@dataclass(frozen=True)
class Part:
    position: str
    count: int
    left: float  # per cent of the width
    width: float


def tally_parts(tally: Tally) -> list[Part]:
    """A topic's bar, oppose on the left, each position as wide as its share of all the actors (in per cent),
    and last, as wide as theirs, the actors who take no stance ("empty"): a topic held by one actor is a sliver."""
    parts, left = [], 0.0
    for position, n in (*((p, tally.counts[p]) for p in SCALE), ("empty", tally.none)):
        if n:
            width = 100 * n / tally.actors
            parts.append(Part(position, n, left, width))
            left += width
    return parts
