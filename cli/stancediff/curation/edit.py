"""`stancediff edit`: change keys of a stance, topic, source or actor in place.

Each key given is set where it stands (a scalar is rewritten in its own
quoting style), added after the keys that come before it in the format's
order when it was absent, or removed with `unset`; nothing else in the file
changes. The id is not edited here (`stancediff rename` follows references);
a stance is found by its actor, topic and, where the actor has several on the
topic, date, and `new_topic`/`new_date` move it. Evidence given replaces the
stance's evidence, its quotes checked against the archive as `add` checks
them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode

from ..errors import Refused
from ..format import spec
from ..format.model import PartialDate
from .add import record
from .change import editing
from .records import Files, evidence_items
from .spans import Text

RECORDS = {"topic": spec.TOPIC, "source": spec.SOURCE, "actor": spec.ACTOR, "stance": spec.STANCE}
FIXED = {"topic": ("id",), "source": ("id", "file", "sha256"), "actor": ("id", "stances"), "stance": ()}


def editable(kind: str) -> list[spec.Field]:
    """The keys `edit` sets for a kind of record: every key but its id (and a source's archived file)."""
    return [f for f in RECORDS[kind].fields if f.name not in FIXED[kind]]


def edit_record(root: Path, kind: str, record_id: str, values: Mapping[str, Any], unset: Iterable[str] = ()) -> Path:
    """Set `values` and remove the keys `unset` of the topic, source or actor `record_id`; the file changed."""
    with editing(root) as change:
        files = Files(change)
        name, node = files.record(kind, record_id)
        _apply(files.text(name), node, RECORDS[kind], values, unset)
        files.finish()
        return _committed(change.commit(None))


def edit_stance(
    root: Path,
    actor_id: str,
    topic: str,
    date: PartialDate | None,
    values: Mapping[str, Any],
    unset: Iterable[str] = (),
    sources_dir: Path | None = None,
) -> Path:
    """Set `values` (`topic` and `date` move it) and remove `unset` on the actor's stance; the file changed."""
    with editing(root) as change:
        files = Files(change)
        stance = files.stance(actor_id, topic, date)
        values = dict(values)
        if "evidence" in values:
            values["evidence"] = evidence_items(values["evidence"])
        _apply(files.text(stance.name), stance.node, spec.STANCE, values, unset)
        files.finish()
        return _committed(change.commit(sources_dir))


def _apply(text: Text, node: MappingNode, kind: spec.Record, values: Mapping[str, Any], unset: Iterable[str]) -> None:
    for name in unset:
        field = kind.by_name.get(name)
        if field is None or field.required:
            raise Refused(f"`{name}` is {'required' if field else 'not a key of a ' + kind.name}; it cannot be unset")
        text.remove_key(node, name)
    built = record(kind, values)
    if not built and not unset:
        raise Refused("nothing to change: give a key to set (see --help)")
    for name, value in built.items():
        if name in unset:
            raise Refused(f"`{name}` is both set and unset; give one")
        text.set_key(node, name, value, kind)


def _committed(files: tuple[Path, ...]) -> Path:
    if not files:
        raise Refused("the values given are those the record has; nothing was written")
    return files[0]
