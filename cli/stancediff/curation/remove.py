"""`stancediff rm`: remove a stance, topic, source or actor, never leaving a reference to nothing.

A topic that stances are on, a source that evidence cites and an actor that
others are `part_of` are refused, each referrer named, unless `cascade`:
then the stances on the topic go too; the evidence entries citing the source
go, and a stance left with none goes; the `part_of` keys naming the actor go
(the actors themselves stay). Each removal takes the record's lines and
nothing else (an emptied list becomes `[]`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Refused
from ..format.dataset import SOURCES_NAME, TOPICS_NAME
from ..format.model import PartialDate
from ..problems import show
from .change import editing
from .records import Files, StanceAt
from .spans import scalar_value


@dataclass(frozen=True)
class Removed:
    kind: str
    id: str
    also: tuple[str, ...]  # what went with it ("stance us huawei-in-5g 2019-05"), with `cascade`
    files: tuple[Path, ...]


def remove_stance(root: Path, actor_id: str, topic: str, date: PartialDate | None) -> Removed:
    with editing(root) as change:
        files = Files(change)
        stance = files.stance(actor_id, topic, date)
        text = files.text(stance.name)
        text.remove_item(text.root, "stances", stance.node)
        files.finish()
        return Removed("stance", f"{actor_id} {topic} {stance.date}", (), change.commit(None))


def remove_record(root: Path, kind: str, record_id: str, cascade: bool = False) -> Removed:
    """Remove the topic, source or actor `record_id`; referrers refuse it, or go too with `cascade`."""
    with editing(root) as change:
        files = Files(change)
        name, node = files.record(kind, record_id)
        also = {"topic": _stances_on, "source": _evidence_citing, "actor": _parts_of}[kind](files, record_id, cascade)
        if also and not cascade:
            listed = "\n".join(f"  {line}" for line in also)
            raise Refused(
                f"{kind} {show(record_id)} is referred to by what is listed below; remove those first, "
                f"or pass --cascade to remove them with it; nothing was written:\n{listed}"
            )
        if kind == "actor":
            files.finish()
            change.remove(name)
        else:
            owner = files.text(TOPICS_NAME if kind == "topic" else SOURCES_NAME)
            owner.remove_item(owner.root, f"{kind}s", node)
            files.finish()
        return Removed(kind, record_id, tuple(also), change.commit(None))


def _stances_on(files: Files, topic: str, cascade: bool) -> list[str]:
    found = [s for s in files.stances() if s.topic == topic]
    if cascade:
        for stance in found:
            _drop(files, stance)
    return [f"stance {s.actor} {s.topic} {s.date} ({s.name}:{s.node.start_mark.line + 1})" for s in found]


def _evidence_citing(files: Files, source: str, cascade: bool) -> list[str]:
    listed = []
    for stance in files.stances():
        text = files.text(stance.name)
        entries = text.items("evidence", stance.node)
        citing = [e for e in entries if scalar_value(e, "source") == source]
        if not citing:
            continue
        where = f"{stance.actor} {stance.topic} {stance.date} ({stance.name}:{stance.node.start_mark.line + 1})"
        if len(citing) == len(entries):
            listed.append(f"stance {where}: all its evidence")
            if cascade:
                _drop(files, stance)
            continue
        listed.append(f"evidence of stance {where}: {len(citing)} of {len(entries)} entries")
        if cascade:
            for entry in citing:
                text.remove_item(stance.node, "evidence", entry)
    return listed


def _parts_of(files: Files, actor_id: str, cascade: bool) -> list[str]:
    listed = []
    for name in files.actor_names():
        text = files.text(name)
        if scalar_value(text.root, "part_of") == actor_id and scalar_value(text.root, "id") != actor_id:
            listed.append(f"part_of of actor {scalar_value(text.root, 'id')} ({name})")
            if cascade:
                text.remove_key(text.root, "part_of")
    return listed


def _drop(files: Files, stance: StanceAt) -> None:
    text = files.text(stance.name)
    text.remove_item(text.root, "stances", stance.node)
