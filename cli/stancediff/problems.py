"""Problems found in a dataset, the catalogue of every problem code, and the report of a run.

Each code has a severity, a title, a message template and a fix, in one place
(`CATALOGUE`), so that the docs, the reporters and the tests all read the same
text. Code that finds a problem calls `problem(code, file, mark, **fields)`;
the fields fill the template and are made visible first (see `text.visible`),
so a message never carries raw control characters from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import count, visible

Severity = Literal["error", "warning"]
Mark = tuple[int, int]  # 1-based line and column

MAX_PER_FILE = 200  # problems listed per file
MAX_PER_RUN = 2_000  # problems listed in all


@dataclass(frozen=True)
class Code:
    severity: Severity
    title: str
    template: str  # the message, with {fields} filled by `problem`
    fix: str  # what to do about it, for docs/problems.md


def _error(title: str, template: str, fix: str) -> Code:
    return Code("error", title, template, fix)


def _warning(title: str, template: str, fix: str) -> Code:
    return Code("warning", title, template, fix)


CATALOGUE: dict[str, Code] = {
    # Reading a file
    "unreadable": _error(
        "File cannot be read",
        "cannot read this file: {reason}",
        "Make it a regular file that the user running stancediff may read.",
    ),
    "file-too-large": _error(
        "File too large",
        "this file is {size} bytes; the limit is {limit} bytes",
        "Split the data into smaller files (one actor per file).",
    ),
    "not-utf8": _error(
        "Not UTF-8",
        "this file is not valid UTF-8 (byte {byte} at offset {offset})",
        "Save the file as UTF-8.",
    ),
    "bad-character": _error(
        "Forbidden character",
        "forbidden character {char} ({name})",
        "Delete the character; control characters, bidirectional overrides and "
        "lone surrogates are not allowed anywhere in the data.",
    ),
    "skipped-file": _warning(
        "File not read",
        "not read: {reason}",
        "Rename it to end in `.yaml` and move it directly into actors/, or move it out of the dataset.",
    ),
    "yaml-syntax": _error(
        "YAML syntax error",
        "YAML syntax error: {detail}",
        "Fix the YAML at the line shown; a YAML linter shows the same spot.",
    ),
    "empty-file": _error(
        "Empty file",
        "the file holds no data",
        "Fill it in as `stancediff docs format` describes, or delete it.",
    ),
    "multiple-documents": _error(
        "More than one YAML document",
        "a second YAML document starts here; a file holds exactly one",
        "Remove the `---` separator and move the second document to a file of its own.",
    ),
    "root-not-mapping": _error(
        "Top level is not a mapping",
        "the top level of this file is {found}; it must be a mapping of keys to values",
        "Start the file with `key: value` lines, as `stancediff docs format` shows.",
    ),
    "too-deep": _error(
        "Nesting too deep",
        "nesting deeper than {limit} levels",
        "The format nests a few levels at most; remove the extra brackets or indentation.",
    ),
    "too-many-nodes": _error(
        "Too many values",
        "this file holds more than {limit} keys, values and list items; it is not read further",
        "Split the data into smaller files (one actor per file); a topics or sources file this large is a mistake.",
    ),
    "duplicate-key": _error(
        "Duplicate key",
        "duplicate key {key}; it was first given at line {first_line}",
        "Keep one of the two entries.",
    ),
    "key-not-string": _error(
        "Key is not a string",
        "key {key} is read as {found}; keys must be strings",
        "Use a plain word as the key, or quote it.",
    ),
    "anchor": _error(
        "YAML anchor",
        "YAML anchor &{name} is not allowed",
        "Write the value out in full; anchors and aliases are not part of the format.",
    ),
    "alias": _error(
        "YAML alias",
        "YAML alias *{name} is not allowed",
        "Write the value out in full; anchors and aliases are not part of the format.",
    ),
    "merge-key": _error(
        "YAML merge key",
        "YAML merge key << is not allowed",
        "Write the keys out in full.",
    ),
    "tag": _error(
        "YAML tag",
        "explicit YAML tag {tag} is not allowed",
        "Remove the tag; quote the value if it must be read as a string.",
    ),
    "more-problems": _error(
        "More problems not listed",
        "not listed {where}: {more} ({errors}, {warnings})",
        f"Fix the problems listed and run again; at most {MAX_PER_FILE:,} are listed per file "
        f"and {MAX_PER_RUN:,} in all.",
    ),
    "internal-error": _error(
        "Internal error",
        "stancediff failed here: {detail}",
        "This is a bug in stancediff; please report it with the file attached.",
    ),
    # Layout of the dataset
    "missing-file": _error(
        "Missing file or folder",
        "{what} is missing",
        "Create it as `stancediff docs format` describes (`topics.yaml`, `sources.yaml`, `actors/`).",
    ),
    # Schema
    "missing-key": _error(
        "Missing required key",
        "{record} is missing the required key {key}",
        "Add the key; `stancediff docs format` lists the required keys of each record.",
    ),
    "unknown-key": _error(
        "Unknown key",
        "unknown key {key} in {record}{hint}",
        "Remove the key or correct its spelling; `stancediff docs format` lists the allowed keys.",
    ),
    "wrong-type": _error(
        "Wrong type",
        "{key} must be {expected}, but YAML read {found}{hint}",
        "Write a value of the expected type; quote values that YAML reads as "
        'booleans, numbers or dates (`country: "NO"`, `id: "0755"`).',
    ),
    "empty-value": _error(
        "Empty value",
        "{key} is empty",
        "Write a value, or remove the key if it is optional.",
    ),
    "invalid-choice": _error(
        "Value not allowed",
        "{key} is {value}; it must be one of: {choices}{hint}",
        "Use one of the listed values.",
    ),
    "invalid-id": _error(
        "Invalid id",
        "{key} {value} is not kebab-case (lowercase letters and digits joined by single hyphens)",
        "Rename it, for example `steve-tsang` or `huawei-in-5g`.",
    ),
    "invalid-format": _error(
        "Invalid format",
        "{key} {value} is not {expected}",
        "Write the value in the format shown.",
    ),
    "invisible-character": _error(
        "Invisible character",
        "{key} {value} holds an invisible character, {char} ({name}), at character {index}: "
        "it looks the same as the text without it",
        "Delete the character (zero-width spaces, direction marks and soft hyphens often come with text pasted "
        "from the web): names, titles, propositions, aliases and tags must show every character they hold.",
    ),
    "id-mismatch": _error(
        "Actor id does not match file name",
        "actor id {value} does not match the file name {stem}",
        "Rename the file to `<id>.yaml` or change the id.",
    ),
    # References
    "import-unknown-column": _error(
        "Unknown column in an import",
        "unknown column {column}{hint}",
        "Name the columns as `stancediff export --format csv` does; `stancediff docs curation` lists them.",
    ),
    "import-missing-column": _error(
        "Missing column in an import",
        "the column {column} is missing; a stance needs it",
        "Add the column, as `stancediff export --format csv` writes it.",
    ),
    "import-unknown-actor": _error(
        "Unknown actor in an import",
        "no actor {value} in the dataset{hint}",
        "Add the actor (`stancediff add actor`), correct the id, or import with --create to make it from the row's "
        "`actor_name` and `actor_kind`.",
    ),
    "import-unarchived-source": _error(
        "Quote that cannot be checked",
        "source {value} has no archived text (`file`), so its quote cannot be checked",
        "Archive the text with `stancediff add source FILE` and cite that source.",
    ),
    "unknown-topic": _error(
        "Unknown topic",
        "topic {value} is not defined in topics.yaml{hint}",
        "Add the topic to topics.yaml or correct the id.",
    ),
    "unknown-source": _error(
        "Unknown source",
        "source {value} is not defined in sources.yaml{hint}",
        "Add the source to sources.yaml or correct the id.",
    ),
    "unknown-actor": _error(
        "Unknown actor",
        "part_of names actor {value}, which has no file in actors/{hint}",
        "Add the parent actor's file or correct the id.",
    ),
    "part-of-cycle": _error(
        "part_of cycle",
        "part_of forms a cycle: {cycle}",
        "An actor cannot be part of itself; break the cycle.",
    ),
    # Uniqueness
    "duplicate-id": _error(
        "Duplicate id",
        "{kind} id {value} is already used at {first}",
        "Give each {kind} its own id, or merge the two entries.",
    ),
    "duplicate-stance": _error(
        "Duplicate stance",
        "a stance on {topic} dated {date} is already given at line {first_line}",
        "Keep one stance per topic and date; a later stance needs a later date.",
    ),
    # Dates
    "invalid-date": _error(
        "Invalid date",
        "{key} {value} is not a valid date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "Write the date as YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
    "future-date": _error(
        "Date in the future",
        "{key} {value} is in the future (today is {today})",
        "Correct the date; stances record what was already said.",
    ),
    "stance-after-sources": _error(
        "Stance later than its sources",
        "the stance is dated {date}, later than every source that evidences it "
        "(the latest, {source}, is dated {source_date}); its sources cannot attest it",
        "Date the stance by what its sources show (a stance dated by month or year starts on its first day), "
        "or cite a source from the time of the stance.",
    ),
    # Evidence
    "no-evidence": _error(
        "Stance without evidence",
        "this stance has no evidence",
        "Add at least one `evidence` entry with a source and a verbatim quote.",
    ),
    "long-quote": _error(
        "Quote too long",
        "the quote has {size}; the limit is {limit}",
        "Quote a sentence or two; summarise the rest in your own words.",
    ),
    # Quotes against the archived sources
    "quote-not-found": _error(
        "Quote not in source",
        "quote not found in source {source} ({file}){closest}",
        "Copy the quote verbatim from the source; case and words must match.",
    ),
    "archive-missing": _warning(
        "Archive folder missing",
        "the archive folder {folder} ({resolved}) {state}; quotes are not checked against their sources",
        "Put the archived texts there (a clone of this project needs its archive beside it, as `archive:` "
        "says), correct `archive:` in sources.yaml, or pass --sources-dir. `validate --strict` fails until "
        "the quotes can be checked.",
    ),
    "source-file-missing": _error(
        "Source file missing",
        "file {file} of source {source} is not in {sources_dir}",
        "Archive the text under the sources folder, or correct `file`.",
    ),
    "source-file-unsafe": _error(
        "Source file refused",
        "file {file} of source {source} is refused: {reason}",
        "Give a relative path to a regular file inside the sources folder.",
    ),
    "source-file-unreadable": _error(
        "Source file unreadable",
        "file {file} of source {source} cannot be read: {reason}",
        "Make the archived text a readable UTF-8 file of at most the size limit.",
    ),
    "quote-mid-word": _error(
        "Quote cut mid-word",
        "the quote {end} in the middle of the word {word} of source {source}",
        'Quote whole words: a cut word can turn a word into another ("acceptable" out of "unacceptable").',
    ),
    "checksum-mismatch": _error(
        "Checksum mismatch",
        "sha256 of {file} is {actual}, not {expected}",
        "Restore the archived text, or update `sha256` if the text was replaced on purpose.",
    ),
    # Warnings
    "source-uncheckable": _warning(
        "Source nobody can check",
        "source {value} has neither url nor file; nobody can check it",
        "Give the address it was published at (`url`), or archive its text and name it in `file`.",
    ),
    "over-quoted": _warning(
        "Source quoted at length",
        "the quotes of source {value} reproduce {share} of its words ({covered} of {words}); the limit is {limit}",
        "Cite, do not republish: keep the words that carry each stance and summarise the rest in your own "
        "words. A dataset sets another limit with `max_quoted:` in sources.yaml, one run with `validate --max-quoted`.",
    ),
    "unused-topic": _warning(
        "Unused topic",
        "topic {value} has no stances",
        "Record stances on it, or remove it from topics.yaml.",
    ),
    "unused-source": _warning(
        "Unused source",
        "source {value} is not cited by any evidence",
        "Cite it as evidence, or remove it from sources.yaml.",
    ),
    "no-stances": _warning(
        "Actor without stances",
        "actor {value} has no stances",
        "Record at least one stance, or remove the actor.",
    ),
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str


def problem(code: str, file: str, mark: Mark, /, **fields: object) -> Problem:
    """Make the problem `code` at `file:mark`, its message filled from `fields`.

    String fields are quoted and made visible; pass `Raw` for text that is
    already part of the message (a hint, a list of choices).
    """
    entry = CATALOGUE[code]
    shown = {name: value if isinstance(value, Raw) else show(value) for name, value in fields.items()}
    return Problem(file, mark[0], mark[1], code, entry.severity, entry.template.format(**shown))


def capped(problems: list[Problem], per_file: int = MAX_PER_FILE, per_run: int = MAX_PER_RUN) -> list[Problem]:
    """The sorted `problems` as listed: at most `per_file` a file and `per_run` in all.

    Where problems are left out, a `more-problems` line at the first of them
    says how many, so that nothing is left out silently.
    """
    listed: list[Problem] = []
    left_out: list[Problem] = []
    index = 0
    while index < len(problems):
        file = problems[index].file
        end = index
        while end < len(problems) and problems[end].file == file:
            end += 1
        room = min(per_file, per_run - len(listed))
        if room <= 0:
            left_out = problems[index:]
            break
        listed += problems[index : min(end, index + room)]
        if end - index > room:
            listed.append(_more(problems[index + room : end], "in this file"))
        index = end
    if left_out:
        listed.append(_more(left_out, "in this and later files"))
    return listed


def _more(omitted: list[Problem], where: str) -> Problem:
    first = omitted[0]
    errors = sum(p.severity == "error" for p in omitted)
    return problem(
        "more-problems",
        first.file,
        (first.line, first.column),
        more=Raw(count(len(omitted), "more problem")),
        where=Raw(where),
        errors=Raw(count(errors, "error")),
        warnings=Raw(count(len(omitted) - errors, "warning")),
    )


class Raw(str):
    """Message text written by stancediff itself, shown as it is."""


def show(value: object) -> str:
    """A value as a message shows it: strings quoted, everything made visible."""
    if isinstance(value, str):
        return '"' + visible(value) + '"'
    return visible(str(value))


@dataclass(frozen=True)
class Counts:
    files: int
    actors: int
    stances: int
    quotes: int
    quotes_checked: int
    quotes_unchecked: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]  # sorted by file, line and column; capped (see `capped`)
    counts: Counts  # of every problem, listed or not

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean; 1 on errors, or on warnings too when `strict`."""
        return 1 if self.counts.errors or (strict and self.counts.warnings) else 0
