"""Time `stancediff validate` against a bare CSafeLoader load of the same files.

    python benchmarks/bench_validate.py [--rounds 5] [--dir DIR]

Generates the synthetic dataset (benchmarks/generate.py: 2,000 actor files x
25 stances, about 18 MB) into DIR unless it is there, then runs, alternating,
in fresh processes:

- bare: read every YAML file and `yaml.load(..., Loader=yaml.CSafeLoader)` it;
- validate: `stancediff validate --sources-dir ...` (line numbers, duplicate
  keys, every check, quotes compared with their archived sources).

It prints the best and median wall time of each and the ratio of the bests;
both run side by side in one run, so the ratio holds on a noisy machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

BARE = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench")
    args = parser.parse_args()
    positions, sources = args.dir / "positions", args.dir / "sources"
    if not positions.is_dir():
        print(f"generating the dataset in {args.dir} ...", flush=True)
        generate(args.dir, actors=2000, stances=25)
    commands = {
        "bare CSafeLoader load": [sys.executable, "-c", BARE, str(positions)],
        "stancediff validate": [
            sys.executable,
            "-m",
            "stancediff",
            "validate",
            "--positions",
            str(positions),
            "--sources-dir",
            str(sources),
            "--format",
            "json",
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            times[name].append(timed(command))
    for name, values in times.items():
        print(f"{name:24} best {min(values):6.2f}s  median {statistics.median(values):6.2f}s")
    bare, ours = (min(values) for values in times.values())
    print(f"ratio (best validate / best bare load): {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
