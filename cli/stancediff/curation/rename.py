"""`stancediff rename` and `merge`: give a topic, actor or source a new id, or fold several into one.

A rename rewrites the id where the record defines it and every reference to
it (a stance's `topic`, an evidence entry's `source`, an actor's `part_of`),
token by token, and renames an actor's file with its id: no other byte of
any file changes. A merge points every reference to the merged records at
the one they are merged into and removes them (an actor's stances move into
the file of the actor it is merged into); stances that would collide (one
actor, one topic, one date) are listed and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from yaml.nodes import ScalarNode

from ..errors import Refused
from ..format import spec
from ..format.dataset import TOPICS_NAME, read_dataset
from ..format.model import Dataset
from ..problems import show
from .add import record
from .change import editing
from .records import KINDS, Files, stance_values
from .spans import entry, scalar_value
from .write import append_items, check_appended

# Where each kind of id is referred to: the list of records it sits in, in every actor file.
REFERENCES = {"topic": "topic", "source": "source", "actor": "part_of"}


@dataclass(frozen=True)
class Renamed:
    kind: str
    old: str
    new: str
    references: int  # how many references followed
    files: tuple[Path, ...]


@dataclass(frozen=True)
class Merged:
    kind: str
    merged: tuple[str, ...]
    into: str
    moved: int  # stances now on (or of) `into`
    files: tuple[Path, ...]


def _check_new_id(kind: str, new: str, files: Files) -> None:
    if not spec.Kind.ID.rule.accepts(new):
        raise Refused(f"{show(new)} is not a kebab-case id (such as `us-commerce-department`)")
    if files.exists(kind, new):
        raise Refused(f"a {kind} {show(new)} exists already; to fold one into the other, use `stancediff merge {kind}`")


def _point(files: Files, kind: str, old: set[str], new: str) -> int:
    """Make every reference to an id in `old` refer to `new`; how many there were."""
    count = 0
    for name in files.actor_names():
        text = files.text(name)
        if kind == "actor":
            found = entry(text.root, "part_of")
            if found is not None and isinstance(found[1], ScalarNode) and found[1].value in old:
                text.replace_scalar(found[1], new)
                count += 1
            continue
        for stance in text.items("stances"):
            places = [stance] if kind == "topic" else text.items("evidence", stance)
            for place in places:
                found = entry(place, REFERENCES[kind])
                if found is not None and isinstance(found[1], ScalarNode) and found[1].value in old:
                    text.replace_scalar(found[1], new)
                    count += 1
    return count


def rename(root: Path, kind: str, old: str, new: str, sources_dir: Path | None = None) -> Renamed:
    """Rename the `kind` ("topic", "actor", "source") `old` to `new`, with every reference to it."""
    assert kind in KINDS
    with editing(root) as change:
        files = Files(change)
        name, node = files.record(kind, old)
        _check_new_id(kind, new, files)
        id_node = entry(node, "id")
        if id_node is None or not isinstance(id_node[1], ScalarNode):
            raise Refused(f"the {kind} {show(old)} has no `id` key to rename")
        files.text(name).replace_scalar(id_node[1], new)
        count = _point(files, kind, {old}, new)
        files.finish()
        if kind == "actor":
            target = str(PurePosixPath(name).with_stem(new))
            change.rename(name, target, files.text(name).bytes())
        return Renamed(kind, old, new, count, change.commit(sources_dir))


def merge(root: Path, kind: str, merged: Sequence[str], into: str, sources_dir: Path | None = None) -> Merged:
    """Fold the topics or actors `merged` into `into`, which exists (it may be one of `merged`)."""
    assert kind in ("topic", "actor")
    others = [record_id for record_id in dict.fromkeys(merged) if record_id != into]
    if not others:
        raise Refused(f"nothing to merge: name at least one {kind} other than {show(into)}")
    with editing(root) as change:
        files = Files(change)
        for record_id in [*others, into]:
            if not files.exists(kind, record_id):
                hint = (
                    f"; to merge into a new id, `stancediff rename {kind}` one of them first"
                    if record_id == into
                    else ""
                )
                raise Refused(f"no {kind} {show(record_id)}{hint}")
        dataset = read_dataset(root).dataset.complete_records()
        _refuse_conflicts(dataset, kind, [*others, into])
        if kind == "topic":
            moved = _point(files, "topic", set(others), into)
            topics = files.text(TOPICS_NAME)
            for record_id in others:
                topics.remove_item(topics.root, "topics", files.record("topic", record_id)[1])
        else:
            moved = _move_stances(files, dataset, others, into)
        files.finish()
        for record_id in others if kind == "actor" else ():
            change.remove(files.actor_file(record_id))
        return Merged(kind, tuple(others), into, moved, change.commit(sources_dir))


def _move_stances(files: Files, dataset: Dataset, others: list[str], into: str) -> int:
    """Append the stances of actors `others` to the file of `into`; point `part_of` at it; keep their names."""
    name = files.actor_file(into)
    data = files.change.read(name)
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3 if bom else 0 :].decode("utf-8")
    items = [
        record(spec.STANCE, stance_values(stance))
        for actor_id in others
        for stance in dataset.actor_ids[actor_id].stances
    ]
    after = append_items(text, "stances", items)
    check_appended(text, after, "stances", items)
    text, moved = after, len(items)
    files.replace(name, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    _point(files, "actor", set(others), into)
    target = files.text(name)
    if scalar_value(target.root, "part_of") in (*others, into):
        target.remove_key(target.root, "part_of")  # part of what it now is
    actor = dataset.actor_ids[into]
    names = list(actor.aliases)
    for actor_id in others:
        for other in (dataset.actor_ids[actor_id].name, *dataset.actor_ids[actor_id].aliases):
            if other != actor.name and other not in names:
                names.append(other)
    if names != list(actor.aliases):
        target.set_key(target.root, "aliases", names, spec.ACTOR)
    return moved


def _refuse_conflicts(dataset: Dataset, kind: str, ids: Sequence[str]) -> None:
    """`Refused`, listing them, if the merge would give one actor two stances on one topic and date."""
    wanted = set(ids)
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for stance in dataset.stances:
        if kind == "topic" and stance.topic in wanted:
            seen[(stance.actor, str(stance.date))].append(stance.topic)
        elif kind == "actor" and stance.actor in wanted:
            seen[(stance.topic, str(stance.date))].append(stance.actor)
    conflicts = [f"  {who} {date}: {', '.join(sides)}" for (who, date), sides in seen.items() if len(sides) > 1]
    if conflicts:
        what = (
            "actor two stances on one date (actor, date: topics)"
            if kind == "topic"
            else ("topic two stances from one date (topic, date: actors)")
        )
        listed = "\n".join(conflicts)
        raise Refused(
            f"the merge would give one {what}; remove or redate one of each first "
            f"(`stancediff rm stance`, `stancediff edit stance --new-date`); nothing was written:\n{listed}"
        )
