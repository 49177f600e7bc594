"""Hostile inputs within the documented caps: each runs through the real CLI in a child
process and must end within a generous time and memory bound that any super-linear step,
or any step that holds more than it needs, would blow.

The inputs are `benchmarks/hostile.py`'s, which `benchmarks/bench_hostile.py` measures.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import PROJECT

sys.path.insert(0, str(PROJECT / "benchmarks"))
import hostile

SECONDS = 10.0
MIB = 1024.0
# A fixed piece of the work the cases do (NFKC of a ligature, libyaml reading a long list), and the CPU
# seconds it took on the project's machine at an ordinary moment.
CALIBRATION = (
    "import unicodedata, yaml; unicodedata.normalize('NFKC', '\\ufdfa' * 262_144); "
    "yaml.load('a: [' + '1, ' * 100_000 + '1]', Loader=yaml.CSafeLoader)"
)
CALIBRATION_SECONDS = 1.2

pytestmark = pytest.mark.slow


@functools.cache
def slowness() -> float:
    """How much slower than usual this machine runs now (at least 1): the CPU time of `CALIBRATION`, the
    lesser of two runs, against `CALIBRATION_SECONDS`. The same machine's CPU seconds for the same work have
    varied by 1.6x over a day (other work shares its caches and clock); the bounds stretch with it."""
    runs = [hostile.measure([], program=[sys.executable, "-c", CALIBRATION]) for _ in range(2)]
    assert all(code == "0" for *_, code in runs), runs
    return max(1.0, min(cpu for _, cpu, _, _ in runs) / CALIBRATION_SECONDS)


def bounded(args: list[str], seconds: float = SECONDS, mib: float = MIB, **how: Any) -> str:
    """Run `stancediff ARGS` (`how`: as `hostile.measure`); assert it ends within `seconds` of CPU time (and
    three times that of wall time) under `mib` of peak memory; its exit status. The times stretch by
    `slowness()`.

    CPU time, not wall time: these machines are shared, and a busy neighbour doubled the wall time of a run
    whose own work did not change. A quadratic case takes minutes either way."""
    seconds *= slowness()
    took, cpu, peak, code = hostile.measure(args, timeout=seconds * 3, **how)
    assert code != "timeout" and cpu < seconds, f"took {cpu:.1f} s of CPU ({took:.1f} s; bound {seconds:.1f} s)"
    assert peak < mib, f"peak memory {peak:.0f} MiB"
    return code


@pytest.mark.parametrize(
    "make",
    [
        hostile.integer_tags,
        hostile.integer_keys,
        hostile.long_quote,
        hostile.misspelt_topics,
        hostile.shared_source,
        hostile.nfkc_expansion,
        hostile.empty_items,
        hostile.node_cap_items,
        hostile.base_60,
    ],
    ids=lambda make: make.__name__,
)
def test_validate_is_bounded(tmp_path: Path, make: Callable[[Path], list[str]]) -> None:
    assert bounded(make(tmp_path)) in ("0", "1")


def test_shared_source_is_read_once(tmp_path: Path) -> None:
    # 100 sources naming one 19 MB file: one copy of its text, not a hundred.
    assert bounded(hostile.shared_source(tmp_path), mib=400) == "0"


def test_changes_never_reads_a_blob_past_the_cap(tmp_path: Path) -> None:
    # 300 MB of one byte: the old reader held it all before checking its size. The file is
    # reported too large, so unreadable: exit status 1.
    assert bounded(hostile.large_blob(tmp_path, size=300 * 1024 * 1024), mib=200) == "1"


def test_completion_is_bounded(tmp_path: Path) -> None:
    # Completion reads the actors' names on each TAB: a base-60 name used to take minutes there too.
    args = hostile.base_60(tmp_path)
    completing = {"_STANCEDIFF_COMPLETE": "bash_complete", "COMP_WORDS": "stancediff show ", "COMP_CWORD": "2"}
    positions = {"STANCEDIFF_POSITIONS": args[args.index("--positions") + 1]}
    script = str(Path(sys.executable).with_name("stancediff"))
    assert bounded([], env={**completing, **positions}, program=[script]) == "0"


def test_search_is_linear_in_the_items_of_a_list(tmp_path: Path) -> None:
    # 2,000 matching aliases (40 KB) took minutes: each was looked for in the whole list.
    assert bounded(hostile.matching_aliases(tmp_path), seconds=5) == "0"


def test_absent_quotes_are_looked_up_in_an_index_of_their_source(tmp_path: Path) -> None:
    # 3,000 quotes absent from a 17 MB text: each scanned the whole text (15 s and more).
    assert bounded(hostile.absent_quotes(tmp_path)) == "1"


def test_archived_texts_are_held_one_at_a_time(tmp_path: Path) -> None:
    # Six texts that NFKC lengthens eighteen-fold were all held at once (1 GB reported for 6 MB
    # texts). Six 3 MB ones, each 18 million characters (36 MB) normalised: one at a time the peak
    # was 154 MiB here; all six held would add 180 MB. NFKC itself takes its time: 2 s a text.
    assert bounded(hostile.expanding_sources(tmp_path), seconds=60, mib=250) == "0"
