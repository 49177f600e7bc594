"""The positions format (v1), as data: every record, its keys, and the rule for each kind of value.

This is the one definition of the format. Everything else follows from it:
`conform` checks loaded YAML against it, `model` holds what passed (a test
keeps its classes in step), `schema` writes the JSON Schemas, the views emit
every key as JSON, `changes` compares every stance key, and the key tables of
docs/format.md are generated from it.

Each kind of value has one `Rule`. Its pattern is written in the part of
regular-expression syntax that Python's `re` and JSON Schema's ECMA-262 read
the same way (explicit character classes, no `\\d`, `\\w` or `\\s`), so that
`validate` and any JSON Schema validator give the same verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache

# White space as both regex dialects must read it (Python's \\s and ECMA's \\s
# differ on U+FEFF; control characters are refused by the loader anyway).
WHITE_SPACE = r"\t\n\u000b\u000c\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Characters that show nothing, so that two names look the same with and
# without them: Unicode's format characters (category Cf, as of Unicode 15, in
# the Basic Multilingual Plane), the line and paragraph separators, the Hangul
# fillers, the combining grapheme joiner and the invisible Khmer vowels.
INVISIBLE = (
    r"\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5\u180e"
    r"\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
)
_YEAR = "[1-9][0-9]{3}"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
DATE_PATTERN = (
    f"{_YEAR}"
    f"(?:-(?:0[1-9]|1[0-2])"
    f"|-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    f"|-(?:0[13-9]|1[0-2])-(?:29|30)"
    f"|-(?:0[13578]|1[02])-31)?"
    f"|{_LEAP_YEAR}-02-29"
)


@dataclass(frozen=True)
class Rule:
    """What a value of one kind must be, for `conform` and the JSON Schemas alike."""

    description: str  # "a kebab-case id": what messages and docs call it
    pattern: str | None = None  # a regular expression for the text, if the kind has one
    whole: bool = True  # the pattern must match the whole text (else: somewhere in it)
    code: str = "invalid-format"  # the problem reported when the pattern does not match
    expected: str = ""  # what the message asks for instead

    @cached_property
    def accepts(self) -> Callable[[str], bool]:
        """`accepts(text)`: whether `text` follows the rule's pattern (there is no other test)."""
        if self.pattern is None:
            return lambda text: True
        regex = re.compile(self.pattern)
        test = regex.fullmatch if self.whole else regex.search
        return lambda text: test(text) is not None

    @property
    def schema_pattern(self) -> str | None:
        """The pattern as JSON Schema writes it: anchored where it must match whole."""
        if self.pattern is None:
            return None
        return f"^(?:{self.pattern})$" if self.whole else self.pattern


_NON_BLANK = Rule("a non-empty string", f"[^{WHITE_SPACE}]", whole=False, code="empty-value")


class Kind(Enum):
    """What a key's value must be."""

    TEXT = _NON_BLANK
    NAME = Rule(
        "a non-empty string without invisible characters",
        f"[^{INVISIBLE}]*[^{WHITE_SPACE}{INVISIBLE}][^{INVISIBLE}]*",
        code="invisible-character",
    )
    PATH = Rule("a relative file path", _NON_BLANK.pattern, whole=False, code="empty-value")
    FOLDER = Rule(
        "a relative folder path",
        # Not absolute (`/`, `\\`, `C:`), something not blank, and on one line.
        f"(?![/\\\\]|[A-Za-z]:)(?=[^\\n\\r\\u2028\\u2029]*[^{WHITE_SPACE}])[^\\n\\r\\u2028\\u2029]+",
        expected="a folder path relative to the folder of sources.yaml, such as ../archive",
    )
    ID = Rule("a kebab-case id", "[a-z0-9]+(?:-[a-z0-9]+)*", code="invalid-id")
    DATE = Rule("a date (YYYY, YYYY-MM or YYYY-MM-DD)", DATE_PATTERN, code="invalid-date")
    CHOICE = Rule("one of a fixed set of words", code="invalid-choice")
    COUNTRY = Rule(
        "an ISO 3166-1 alpha-2 country code",
        "[A-Z]{2}",
        expected='a two-letter ISO 3166-1 code in capitals, such as "GB"',
    )
    URL = Rule(
        "an http(s) URL",
        f"https?://[^{WHITE_SPACE}/?#]+(?:[/?#][^{WHITE_SPACE}]*)?",
        expected="an http:// or https:// URL with a host name and no spaces",
    )
    SHA256 = Rule("a SHA-256 hex digest", "[0-9a-f]{64}", expected="64 lowercase hexadecimal digits")
    SHARE = Rule("a number from 0 to 1", expected="a number from 0 to 1, such as 0.2")
    TEXTS = Rule("a list of non-empty strings")
    NAMES = Rule("a list of non-empty strings without invisible characters")
    RECORDS = Rule("a list of records")

    @property
    def rule(self) -> Rule:
        return self.value


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    description: str  # for docs/format.md and the JSON Schemas
    required: bool = False
    choices: tuple[str, ...] = ()  # for Kind.CHOICE
    record: Record | None = None  # for Kind.RECORDS
    # Worked out once, as every value read consults them:
    rule: Rule = field(init=False, compare=False, repr=False)  # the kind's rule
    many: bool = field(init=False, compare=False, repr=False)  # a list (absent means an empty one)
    # For a kind of one text: whether a text is valid, so that `conform` takes it at once (None: other kinds).
    valid_text: Callable[[str], bool] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", self.kind.value)
        object.__setattr__(self, "many", self.kind in (Kind.TEXTS, Kind.NAMES, Kind.RECORDS))
        texts = self.kind not in (Kind.DATE, Kind.SHARE, Kind.TEXTS, Kind.NAMES, Kind.RECORDS)
        valid = frozenset(self.choices).__contains__ if self.kind is Kind.CHOICE else self.rule.accepts
        object.__setattr__(self, "valid_text", valid if texts else None)


@dataclass(frozen=True)
class Record:
    name: str  # as messages call it: "stance", "evidence entry", ...
    fields: tuple[Field, ...]
    plural: str = ""  # "evidence entries"; the name and an s where left empty
    by_name: dict[str, Field] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        if not self.plural:
            object.__setattr__(self, "plural", self.name + "s")


POSITIONS: dict[str, int] = {
    "support": 2,
    "lean-support": 1,
    "neutral": 0,
    "lean-oppose": -1,
    "oppose": -2,
}
BASES = ("stated", "reported", "inferred")
SALIENCE = ("low", "medium", "high")
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
        Field("id", Kind.ID, "Kebab-case id, unique among topics: `huawei-in-5g`.", required=True),
        Field("title", Kind.NAME, "A short label for table headers.", required=True),
        Field("proposition", Kind.NAME, "The statement that actors support or oppose.", required=True),
        Field("description", Kind.TEXT, "Context for readers."),
        Field("tags", Kind.NAMES, "Labels, as a list: `[security, trade]`."),
    ),
)

SOURCE = Record(
    "source",
    (
        Field("id", Kind.ID, "Kebab-case id, unique among sources.", required=True),
        Field("title", Kind.NAME, "The document's title.", required=True),
        Field("publisher", Kind.TEXT, "Who published it."),
        Field("date", Kind.DATE, "When it was published (see *Dates*).", required=True),
        Field("url", Kind.URL, "Where to read it: `http://` or `https://` and a host name."),
        Field("file", Kind.PATH, "The archived text of the document, as a path inside the archive (see `archive`)."),
        Field("sha256", Kind.SHA256, "The SHA-256 of that file, in lowercase hex, so a changed archive is noticed."),
    ),
)

EVIDENCE = Record(
    "evidence entry",
    plural="evidence entries",
    fields=(
        Field("source", Kind.ID, "The id of a source in `sources.yaml`.", required=True),
        Field(
            "quote",
            Kind.TEXT,
            "Words copied verbatim from the source, at most 60 words and 1,000 characters.",
            required=True,
        ),
    ),
)

STANCE = Record(
    "stance",
    (
        Field("topic", Kind.ID, "The id of a topic in `topics.yaml`.", required=True),
        Field("position", Kind.CHOICE, "Where the actor stands.", required=True, choices=tuple(POSITIONS)),
        Field("date", Kind.DATE, "When the actor expressed it (see *Dates*).", required=True),
        Field("speaker", Kind.TEXT, "Who voiced it for the actor: `Liang Hua, chairman`."),
        Field(
            "basis",
            Kind.CHOICE,
            "How we know it: `stated` (the actor's own words, quoted in full or in part), `reported` (others "
            "report what it said or did, an act that is itself the position included, such as a ban), `inferred` "
            "(deduced from something that does not state it, such as defying pressure to ban).",
            required=True,
            choices=BASES,
        ),
        Field(
            "salience",
            Kind.CHOICE,
            "How much the topic matters to the actor, as the Chapel Hill Expert Survey records beside position; "
            "absent means not recorded.",
            choices=SALIENCE,
        ),
        Field("summary", Kind.TEXT, "One sentence in the curator's own words.", required=True),
        Field("conditions", Kind.TEXTS, "Conditions attached to the position, as a list: `[with restrictions]`."),
        Field("evidence", Kind.RECORDS, "One or more quotes that back the stance.", required=True, record=EVIDENCE),
        Field("note", Kind.TEXT, "The curator's note: a judgement call, a caveat."),
    ),
)

ACTOR = Record(
    "actor",
    (
        Field("id", Kind.ID, "Kebab-case id; must equal the file name without `.yaml`.", required=True),
        Field("name", Kind.NAME, "The actor's full name.", required=True),
        Field("kind", Kind.CHOICE, "What sort of actor.", required=True, choices=ACTOR_KINDS),
        Field(
            "country",
            Kind.COUNTRY,
            'ISO 3166-1 alpha-2 code in capitals, **quoted** (`"NO"` unquoted is the boolean false to YAML).',
        ),
        Field("part_of", Kind.ID, "The id of a parent actor (a ministry is part of a government); `null` for none."),
        Field("aliases", Kind.NAMES, "Other names, as a list."),
        Field("description", Kind.TEXT, "Context for readers."),
        Field("stances", Kind.RECORDS, "The actor's stances; an actor without any is a warning.", record=STANCE),
    ),
)

TOPICS_FILE = Record(
    "topics file",
    (Field("topics", Kind.RECORDS, "The topics.", required=True, record=TOPIC),),
)

SOURCES_FILE = Record(
    "sources file",
    (
        Field(
            "archive",
            Kind.FOLDER,
            "The folder of the archived texts that sources' `file` names, relative to the folder of "
            "`sources.yaml`: `archive` or `../archive`. `validate` checks every quote against it; "
            "`--sources-dir` overrides it.",
        ),
        Field(
            "actor_kinds",
            Kind.NAMES,
            "The kinds of actor the dataset uses (each actor's `kind`), in the order views list them, such as "
            "`[party, union, ngo, legislator]`; without it: " + ", ".join(ACTOR_KINDS) + ".",
        ),
        Field(
            "max_quoted",
            Kind.SHARE,
            "The share of a source's words its quotes may reproduce together (default 0.2): more is the "
            "warning `over-quoted`. `validate --max-quoted` overrides it.",
        ),
        Field("sources", Kind.RECORDS, "The sources.", required=True, record=SOURCE),
    ),
)

RECORDS: tuple[Record, ...] = (TOPIC, SOURCE, ACTOR, STANCE, EVIDENCE)


@lru_cache(maxsize=16)
def actor_record(kinds: tuple[str, ...] = ACTOR_KINDS) -> Record:
    """The actor record of a dataset whose actors are of `kinds` (its `actor_kinds`, else the format's own)."""
    if kinds == ACTOR_KINDS:
        return ACTOR
    fields = tuple(
        Field(f.name, f.kind, f.description, f.required, kinds) if f.name == "kind" else f for f in ACTOR.fields
    )
    return Record(ACTOR.name, fields, ACTOR.plural)
