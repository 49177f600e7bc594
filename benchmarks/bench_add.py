"""Time `stancediff add stance` on a large actor file against `validate` and a bare CSafeLoader load.

    python benchmarks/bench_add.py [--rounds 5] [--dir DIR] [--stances 3600]

Generates (benchmarks/generate.py) a dataset of one actor file of 3,600
stances over 1,200 topics (about 1.3 MB) beside 20 actor files of 25 stances,
with 200 sources and their archived texts (quoted at will: `max_quoted: 1`),
into DIR unless it is there: valid, without a warning. Then,
in fresh processes, side by side in each round:

- bare: read every YAML file and `yaml.load(..., Loader=yaml.CSafeLoader)` it;
- validate: `stancediff validate --no-cache --sources-dir ...` (cold: it reads every file, as `add` does);
- add: `stancediff add stance` of one stance to the large file, its quote
  checked against its archived source (the file is put back before each round).

It prints the best and median wall and CPU time (user and system) and the peak
resident memory of each, and the ratios of the bests: add / validate (the
target is 2x) and each / bare. On a busy machine the CPU times are the ones
to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate, write_actor, write_sources, write_topics  # noqa: E402

BARE = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
BIG = "actor-big"


def make(out: Path, stances: int, topics: int = 1200) -> None:
    """The dataset: `generate`'s 20 small actors, then one of `stances` stances over `topics` topics."""
    generate(out, actors=20, stances=25, topics=topics)
    rng = random.Random(2019)  # as `generate` draws them: the same topics and sources again
    write_topics(out, rng, topics)
    sources = write_sources(out, rng)
    write_actor(out / "positions" / "actors" / f"{BIG}.yaml", BIG, stances, topics, rng, sources)
    path = out / "positions" / "sources.yaml"
    path.write_text("max_quoted: 1\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident MiB of one fresh process, which must
    succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{error.decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--stances", type=int, default=3600)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench-add")
    args = parser.parse_args()
    positions, sources = args.dir / "positions", args.dir / "sources"
    if not positions.is_dir():
        print(f"generating the dataset in {args.dir} ...", flush=True)
        make(args.dir, args.stances)
    big = positions / "actors" / f"{BIG}.yaml"
    original = big.read_bytes()
    quote = (sources / "source-0000.txt").read_text(encoding="utf-8").split(". ")[0] + "."
    stancediff = [sys.executable, "-m", "stancediff"]
    where = ["--positions", str(positions), "--sources-dir", str(sources)]
    commands = {
        "bare CSafeLoader load": [sys.executable, "-c", BARE, str(positions)],
        "stancediff validate": [*stancediff, "validate", "--no-cache", *where, "--format", "json"],
        "stancediff add stance": [
            *stancediff, "add", "stance", BIG, "--topic", "topic-000", "--position", "oppose",
            "--date", "2019-01-01", "--basis", "stated", "--summary", "A stance added by the benchmark.",
            "--evidence", "source-0000", quote, *where,
        ],
    }  # fmt: skip
    print(f"{big.name}: {len(original):,} bytes; {sum(1 for _ in positions.rglob('*.yaml'))} YAML files", flush=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    try:
        for _ in range(args.rounds):
            big.write_bytes(original)
            for name, command in commands.items():
                elapsed, seconds, peak = run(command)
                times[name].append(elapsed)
                cpu[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
            assert big.read_bytes() != original, "add wrote nothing"
    finally:
        big.write_bytes(original)
    for name, values in times.items():
        print(
            f"{name:24} wall best {min(values):6.2f} s, median {statistics.median(values):6.2f} s; "
            f"CPU best {min(cpu[name]):6.2f} s, median {statistics.median(cpu[name]):6.2f} s; "
            f"peak {peaks[name]:5.0f} MiB"
        )
    for label, measured in (("wall", times), ("CPU", cpu)):
        bare, validate, add = (min(values) for values in measured.values())
        print(
            f"{label}: add / validate {add / validate:.2f}x, validate / bare {validate / bare:.2f}x, "
            f"add / bare {add / bare:.2f}x"
        )


if __name__ == "__main__":
    main()
