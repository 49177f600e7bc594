"""Export a synthetic dataset of one million stances as a Parquet lake, with wall time, CPU time and peak memory.

    python benchmarks/bench_parquet.py [--dir DIR] [--actors 40000] [--stances 25]

Generates the dataset (benchmarks/generate.py: 40,000 actor files x 25
stances over 40 topics, about 340 MB of YAML) into DIR unless it is there,
then runs, each in a fresh process: a bare CSafeLoader load of the same
files, and `stancediff export --format parquet -o LAKE` (the dataset read,
checked as `validate` checks it without quotes, and written). The target is
a peak under 1 GiB.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_export import measured  # noqa: E402
from bench_validate import BARE  # noqa: E402
from generate import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench-1m")
    parser.add_argument("--actors", type=int, default=40_000)
    parser.add_argument("--stances", type=int, default=25)
    parser.add_argument("--no-bare", action="store_true", help="Leave out the bare load (it takes as long).")
    args = parser.parse_args()
    positions = args.dir / "positions"
    if not positions.is_dir():
        print(f"generating {args.actors * args.stances:,} stances in {args.dir} ...", flush=True)
        generate(args.dir, actors=args.actors, stances=args.stances)
    lake = args.dir / "lake"
    shutil.rmtree(lake, ignore_errors=True)
    commands = {
        "bare CSafeLoader load": [sys.executable, "-c", BARE, str(positions)],
        "export --format parquet": [
            *(sys.executable, "-m", "stancediff", "export", "--positions", str(positions)),
            *("--format", "parquet", "-o", str(lake)),
        ],
    }
    if args.no_bare:
        del commands["bare CSafeLoader load"]
    for name, command in commands.items():
        wall, cpu, peak = measured(command)
        print(f"{name:24} wall {wall:7.1f}s  cpu {cpu:7.1f}s  peak {peak:6.0f} MiB", flush=True)
    size = sum(path.stat().st_size for path in lake.rglob("*") if path.is_file())
    print(f"lake: {size / 2**20:.0f} MiB in {sum(1 for _ in lake.rglob('*.parquet'))} files")


if __name__ == "__main__":
    main()
