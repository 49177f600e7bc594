"""Time `stancediff report` against a bare CSafeLoader load of the same files, with peak memory.

    python benchmarks/bench_report.py [--rounds 5] [--dir DIR]

The dataset is benchmarks/generate.py's (2,000 actor files x 25 stances,
about 18 MB), generated into DIR unless it is there. Each round runs, in fresh
processes, the bare load (every YAML file through `yaml.load(...,
Loader=yaml.CSafeLoader)`) and `stancediff report -o FILE`, and records the
wall time and the peak resident memory of each. It prints the best and median
of each and the ratio of the best times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import BARE  # noqa: E402
from generate import generate  # noqa: E402


def measured(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command} exited {process.returncode}")
    return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench")
    args = parser.parse_args()
    positions = args.dir / "positions"
    if not positions.is_dir():
        print(f"generating the dataset in {args.dir} ...", flush=True)
        generate(args.dir, actors=2000, stances=25)
    out = args.dir / "report.html"
    commands = {
        "bare CSafeLoader load": [sys.executable, "-c", BARE, str(positions)],
        "stancediff report": [
            sys.executable,
            "-c",
            "from stancediff.cli import run; run()",
            "report",
            "--positions",
            str(positions),
            "-o",
            str(out),
        ],
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            results[name].append(measured(command))
    for name, runs in results.items():
        times = [t for t, _ in runs]
        peak = max(m for _, m in runs)
        print(f"{name:24} best {min(times):6.2f}s  median {statistics.median(times):6.2f}s  peak {peak:6.0f} MiB")
    bare, ours = (min(t for t, _ in runs) for runs in results.values())
    print(f"ratio (best report / best bare load): {ours / bare:.2f}x; the page: {out.stat().st_size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
