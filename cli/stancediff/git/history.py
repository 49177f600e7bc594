"""The git history of one actor's stances: each commit that changed them, and what changed.

    history = actor_history(Path("positions"), "us", topic=None, limit=100)
    history.commits[0].changes.moved      # newest first, as `git log` lists them

The commits are those `git log --follow` lists for the actor's file (so an
actor file renamed with `stancediff rename actor` keeps its past), with the
blob of the file before and after each; both versions are read with the
strict loader, as `changes` reads a revision, and compared with
`analysis.changes`, stances matched by topic and date. Every git command runs
within `read.TIMEOUT`, at most `limit` commits are read, and each blob is
size-checked before it is read (`read._sizes`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysis.changes import Changes, FieldChange, StanceChange, changes_between
from ..completion import dataset_kinds
from ..errors import StancediffError
from ..format import spec
from ..format.dataset import ACTOR_SUFFIXES, assemble
from ..format.load import Loaded, Loader
from ..format.model import Dataset, Stance, value_text
from ..problems import show
from ..text import visible
from .read import Repository, batches, blob_sizes, locate, read_blobs, run_checked

MAX_COMMITS = 100  # read by default
LIMIT = 10_000  # the most `--max-count` may ask for
_EMPTY = "0" * 40


@dataclass(frozen=True)
class Commit:
    hash: str
    author: str
    date: str  # ISO 8601, as git gives the author date
    message: str  # the subject line
    changes: Changes  # the actor's stances before and after (on the topic asked for, if one was)


@dataclass(frozen=True)
class History:
    actor: str
    topic: str | None
    path: str  # the actor's file, relative to the repository
    commits: tuple[Commit, ...]  # newest first; only those that changed a stance (of the topic)
    read: int  # how many commits of the file were read
    more: bool  # the file has older commits than were read


def actor_history(positions: Path, actor_id: str, topic: str | None = None, limit: int = MAX_COMMITS) -> History:
    """The commits that changed the stances of `actor_id` (on `topic`), newest first; at most `limit` read."""
    repository = locate(positions)
    kinds = dataset_kinds(positions)  # the dataset's own, as it names them now
    name = next(
        (f"actors/{actor_id}{s}" for s in ACTOR_SUFFIXES if (positions / "actors" / f"{actor_id}{s}").exists()), None
    )
    if name is None:
        raise StancediffError(f"no actor {show(actor_id)}: there is no actors/{actor_id}.yaml in {positions}")
    path = repository.prefix + name
    output = run_checked(
        repository,
        "log",
        "--follow",
        "--raw",
        "--no-abbrev",
        "--no-color",
        f"--max-count={limit + 1}",
        "--format=%x1e%H%x1f%an%x1f%aI%x1f%s",
        "--",
        path,
        what=f"to list the history of {path}",
    )
    entries = _parse(output.decode("utf-8", "replace"))
    more = len(entries) > limit
    entries = entries[:limit]
    blobs = [blob for entry in entries for blob in entry[4:] if blob != _EMPTY]
    sizes = blob_sizes(repository, list(dict.fromkeys(blobs)))
    loader = Loader()
    readable = [blob for blob in dict.fromkeys(blobs) if 0 <= sizes[blob] <= loader.max_bytes]
    groups, group_of = batches(readable, sizes)
    contents: dict[str, bytes] = {}  # the batch read last (at most `read.BATCH_BYTES`)

    def text(blob: str) -> bytes | None:
        if blob not in group_of:
            return None
        if blob not in contents:
            contents.clear()
            contents.update(read_blobs(repository, groups[group_of[blob]]))
        return contents[blob]

    commits = []
    for hash_, author, date, message, old, new in entries:
        before = _actor(repository, text, sizes, old, name, actor_id, loader, f"{hash_[:7]}^", kinds)
        after = _actor(repository, text, sizes, new, name, actor_id, loader, hash_[:7], kinds)
        changes = _topics_followed(changes_between(before, after))
        if topic is not None:
            changes = _on_topic(changes, topic)
        if changes.stances_added or changes.stances_removed or changes.stances_changed:
            commits.append(Commit(hash_, visible(author), date, visible(message), changes))
    return History(actor_id, topic, path, tuple(commits), len(entries), more)


def _parse(output: str) -> list[tuple[str, str, str, str, str, str]]:
    """(hash, author, date, subject, blob before, blob after) for each commit `git log --raw` listed."""
    entries = []
    for record in output.split("\x1e")[1:]:
        head, _, rest = record.partition("\n")
        fields = head.split("\x1f")
        if len(fields) != 4:
            raise StancediffError("git answered `log` with something unexpected")
        raw = next((line for line in rest.splitlines() if line.startswith(":")), None)
        if raw is None:
            continue  # a merge: git shows no change of its own
        parts = raw[1:].split("\t", 1)[0].split()
        if len(parts) < 5:
            raise StancediffError("git answered `log --raw` with something unexpected")
        hash_, author, date, subject = fields
        entries.append((hash_, author, date, subject, parts[2], parts[3]))
    return entries


def _actor(
    repository: Repository,
    text: Callable[[str], bytes | None],
    sizes: dict[str, int],
    blob: str,
    name: str,
    actor_id: str,
    loader: Loader,
    label: str,
    kinds: tuple[str, ...],
) -> Dataset:
    """The actor as one version of its file holds it (its id as now, so a renamed file compares), or none."""
    root = repository.root / repository.prefix
    if blob == _EMPTY:
        return Dataset(root, (), (), ())
    shown = f"{label}:{repository.prefix}{name}"
    data = text(blob)
    if data is None:
        loaded = Loaded.failed(shown, "file-too-large", size=sizes.get(blob, -1), limit=loader.max_bytes)
    else:
        loaded = loader.load_bytes(data, shown)
    dataset = assemble(root, [(name, loaded)], True, lambda n: f"{label}:{n}", kinds=kinds).dataset.complete_records()
    actors = tuple(
        replace(a, id=actor_id, stances=tuple(replace(s, actor=actor_id) for s in a.stances)) for a in dataset.actors
    )
    return replace(dataset, actors=actors)


def _topics_followed(changes: Changes) -> Changes:
    """A stance removed and one added with the same date and every other key the same: its topic renamed."""
    added = list(changes.stances_added)
    removed = []
    changed = list(changes.stances_changed)
    for stance in changes.stances_removed:
        twin = next((s for s in added if s.date == stance.date and _fields(stance, s) == ("topic",)), None)
        if twin is None:
            removed.append(stance)
            continue
        added.remove(twin)
        changed.append(StanceChange(stance, twin, (FieldChange("topic", stance.topic, twin.topic),)))
    return replace(changes, stances_added=tuple(added), stances_removed=tuple(removed), stances_changed=tuple(changed))


def _fields(before: Stance, after: Stance) -> tuple[str, ...]:
    return tuple(
        f.name
        for f in spec.STANCE.fields
        if value_text(f, getattr(before, f.name)) != value_text(f, getattr(after, f.name))
    )


def _on_topic(changes: Changes, topic: str) -> Changes:
    return replace(
        changes,
        stances_added=tuple(s for s in changes.stances_added if s.topic == topic),
        stances_removed=tuple(s for s in changes.stances_removed if s.topic == topic),
        stances_changed=tuple(c for c in changes.stances_changed if topic in (c.before.topic, c.after.topic)),
        current=tuple(c for c in changes.current if c.after.topic == topic),
    )
