"""Where each record stands in the files of a dataset, for the commands that change records in place.

    files = Files(change)                        # over a `change.Change`
    topics = files.text("topics.yaml")           # a `spans.Text`, edited in place
    node = files.topic("huawei-in-5g")           # its mapping node in topics.yaml
    files.finish()                               # every edited text handed to the change

The records are found in the text as it is composed (`spans.compose`) (not in the
loaded model), so that an edit lands on the very bytes that hold them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from yaml.nodes import MappingNode

from ..errors import Refused
from ..format import spec
from ..format.dataset import ACTOR_SUFFIXES, SOURCES_NAME, TOPICS_NAME, is_actor_file
from ..format.model import PartialDate, Stance
from ..problems import show
from .change import Change
from .spans import Text, scalar_value

KINDS = ("topic", "actor", "source")


@dataclass(frozen=True)
class StanceAt:
    """A stance found in its actor's file."""

    name: str  # the file, "actors/us.yaml"
    actor: str
    node: MappingNode
    topic: str
    date: str


class Files:
    """The texts of a dataset's files, opened once each through a `Change`, and the records in them."""

    def __init__(self, change: Change) -> None:
        self.change = change
        self.root = change.root
        self._texts: dict[str, Text] = {}

    def text(self, name: str) -> Text:
        if name not in self._texts:
            self._texts[name] = Text.of(self.change.read(name), str(self.root / name))
        return self._texts[name]

    def replace(self, name: str, data: bytes) -> None:
        """Start the text of `name` anew from `data` (before any edit of it)."""
        if name in self._texts and self._texts[name].bytes() != self.change.read(name):
            raise Refused(f"{self.root / name} was edited already; make the changes one at a time")
        self._texts[name] = Text.of(data, str(self.root / name))

    def finish(self) -> None:
        """Hand every text that was edited to the change (a file renamed or removed is left to the caller)."""
        for name, text in self._texts.items():
            if name in self.change.removes:
                continue
            data = text.bytes()
            if data != self.change.before.get(name):
                self.change.write(name, data)

    # --- the files ---

    def actor_names(self) -> list[str]:
        """The actor files, as the loader reads them ("actors/us.yaml"), in order."""
        folder = self.root / "actors"
        if not folder.is_dir():
            return []
        return [f"actors/{path.name}" for path in sorted(folder.iterdir()) if is_actor_file(path.name)]

    def actor_file(self, actor_id: str) -> str:
        """The file of actor `actor_id`; `Refused` if there is none."""
        for suffix in ACTOR_SUFFIXES:
            name = f"actors/{actor_id}{suffix}"
            if (self.root / name).is_file():
                return name
        raise Refused(f"no actor {show(actor_id)}: there is no actors/{actor_id}.yaml")

    # --- the records ---

    def record(self, kind: str, record_id: str) -> tuple[str, MappingNode]:
        """The file and node of the topic, source or actor `record_id`; `Refused` if there is none."""
        if kind == "actor":
            name = self.actor_file(record_id)
            return name, self.text(name).root
        name = TOPICS_NAME if kind == "topic" else SOURCES_NAME
        for node in self.text(name).items(f"{kind}s"):
            if scalar_value(node, "id") == record_id:
                return name, node
        raise Refused(f"no {kind} {show(record_id)} in {name}")

    def exists(self, kind: str, record_id: str) -> bool:
        try:
            self.record(kind, record_id)
        except Refused:
            return False
        return True

    def stances(self, actor_id: str | None = None) -> Iterator[StanceAt]:
        """Every stance (of one actor, or of all), in file order."""
        names = [self.actor_file(actor_id)] if actor_id is not None else self.actor_names()
        for name in names:
            text = self.text(name)
            owner = scalar_value(text.root, "id") or ""
            for node in text.items("stances"):
                yield StanceAt(name, owner, node, scalar_value(node, "topic") or "", scalar_value(node, "date") or "")

    def stance(self, actor_id: str, topic: str, date: PartialDate | None) -> StanceAt:
        """The actor's stance on `topic` (on `date`, where given); `Refused` if none, or several without a date."""
        found = [s for s in self.stances(actor_id) if s.topic == topic and (date is None or same_date(s.date, date))]
        if not found:
            when = f" dated {date}" if date is not None else ""
            raise Refused(f"actor {show(actor_id)} has no stance on {show(topic)}{when}")
        if len(found) > 1:
            dates = ", ".join(s.date for s in found)
            raise Refused(
                f"actor {show(actor_id)} has {len(found)} stances on {show(topic)} ({dates}); say which with --date"
            )
        return found[0]


def same_date(text: str, date: PartialDate) -> bool:
    return PartialDate.parse(text) == date


def stance_values(stance: Stance) -> dict[str, Any]:
    """A loaded stance's values as `add.record` takes them (dates as text, evidence as mappings)."""
    values: dict[str, Any] = {}
    for field in spec.STANCE.fields:
        value = getattr(stance, field.name)
        if field.kind is spec.Kind.DATE:
            value = str(value)
        elif field.kind is spec.Kind.RECORDS:
            value = [{"source": e.source, "quote": DoubleQuotedScalarString(e.quote)} for e in value]
        values[field.name] = value
    return values


def evidence_items(entries: Any) -> list[dict[str, Any]]:
    """Evidence entries as a file holds them: each quote double-quoted, as `add` writes it."""
    return [{"source": e["source"], "quote": DoubleQuotedScalarString(e["quote"])} for e in entries]


def values_given(values: Mapping[str, Any]) -> dict[str, Any]:
    """The options given a value (click passes None, or () for a list left out)."""
    return {k: v for k, v in values.items() if v is not None and v != ()}
