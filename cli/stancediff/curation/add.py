"""`stancediff add`: add a topic, a source, an actor or a stance to a dataset, checked before it is written.

Each function takes the record's values, complete (the command line asks for
what is missing), builds the record in the format's key order (`spec`), and
writes it through `write.change`: under the dataset's lock, spliced into the
file with every other byte kept, and only if the dataset, as it would be,
has no error that it did not have before. A stance's quotes are checked
against its sources' archived texts; one that is not there is refused with
the closest passage.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..analysis.select import find_actor
from ..checks.quotes import MAX_SOURCE_BYTES, ArchivedTexts
from ..errors import Refused
from ..files import read_regular
from ..format import spec
from ..format.archive import archive_dir
from ..format.dataset import ACTOR_SUFFIXES, SOURCES_NAME, TOPICS_NAME, assemble, read_dataset
from ..format.load import Loader
from ..format.model import Dataset, PartialDate
from ..problems import show
from ..suggest import did_you_mean
from .init import EXAMPLE_ACTOR
from .write import Change, change, render, safe_target

SLUG_WORDS = 6  # of the title, in an id made for a source
MAX_MADE_ID = 50  # characters of an id made from a title or a name
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Added:
    """What a command wrote: the record's id and the files it changed or created."""

    id: str
    files: tuple[Path, ...]


def record(fields: spec.Record, values: Mapping[str, Any]) -> dict[str, Any]:
    """The record as the file will hold it: the format's key order, empty values left out."""
    built: dict[str, Any] = {}
    for field in fields.fields:
        value = values.get(field.name)
        if value is None or value == () or value == []:
            continue
        if field.kind is spec.Kind.DATE:
            value = _date(value)
        elif field.kind is spec.Kind.COUNTRY:
            value = DoubleQuotedScalarString(value)  # "NO" unquoted is false to YAML 1.1
        elif field.many and field.kind is spec.Kind.TEXTS:
            value = list(value)
        built[field.name] = value
    return built


def _date(text: str) -> object:
    """A date as the shipped files write it: plain, as YAML reads `2019-05-14` (a date) and `2019` (a year)."""
    date = PartialDate.parse(text)
    if date is None:
        return text  # left for the checks to report, with the file and line
    if date.day is not None:
        return date.first_day
    return date.year if date.month is None else str(date)


def _add(root: Path, name: str, key: str, item: Mapping[str, Any], sources_dir: Path | None) -> Path:
    """Add `item` to the list `key` of dataset file `name`."""
    with change(root, sources_dir) as edit:
        edit.replace(edit.read(name).appended(key, item))
    return safe_target(root, name)


def _lookup(root: Path, *names: str) -> Dataset:
    """The records of dataset files `names` alone, to look ids up in (their problems are for the checks)."""
    loader = Loader()
    loaded = ((name, loader.load_path(safe_target(root, name), name)) for name in names)
    return assemble(root, loaded, True, str).dataset


def add_topic(root: Path, values: Mapping[str, Any]) -> Added:
    item = record(spec.TOPIC, values)
    return Added(item["id"], (_add(root, TOPICS_NAME, "topics", item, None),))


def add_actor(root: Path, values: Mapping[str, Any]) -> Added:
    """A new actor file, `actors/<id>.yaml`; refused if any file of that actor exists.

    The id is made from the name (`made_id`) unless given.
    """
    item = record(spec.ACTOR, {**values, "id": values.get("id") or made_id(str(values["name"]), "actor")})
    actor_id = str(item["id"])
    if not spec.Kind.ID.rule.accepts(actor_id):
        raise Refused(f"the actor id {show(actor_id)} is not a kebab-case id (such as `us-commerce-department`)")
    name = f"actors/{actor_id}.yaml"
    with change(root) as edit:
        for suffix in ACTOR_SUFFIXES:
            existing = root / "actors" / f"{actor_id}{suffix}"
            if existing.exists() or existing.is_symlink():
                raise Refused(f"{existing} exists; not overwriting it (add stances with `stancediff add stance`)")
        edit.create(name, (schema_line(root) + render(item)).encode("utf-8"))
    return Added(actor_id, (safe_target(root, name),))


def schema_line(root: Path) -> str:
    """The `# yaml-language-server: $schema=...` line a new actor file starts with.

    That of the other actor files, if they have one; else the line `init`
    writes, where the dataset has the schema `init` wrote beside it.
    """
    folder = root / "actors"
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        if path.is_file() and not path.is_symlink():
            with path.open(encoding="utf-8", errors="replace") as stream:
                first = stream.readline()
            if first.startswith(SCHEMA_COMMENT):
                return first if first.endswith("\n") else first + "\n"
    if (root / "schemas" / "actor.schema.json").is_file():
        return EXAMPLE_ACTOR.splitlines(keepends=True)[0]
    return ""


def refuse_links(root: Path, actor_id: str) -> list[str]:
    """The names the actor's file may have; `Refused` if one is a link, which the loader leaves out unread."""
    names = [f"actors/{actor_id}{suffix}" for suffix in ACTOR_SUFFIXES]
    for name in names:
        safe_target(root, name)
    return names


def stance_choices(root: Path, wanted: str) -> tuple[Dataset, str]:
    """For a new stance of the actor `wanted` names (its id, else its name or an alias): the dataset's
    topics and sources (to offer), and the actor's id. Actor files are read only to find a name."""
    if any((root / name).is_file() for name in refuse_links(root, wanted)):
        return _lookup(root, TOPICS_NAME, SOURCES_NAME), wanted
    dataset = read_dataset(root).dataset
    return dataset, find_actor(dataset, wanted).id


def add_stance(root: Path, actor_id: str, values: Mapping[str, Any], sources_dir: Path | None = None) -> Added:
    """Add a stance to the actor's file, after checking every quote against its source's archived text."""
    names = refuse_links(root, actor_id)
    item = record(spec.STANCE, values)
    item["evidence"] = [
        {"source": entry["source"], "quote": DoubleQuotedScalarString(entry["quote"])} for entry in item["evidence"]
    ]
    with change(root, sources_dir) as edit:
        name = next((name for name in names if (root / name).is_file()), None)
        if name is None:
            raise Refused(f"no actor {show(actor_id)} in {root / 'actors'}; add it with `stancediff add actor`")
        _refuse_unchecked(_lookup(root, SOURCES_NAME), sources_dir, values.get("evidence") or ())
        edit.replace(edit.read(name).appended("stances", item))
    return Added(actor_id, (safe_target(root, name),))


def _refuse_unchecked(dataset: Dataset, override: Path | None, evidence: Sequence[Mapping[str, str]]) -> None:
    """`Refused` unless there is an archive, and every cited source has an archived text there that the
    quotes check may read."""
    folder = archive_dir(dataset, override)
    if folder.path is None:
        why = folder.problem.message if folder.problem else "the dataset names no archive (`archive:` in sources.yaml)"
        raise Refused(f"cannot check the quotes: {why}; pass --sources-dir, or set `archive:`")
    for entry in evidence:
        source = dataset.source_ids.get(entry["source"])
        if source is None:
            hint = did_you_mean(entry["source"], dataset.source_ids)
            wanted = show(entry["source"])
            raise Refused(f"no source {wanted} in sources.yaml{hint} (`stancediff add source` adds one)")
        if source.file is None:
            raise Refused(
                f"source {show(source.id)} has no archived text (`file`), so its quotes cannot be checked; "
                "archive it with `stancediff add source FILE` and cite that source"
            )
    texts = ArchivedTexts(folder)
    for entry in evidence:
        text, problems = texts.text_of(dataset.source_ids[entry["source"]])
        if text is None:  # its file refused (outside the project, unsafe) or missing: the quote goes unchecked
            raise Refused(f"the quotes of source {show(entry['source'])} cannot be checked (above)", tuple(problems))


def add_source(root: Path, file: Path, values: Mapping[str, Any], sources_dir: Path | None = None) -> Added:
    """Add a source whose archived text is `file`: referenced where it lies in the archive, else copied there.

    The text is copied only into an archive that is part of the project
    (`project_folder`), never through a symlink out of it, never over another
    file; a text archived already for another source is refused, naming it.
    Its sha256 is computed, and its id made from its title and date unless
    given. If sources.yaml cannot be written, the copy is removed again.
    """
    data = _archived_text(file)
    digest = hashlib.sha256(data).hexdigest()
    with change(root, sources_dir) as edit:
        dataset = _lookup(root, SOURCES_NAME)
        folder = archive_dir(dataset, sources_dir)
        if folder.path is None:
            why = folder.problem.message if folder.problem else "the dataset names no archive"
            raise Refused(f"no archive to put the text in: {why}; set `archive: <folder>` in sources.yaml")
        archive = os.path.realpath(folder.path)
        real = os.path.realpath(file)
        if os.path.commonpath([archive, real]) == archive:
            relative = os.path.relpath(real, archive)
        else:
            relative = file.name
            _copy_in(edit, root, folder.path, file.name, data)
        for source in dataset.sources:
            if source.sha256 == digest or (source.file is not None and os.path.normpath(source.file) == relative):
                raise Refused(
                    f"the text of {file.name} is archived already, as source {show(source.id)} ({source.file}); "
                    "cite that source, or archive another text"
                )
        source_id = values.get("id") or source_id_for(str(values["title"]), str(values["date"]))
        if source_id in dataset.source_ids:
            raise Refused(f"a source {show(source_id)} exists already; give another with --id")
        item = record(
            spec.SOURCE,
            {**values, "id": source_id, "file": Path(relative).as_posix(), "sha256": digest},
        )
        edit.replace(edit.read(SOURCES_NAME).appended("sources", item))
    return Added(source_id, (*edit.created_paths, safe_target(root, SOURCES_NAME)))


def _copy_in(edit: Change, root: Path, archive: Path, name: str, data: bytes) -> None:
    """Copy the text `data` into the archive as `name`, if it lies inside the project (`project_folder`),
    and is not there already; never over another text."""
    base, where = project_folder(root)
    if os.path.commonpath([base, os.path.realpath(archive)]) != base:
        raise Refused(
            f"the archive {os.path.normpath(archive)} lies outside {where} ({base}), where stancediff "
            f"does not write; put {name} in it yourself and run this again with that file"
        )
    copy = Path(os.path.realpath(archive), name)
    if copy.exists() or copy.is_symlink():
        if copy.is_file() and not copy.is_symlink() and copy.read_bytes() == data:
            return  # the very text is archived already: referred to, not copied
        raise Refused(f"{copy} exists and holds another text; not overwriting it (rename {name})")
    edit.archive(copy, data)


def project_folder(root: Path) -> tuple[str, str]:
    """The folder an archive must lie in for `add source` to copy a text into it, and what it is.

    The git work tree that holds the dataset; outside git, the folder that
    holds the dataset folder (so that `archive: ../archive` is beside it).
    Resolved, so that a symlink cannot lead a write out of it.
    """
    from ..git.read import GitError, locate

    try:
        return os.path.realpath(locate(root).root), "the git work tree of the dataset"
    except GitError:
        return os.path.dirname(os.path.realpath(root)), "the folder that holds the dataset folder"


def _archived_text(file: Path) -> bytes:
    """The bytes of `file`, if it can be an archived text: a regular UTF-8 file within the size limit."""
    data = read_regular(file, MAX_SOURCE_BYTES)
    if len(data) > MAX_SOURCE_BYTES:
        raise Refused(f"{file} is larger than the limit of {MAX_SOURCE_BYTES} bytes for an archived text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(f"{file} is not UTF-8 text; archive the text of the document as UTF-8") from None
    return data


def source_id_for(title: str, date: str) -> str:
    """A source id from its title and date: the title's first words in kebab case, then the date."""
    return made_id(title, "source", "-".join(re.findall(r"[0-9]+", date)))


def made_id(text: str, fallback: str, suffix: str = "") -> str:
    """A kebab-case id from `text` (a title, a name): its first words, then `suffix`, in `MAX_MADE_ID` characters.

    Always cut the same way: whole words while they fit (at most `SLUG_WORDS`),
    the first word cut short if even it does not; `fallback` if `text` has no
    letter or digit.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:SLUG_WORDS] or [fallback]
    room = MAX_MADE_ID - (len(suffix) + 1 if suffix else 0)
    kept = [words[0][:room]]
    for word in words[1:]:
        if len("-".join([*kept, word])) > room:
            break
        kept.append(word)
    return "-".join([*kept, suffix] if suffix else kept)
