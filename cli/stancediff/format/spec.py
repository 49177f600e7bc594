"""The positions format (v1), as data: every record, its keys and their types.

This is the one definition of the format. `conform` checks loaded YAML against
it and `docs/format.md` describes it for people; keep the three in step (a test
checks that every key here is documented).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    """What a key's value must be."""

    TEXT = "a non-empty string"
    ID = "a kebab-case id"
    DATE = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    CHOICE = "one of a fixed set of words"
    COUNTRY = "an ISO 3166-1 alpha-2 country code"
    URL = "an http(s) URL"
    SHA256 = "a SHA-256 hex digest"
    PATH = "a relative file path"
    TEXTS = "a list of non-empty strings"
    RECORDS = "a list of records"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    record: Record | None = None  # for Kind.RECORDS


@dataclass(frozen=True)
class Record:
    name: str  # as messages call it: "stance", "evidence entry", ...
    fields: tuple[Field, ...]
    by_name: dict[str, Field] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})


POSITIONS: dict[str, int] = {
    "support": 2,
    "lean-support": 1,
    "neutral": 0,
    "lean-oppose": -1,
    "oppose": -2,
}
BASES = ("stated", "reported", "inferred")
ACTOR_KINDS = (
    "company",
    "government",
    "ministry",
    "agency",
    "person",
    "analyst",
    "think-tank",
    "media",
    "other",
)

TOPIC = Record(
    "topic",
    (
        Field("id", Kind.ID, "Unique kebab-case id.", required=True),
        Field("title", Kind.TEXT, "Short label for table headers.", required=True),
        Field("proposition", Kind.TEXT, "The statement that actors support or oppose.", required=True),
        Field("description", Kind.TEXT, "Optional context."),
        Field("tags", Kind.TEXTS, "Optional labels."),
    ),
)

SOURCE = Record(
    "source",
    (
        Field("id", Kind.ID, "Unique kebab-case id.", required=True),
        Field("title", Kind.TEXT, "The document's title.", required=True),
        Field("publisher", Kind.TEXT, "Who published it."),
        Field("date", Kind.DATE, "When it was published.", required=True),
        Field("url", Kind.URL, "Where it can be read (http or https)."),
        Field("file", Kind.PATH, "Its archived text, relative to the sources folder."),
        Field("sha256", Kind.SHA256, "SHA-256 of the archived text."),
    ),
)

EVIDENCE = Record(
    "evidence entry",
    (
        Field("source", Kind.ID, "Id of a source in sources.yaml.", required=True),
        Field("quote", Kind.TEXT, "Verbatim words from the source, at most 60.", required=True),
    ),
)

STANCE = Record(
    "stance",
    (
        Field("topic", Kind.ID, "Id of a topic in topics.yaml.", required=True),
        Field("position", Kind.CHOICE, "Where the actor stands.", required=True, choices=tuple(POSITIONS)),
        Field("date", Kind.DATE, "When the stance was expressed.", required=True),
        Field("speaker", Kind.TEXT, "Who voiced it for the actor."),
        Field("basis", Kind.CHOICE, "How we know it.", required=True, choices=BASES),
        Field("summary", Kind.TEXT, "One sentence in the curator's own words.", required=True),
        Field("conditions", Kind.TEXTS, "Conditions attached to the position."),
        Field("evidence", Kind.RECORDS, "Quotes that back the stance.", required=True, record=EVIDENCE),
        Field("note", Kind.TEXT, "Curator's note."),
    ),
)

ACTOR = Record(
    "actor",
    (
        Field("id", Kind.ID, "Kebab-case id; equals the file's name without .yaml.", required=True),
        Field("name", Kind.TEXT, "Full name.", required=True),
        Field("kind", Kind.CHOICE, "What sort of actor.", required=True, choices=ACTOR_KINDS),
        Field("country", Kind.COUNTRY, "ISO 3166-1 alpha-2 code; quote it."),
        Field("part_of", Kind.ID, "Id of a parent actor."),
        Field("aliases", Kind.TEXTS, "Other names."),
        Field("description", Kind.TEXT, "Optional context."),
        Field("stances", Kind.RECORDS, "Its stances.", record=STANCE),
    ),
)

TOPICS_FILE = Record(
    "topics file",
    (Field("topics", Kind.RECORDS, "The topics.", required=True, record=TOPIC),),
)

SOURCES_FILE = Record(
    "sources file",
    (Field("sources", Kind.RECORDS, "The sources.", required=True, record=SOURCE),),
)
