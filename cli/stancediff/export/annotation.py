"""W3C Web Annotation: every quote as an annotation anchored in its source's archived text (docs/exports.md).

One JSON-LD `AnnotationCollection` (W3C Web Annotation Data Model, 2017)
whose one page holds an `Annotation` per evidence entry, in file order:

- `target`: the source (`source` its url, else `urn:stancediff:source:ID`;
  `sha256` the digest of the archived file), with a `TextQuoteSelector`
  (`exact` as the archived text has it, `prefix` and `suffix` up to 32
  characters) and a `TextPositionSelector` (`start`, `end` in code points
  of the archived text as decoded from UTF-8, a byte order mark not
  counted), both from `analysis.anchors`. A quote whose source has no
  archived text gets a `TextQuoteSelector` of the quote alone.
- `body`: a `TextualBody` saying who takes which position on what, and the
  stance itself (`urn:stancediff:stance:STANCE-ID`) with its actor, topic,
  position, value on the scale (`scaleValue`), date and basis, in stancediff's terms, which the
  document's context maps to IRIs so that nothing is lost in expansion.

Texts are read through the archive (`checks.quotes.ArchivedTexts`), one source
at a time, and dropped once its quotes are anchored.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..analysis.anchors import Anchors
from ..checks.quotes import ArchivedTexts
from ..errors import StancediffError
from ..format.archive import ArchiveFolder
from ..format.model import Dataset, Evidence, PartialDate, Source, Stance, stance_id

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
VOCABULARY = "urn:stancediff:vocab#"
# Not `value`, which is the anno context's rdf:value, the text of a TextualBody.
TERMS = ("actor", "actorName", "topic", "topicTitle", "position", "scaleValue", "date", "basis", "sha256")
CONTEXT: list[Any] = [
    ANNO_CONTEXT,
    {"stancediff": VOCABULARY, "Stance": "stancediff:Stance", **{term: f"stancediff:{term}" for term in TERMS}},
]


def annotation_document(dataset: Dataset, as_of: PartialDate | None, archive: ArchiveFolder | None) -> dict[str, Any]:
    """The collection of every quote's annotation (see the module's docstring)."""
    reader = ArchivedTexts(archive) if archive is not None and archive.path is not None else None
    entries: dict[str, list[tuple[int, int, Stance, Evidence]]] = {}  # by source id; (file order, nth of its stance)
    quotes = ((s, n, e) for s in dataset.stances for n, e in enumerate(s.evidence, start=1))
    for number, (stance, nth, evidence) in enumerate(quotes):
        entries.setdefault(evidence.source, []).append((number, nth, stance, evidence))
    made: list[tuple[int, dict[str, Any]]] = []
    for source_id, cited in entries.items():
        source = dataset.source_ids[source_id]
        read = reader.original(source) if reader is not None and source.file is not None else None
        if source.file is not None and read is None:
            raise StancediffError(
                f"the archived text of source {source_id} ({source.file}) cannot be read; "
                "name the archive in sources.yaml (`archive:`) or pass --sources-dir"
            )
        anchors = Anchors.of(read[0]) if read is not None else None
        if read is not None and anchors is None:
            raise StancediffError(f"the archived text of source {source_id} cannot be mapped to code points")
        for number, nth, stance, evidence in cited:
            target = _target(source, evidence, anchors, read[1] if read else None)
            made.append((number, _annotation(dataset, nth, stance, evidence, target)))
    items = [annotation for _, annotation in sorted(made, key=lambda pair: pair[0])]
    stood = "" if as_of is None else f", as it stood on {as_of}"
    return {
        "@context": CONTEXT,
        "id": "urn:stancediff:annotations",
        "type": "AnnotationCollection",
        "label": f"The quotes of a stancediff dataset, anchored in their sources{stood}",
        "total": len(items),
        "first": {"id": "urn:stancediff:annotations:page:1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _target(source: Source, evidence: Evidence, anchors: Anchors | None, digest: str | None) -> dict[str, Any]:
    target: dict[str, Any] = {"type": "SpecificResource", "source": source.url or f"urn:stancediff:source:{source.id}"}
    if digest is not None:
        target["sha256"] = digest
    anchor = anchors.find(evidence.quote) if anchors is not None else None
    if anchors is not None and anchor is None:
        raise StancediffError(f"a quote of source {source.id} is not in its archived text; run `stancediff validate`")
    if anchor is None:
        target["selector"] = {"type": "TextQuoteSelector", "exact": evidence.quote}
    else:
        target["selector"] = [
            {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix},
            {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        ]
    return target


def _annotation(dataset: Dataset, nth: int, stance: Stance, evidence: Evidence, target: dict) -> dict[str, Any]:
    """The annotation of the `nth` quote (from 1) of `stance`: `urn:stancediff:annotation:STANCE-ID:N`."""
    identifier = stance_id(stance.actor, stance.topic, stance.date)
    actor = dataset.actor_ids[stance.actor]
    topic = dataset.topic_ids[stance.topic]
    sentence = f"{actor.name}: {stance.position} on {topic.title!r} ({stance.date}, {stance.basis}). {stance.summary}"
    return {
        "id": f"urn:stancediff:annotation:{identifier}:{nth}",
        "type": "Annotation",
        "motivation": "classifying",
        "body": [
            {"type": "TextualBody", "value": sentence, "format": "text/plain", "purpose": "describing"},
            {
                "id": f"urn:stancediff:stance:{identifier}",
                "type": "Stance",
                "actor": stance.actor,
                "actorName": actor.name,
                "topic": stance.topic,
                "topicTitle": topic.title,
                "position": stance.position,
                "scaleValue": stance.value,
                "date": str(stance.date),
                "basis": stance.basis,
            },
        ],
        "target": target,
    }


def write_annotations(
    dataset: Dataset, as_of: PartialDate | None, stream: TextIO, archive: ArchiveFolder | None = None
) -> None:
    json.dump(annotation_document(dataset, as_of, archive), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
