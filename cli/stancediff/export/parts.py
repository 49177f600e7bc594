"""A dataset read and checked a part at a time, for exports that write a part at a time (Parquet).

Reading a dataset whole costs about 3.4 KiB a stance (each record keeps the
line and column of every value, for the checks); a million stances would
take 3.9 GiB. `checked_parts` reads the actor files `PART_FILES` at a time,
each part with topics.yaml and sources.yaml, and checks it as `validate`
does, so that memory holds one part. The checks that look across actor
files are run on the whole: the actors without their stances (`part_of`
references and cycles, duplicate actor ids). The one check left out of the
parts is `unused` (warnings only, and whole-dataset by nature).

At the first error, `Invalid` is raised: the export stops, writes nothing,
and the caller reads the dataset whole for `validate`'s exact report. A
dataset without errors is never read whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysis.select import filter_stances
from ..checks import NAMES, check
from ..checks.base import Context
from ..checks.validate import check_reading
from ..format.dataset import actor_files, read_dataset
from ..format.model import Actor, Dataset, PartialDate

PART_FILES = 1_000  # actor files read, checked and written at a time
ACROSS_FILES = ("unknown-actor", "part-of-cycle")  # references a part cannot judge: checked on the whole
IN_PARTS = tuple(name for name in NAMES if name not in ("references", "unused"))


class Invalid(Exception):
    """The dataset has errors: nothing may be exported."""


@dataclass
class Tally:
    """What the parts held, for the export's report."""

    files: int = 0
    actors: int = 0
    stances: int = 0
    quotes: int = 0


def checked_parts(root: Path, context: Context, as_of: PartialDate | None, tally: Tally) -> Iterator[Dataset]:
    """The dataset in `root` a part at a time, each checked, its stances those dated up to `as_of`.

    Raises `Invalid` at the first error found, in a part or, after the last, across them.
    """
    names = actor_files(root)
    stubs: list[Actor] = []  # every actor without its stances, for the checks across files
    bare: Dataset | None = None  # topics and sources, without actors
    for start in range(0, max(len(names), 1), PART_FILES):
        reading = read_dataset(root, actors=names[start : start + PART_FILES])
        dataset = reading.dataset
        report = check_reading(reading, context, only=IN_PARTS)
        found = [p for p in check("references", dataset, context) if p.code not in ACROSS_FILES]
        if report.counts.errors or any(p.severity == "error" for p in found):
            raise Invalid
        tally.files += reading.files if start == 0 else len(names[start : start + PART_FILES])
        tally.actors += len(dataset.actors)
        tally.stances += len(dataset.stances)
        tally.quotes += sum(len(stance.evidence) for stance in dataset.stances)
        stubs += [replace(actor, stances=()) for actor in dataset.actors]
        bare = bare or replace(dataset, actors=())
        part = filter_stances(dataset, until=as_of)
        del reading, dataset, report, found  # so that only one part is held while the next is read
        yield part
        del part
    assert bare is not None
    actors = replace(bare, actors=tuple(stubs))
    across = [*check("references", actors, context), *check("uniqueness", actors, context)]
    if any(p.severity == "error" for p in across):
        raise Invalid
