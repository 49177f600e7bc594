"""What every dataset check receives besides the dataset."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..format.archive import ArchiveFolder

MAX_QUOTED = 0.2  # the share of a source's words its quotes may reproduce, by default


@dataclass
class Context:
    today: datetime.date
    sources_dir: Path | None = None  # the folder of the archived source texts the user named (--sources-dir)
    archive: ArchiveFolder | None = None  # the archive the quotes are checked against (set by `check_reading`)
    # The share of a source's words its quotes may reproduce (--max-quoted); None: the dataset's
    # `max_quoted`, else MAX_QUOTED.
    max_quoted: float | None = None
    stats: Counter[str] = field(default_factory=Counter)  # counts for the summary, e.g. quotes_checked
