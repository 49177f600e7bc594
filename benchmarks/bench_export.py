"""Time `stancediff export` against a bare CSafeLoader load of the same files, with peak memory.

    python benchmarks/bench_export.py [--rounds 5] [--dir DIR] [--formats sqlite,csv]

Generates the synthetic dataset of bench_validate.py (benchmarks/generate.py:
2,000 actor files x 25 stances) into DIR unless it is there, then runs,
alternating, each in a fresh process:

- bare: read every YAML file and `yaml.load(..., Loader=yaml.CSafeLoader)` it;
- `stancediff validate` (without quotes), for reference: what every export
  does before it writes;
- one `stancediff export --format F -o FILE` per format (the dataset checked
  as `validate` checks it, without quotes, then written), each into a new file.

It prints, for each, the best and median wall time, the best CPU time (user
and system, of the process: what other load on the machine disturbs least)
and the largest peak resident memory; then each one's ratio to the bare load,
of the best wall times and of the best CPU times.
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


def measured(command: list[str]) -> tuple[float, float, float]:
    """Wall time and CPU time in seconds, and peak resident memory in MiB, of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench")
    parser.add_argument("--formats", default="sqlite,csv")
    args = parser.parse_args()
    positions = args.dir / "positions"
    if not positions.is_dir():
        print(f"generating the dataset in {args.dir} ...", flush=True)
        generate(args.dir, actors=2000, stances=25)
    with tempfile.TemporaryDirectory() as out:
        stancediff = (sys.executable, "-m", "stancediff")
        commands = {
            "bare CSafeLoader load": lambda n: [sys.executable, "-c", BARE, str(positions)],
            "validate": lambda n: [
                *stancediff,
                "validate",
                "--no-cache",
                "--positions",
                str(positions),
                "--format",
                "json",
            ],
        }
        for format_ in args.formats.split(","):
            commands[f"export {format_}"] = lambda n, f=format_: [
                *(*stancediff, "export", "--positions", str(positions)),
                *("--format", f, "-o", str(Path(out) / f"{f}-{n}")),
            ]
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for round_ in range(args.rounds):
            for name, command in commands.items():
                runs[name].append(measured(command(round_)))
    for name, values in runs.items():
        wall, cpu, peak = ([value[i] for value in values] for i in range(3))
        print(
            f"{name:24} wall best {min(wall):6.2f}s median {statistics.median(wall):6.2f}s"
            f"  cpu best {min(cpu):6.2f}s  peak {max(peak):5.0f} MiB"
        )
    bare_wall, bare_cpu = (min(value[i] for value in runs["bare CSafeLoader load"]) for i in range(2))
    for name, values in list(runs.items())[1:]:
        wall, cpu = (min(value[i] for value in values) for i in range(2))
        print(f"{name:24} / bare load: wall {wall / bare_wall:.2f}x, cpu {cpu / bare_cpu:.2f}x")


if __name__ == "__main__":
    main()
