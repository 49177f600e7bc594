"""`stancediff import`: add the stances of a spreadsheet, every row checked as `add stance` checks one.

The spreadsheet has the columns `export --format csv` writes (`sheet` reads
it); each row becomes a stance appended to its actor's file as `add` appends
one (`write.append_item`, every other byte kept). The dataset as it would be
is then checked whole, with the quotes against the archive, and each new
problem in a row's stance is reported at that row and the column its key
came from (`stances.csv:7:12`), with the code `validate` gives it: all of
them in one run, and nothing is written unless there are none. Actors and
topics the rows name that do not exist are problems, or, with `create`, new
records made from the columns that describe them (`actor_name`,
`actor_kind`; `topic_title`, `topic_proposition`). Sources are never made
from a row: a quote is checked against its source's archived text, which a
row does not hold (`stancediff add source FILE` archives one).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..errors import Refused
from ..format import spec
from ..format.archive import archive_dir
from ..format.dataset import ACTOR_SUFFIXES, TOPICS_NAME, display_path, read_dataset
from ..format.model import Dataset
from ..problems import Problem, Raw, problem
from ..suggest import did_you_mean
from .add import record, schema_line
from .change import editing
from .records import evidence_items
from .sheet import Row, read_sheet
from .spans import compose, last_mark
from .write import append_items, check_appended, render

NOT_IMPORTED = "nothing was written: the rows above have problems (FILE:ROW:COLUMN, columns counted from 1)"
JOIN = "; "  # how export joins a list of texts in one cell (`conditions`)
STANCE_COLUMNS = tuple(f.name for f in spec.STANCE.fields if f.kind is not spec.Kind.RECORDS)
DESCRIBING = ("actor_name", "actor_kind", "topic_title", "topic_proposition")
DERIVED = ("id", "value", "current", "sources")  # written by export, worked out again on import
REQUIRED = ("actor", *(f.name for f in spec.STANCE.fields if f.required and f.kind is not spec.Kind.RECORDS))
# The column a key of a new record came from.
ACTOR_COLUMNS = {"id": "actor", "name": "actor_name", "kind": "actor_kind"}
TOPIC_COLUMNS = {"id": "topic", "title": "topic_title", "proposition": "topic_proposition"}


@dataclass(frozen=True)
class Imported:
    stances: int
    created: tuple[str, ...]  # "actor x", "topic y"
    files: tuple[Path, ...]
    diff: str  # what was (or, with dry_run, would be) written, as a unified diff


@dataclass(frozen=True)
class _Lines:
    """The lines of a changed file that one row wrote: the key on each, and the column each key came from."""

    first: int  # 0-based, inclusive
    last: int
    row: Row
    keys: Mapping[int, str]  # line -> key ("summary"; "source_2" for a key of the second evidence entry)
    columns: Mapping[str, str]  # key -> the column it came from, where the names differ ("name" -> "actor_name")


def import_stances(
    root: Path, path: Path, create: bool = False, dry_run: bool = False, sources_dir: Path | None = None
) -> Imported:
    """Add the stances in the spreadsheet `path`; `Refused` with every problem, at its row, if any."""
    header, rows = read_sheet(path)
    shown = display_path(path)
    problems = _header_problems(header, shown)
    if problems:
        raise Refused(NOT_IMPORTED, tuple(sorted(problems)))
    columns = {name: index for index, name in enumerate(header, start=1) if name}
    with editing(root) as change:
        dataset = read_dataset(root).dataset
        if archive_dir(dataset, sources_dir).path is None:
            raise Refused("cannot check the quotes: the dataset names no archive there is; pass --sources-dir")
        problems = []
        by_actor: dict[str, list[Row]] = {}
        for row in rows:
            found = _row_problems(row, columns, shown, dataset, create)
            problems += found
            # A row that cannot make a stance is not written, so reported once; one whose actor is
            # unknown is still checked, in a stand-in file, so that all its problems come out at once.
            if all(p.code == "import-unknown-actor" for p in found):
                by_actor.setdefault(row.cells["actor"], []).append(row)
        origins: dict[str, list[_Lines]] = {}
        created: list[str] = []
        topics = _new_topics([row for group in by_actor.values() for row in group], dataset) if create else []
        if topics:
            before = change.read(TOPICS_NAME)
            after, lines = _appended(before, "topics", [_topic(row) for row in topics])
            change.write(TOPICS_NAME, after)
            origins[TOPICS_NAME] = [
                _Lines(a, b, row, keys, TOPIC_COLUMNS) for (a, b, keys), row in zip(lines, topics, strict=True)
            ]
            created += [f"topic {row.cells['topic']}" for row in topics]
        for actor_id, actor_rows in by_actor.items():
            name, text, origin = _actor_file(root, dataset, actor_id, actor_rows, create)
            if name is None:
                continue
            if origin or (create and text is not None):
                created.append(f"actor {actor_id}")
            stances = [_stance(row) for row in actor_rows]
            after, lines = _appended(text if text is not None else change.read(name), "stances", stances)
            origin += [_Lines(a, b, row, keys, {}) for (a, b, keys), row in zip(lines, actor_rows, strict=True)]
            change.write(name, after)
            origins[name] = origin
        problems += _mapped(change.new_errors(sources_dir), root, origins, columns, shown)
        if problems:
            raise Refused(NOT_IMPORTED, tuple(sorted(problems)))
        diff = _diff(change.before, change.writes, root)
        files = change.files if dry_run else change.commit(sources_dir, check=False)
        return Imported(len(rows), tuple(created), files, diff)


def _header_problems(header: Sequence[str], shown: str) -> list[Problem]:
    known = {*STANCE_COLUMNS, "actor", *DESCRIBING, *DERIVED}
    found = []
    names = [name for name in header if name]
    for index, name in enumerate(header, start=1):
        if not name or name in known or _evidence_column(name) is not None:
            continue
        hint = did_you_mean(name, sorted(known))
        found.append(problem("import-unknown-column", shown, (1, index), column=name, hint=hint))
    for name in (*REQUIRED, "source_1", "quote_1"):
        if name not in names:
            found.append(problem("import-missing-column", shown, (1, 1), column=name))
    return found


def _evidence_column(name: str) -> tuple[str, int] | None:
    """("source", 2) for `source_2`; None for a name that is no evidence column."""
    key, _, number = name.partition("_")
    if key in ("source", "quote") and number.isdigit() and int(number) >= 1 and not number.startswith("0"):
        return key, int(number)
    return None


def _row_problems(row: Row, columns: Mapping[str, int], shown: str, dataset: Dataset, create: bool) -> list[Problem]:
    """What a row lacks that its stance could not be written without: an actor, a required value, an entry's half."""
    found = []
    for name in REQUIRED:
        if not row.cells.get(name, "").strip():
            found.append(problem("empty-value", shown, (row.number, columns[name]), key=Raw(name)))
    actor = row.cells["actor"]
    if actor and not spec.Kind.ID.rule.accepts(actor):
        found.append(problem("invalid-id", shown, (row.number, columns["actor"]), key=Raw("actor"), value=actor))
    elif actor and actor not in dataset.actor_ids and not create:
        hint = did_you_mean(actor, dataset.actor_ids)
        found.append(problem("import-unknown-actor", shown, (row.number, columns["actor"]), value=actor, hint=hint))
    entries = _entries(row)
    if not entries:
        found.append(problem("empty-value", shown, (row.number, columns["source_1"]), key=Raw("source_1")))
    for number, source, quote in entries:
        for key, value in (("source", source), ("quote", quote)):
            if not value:
                column = columns.get(f"{key}_{number}", 1)
                found.append(problem("empty-value", shown, (row.number, column), key=Raw(f"{key}_{number}")))
        known = dataset.source_ids.get(source)
        if known is not None and known.file is None:
            found.append(
                problem("import-unarchived-source", shown, (row.number, columns[f"source_{number}"]), value=source)
            )
    return found


def _entries(row: Row) -> list[tuple[int, str, str]]:
    """The row's evidence entries, (number, source, quote), where either half is given."""
    numbers = sorted({n for name in row.cells if (e := _evidence_column(name)) for n in [e[1]]})
    entries = []
    for number in numbers:
        source = row.cells.get(f"source_{number}", "").strip()
        quote = row.cells.get(f"quote_{number}", "")
        if source or quote.strip():
            entries.append((number, source, quote))
    return entries


def _stance(row: Row) -> dict[str, Any]:
    values: dict[str, Any] = {name: row.cells.get(name) or None for name in STANCE_COLUMNS}
    if values.get("conditions"):
        values["conditions"] = [part for part in values["conditions"].split(JOIN) if part.strip()]
    values["evidence"] = evidence_items({"source": s, "quote": q} for _, s, q in _entries(row))
    built = record(spec.STANCE, values)
    if not built.get("evidence"):
        built.pop("evidence", None)
    return built


def _topic(row: Row) -> dict[str, Any]:
    return record(spec.TOPIC, {key: row.cells.get(column) or None for key, column in TOPIC_COLUMNS.items()})


def _new_topics(rows: Sequence[Row], dataset: Dataset) -> list[Row]:
    """The first row naming each topic that does not exist (its columns describe it)."""
    first: dict[str, Row] = {}
    for row in rows:
        topic = row.cells["topic"]
        if topic and topic not in dataset.topic_ids and spec.Kind.ID.rule.accepts(topic):
            first.setdefault(topic, row)
    return list(first.values())


def _actor_file(
    root: Path, dataset: Dataset, actor_id: str, rows: Sequence[Row], create: bool
) -> tuple[str | None, str | None, list[_Lines]]:
    """The file the actor's stances go to, the text to start a new one from, and the lines that row wrote."""
    for suffix in ACTOR_SUFFIXES:
        name = f"actors/{actor_id}{suffix}"
        if (root / name).is_file():
            return name, None, []
    if actor_id in dataset.actor_ids:
        return None, None, []
    row = rows[0]
    if not create:  # a stand-in, to check the rows' stances; the import is refused for the unknown actor
        stand_in = {"id": actor_id, "name": actor_id, "kind": dataset.actor_kinds[0]}
        return f"actors/{actor_id}.yaml", render(record(spec.ACTOR, stand_in)), []
    values = {key: row.cells.get(column) or None for key, column in ACTOR_COLUMNS.items()}
    line = schema_line(root)
    body = render(record(spec.ACTOR, values))
    skip = line.count("\n")
    keys = {skip + number: text.partition(":")[0] for number, text in enumerate(body.splitlines())}
    lines = _Lines(skip, skip + len(keys) - 1, row, keys, ACTOR_COLUMNS)
    return f"actors/{actor_id}.yaml", line + body, [lines]


def _appended(
    data: bytes | str, key: str, items: Sequence[Mapping[str, Any]]
) -> tuple[bytes, list[tuple[int, int, dict[int, str]]]]:
    """The file with `items` added to its list `key`, and the first and last line of each, and its keys' lines."""
    bom = isinstance(data, bytes) and data.startswith(b"\xef\xbb\xbf")
    text = data if isinstance(data, str) else data[3 if bom else 0 :].decode("utf-8", "replace")
    after = append_items(text, key, items)
    check_appended(text, after, key, items)
    text = after
    root = compose(text)
    pairs = root.value if isinstance(root, MappingNode) else []
    nodes = [value for key_node, value in pairs if isinstance(key_node, ScalarNode) and key_node.value == key]
    added = nodes[0].value[-len(items) :] if items and nodes else []
    lines = [(node.start_mark.line, last_mark(node)[0], _keys(node)) for node in added]
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"), lines


def _keys(item: MappingNode) -> dict[int, str]:
    """The key each line of a written record stands in ("source_2" for the second evidence entry's source)."""
    keys: dict[int, str] = {}
    for key_node, value in item.value:
        if isinstance(value, SequenceNode) and key_node.value == "evidence":
            for number, entry in enumerate(value.value, start=1):
                for sub_key, sub_value in entry.value if isinstance(entry, MappingNode) else ():
                    for line in range(sub_key.start_mark.line, last_mark(sub_value)[0] + 1):
                        keys[line] = f"{sub_key.value}_{number}"
            continue
        for line in range(key_node.start_mark.line, last_mark(value)[0] + 1):
            keys.setdefault(line, key_node.value)
    return keys


def _mapped(
    found: Sequence[Problem], root: Path, origins: Mapping[str, list[_Lines]], columns: Mapping[str, int], shown: str
) -> list[Problem]:
    """The problems, each on a line that a row wrote moved to that row and its column of the spreadsheet."""
    base = display_path(root)
    files = {os.path.join(base, name): name for name in origins}
    mapped = []
    for found_problem in found:
        name = files.get(found_problem.file)
        written = [w for w in origins.get(name or "", ()) if w.first <= found_problem.line - 1 <= w.last]
        if not written:
            mapped.append(found_problem)
            continue
        lines = written[0]
        key = lines.keys.get(found_problem.line - 1, "")
        column = columns.get(lines.columns.get(key, key), 1)
        mapped.append(found_problem._replace(file=shown, line=lines.row.number, column=column))
    return sorted(mapped)


def _diff(before: Mapping[str, bytes | None], after: Mapping[str, bytes], root: Path) -> str:
    """What the import writes, as `diff -u` shows it, file by file."""
    base = display_path(root)
    parts: list[str] = []
    for name, data in after.items():
        old = (before.get(name) or b"").decode("utf-8", "replace").splitlines(keepends=True)
        new = data.decode("utf-8", "replace").splitlines(keepends=True)
        shown = os.path.join(base, name)
        origin = shown if before.get(name) is not None else "/dev/null"
        parts += difflib.unified_diff(old, new, origin, shown)
    return "".join(parts)
