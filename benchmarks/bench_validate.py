"""Time `stancediff validate`, cold and warm, against a bare CSafeLoader load of the same files, with peak memory.

    python benchmarks/bench_validate.py [--rounds 5] [--dir DIR]

Generates the synthetic dataset (benchmarks/generate.py: 2,000 actor files x
25 stances, about 18 MB) into DIR unless it is there, then runs in fresh
processes, each round in this order:

- bare: read every YAML file and `yaml.load(..., Loader=yaml.CSafeLoader)` it;
- cold: `stancediff validate --no-cache --sources-dir ...` (line numbers,
  duplicate keys, every check, quotes compared with their archived sources);
- warm: one actor file edited (its summary changes each round), then
  `stancediff validate` with its cache (in a folder of the benchmark's own,
  filled by a run before the rounds): the run a user makes after an edit.

Each figure is the median over the rounds of the ratio to the bare load run
in the same round (a busy machine slows both alike), in wall time and in CPU
time (user and system, from wait4), with the largest peak resident memory.
The targets: cold at most 1.25x, warm at most 0.25x.
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

from generate import generate  # noqa: E402

BARE = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
TARGETS = {"cold": 1.25, "warm": 0.25}


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MiB of one fresh process, its output to a temporary file."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def edit(positions: Path, round_: int) -> None:
    """Change one actor file, as a user does between two runs."""
    path = sorted((positions / "actors").glob("*.yaml"))[len(list((positions / "actors").glob("*.yaml"))) // 2]
    text = path.read_text(encoding="utf-8")
    first = text.index("summary: ") + len("summary: ")
    path.write_text(f"{text[:first]}Edited {round_}. {text[first:]}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench")
    args = parser.parse_args()
    positions, sources = args.dir / "positions", args.dir / "sources"
    if not positions.is_dir():
        print(f"generating the dataset in {args.dir} ...", flush=True)
        generate(args.dir, actors=2000, stances=25)
    validate = [sys.executable, "-m", "stancediff", "validate", "--positions", str(positions)]
    validate += ["--sources-dir", str(sources), "--format", "json"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("STANCEDIFF_NO_CACHE", None)
        run(validate, env)  # fills the cache
        results: dict[str, list[tuple[float, float, float]]] = {"cold": [], "warm": []}
        bares = []
        for round_ in range(args.rounds):
            bare = run([sys.executable, "-c", BARE, str(positions)])
            bares.append(bare)
            results["cold"].append(run([*validate, "--no-cache"], env))
            edit(positions, round_)
            results["warm"].append(run(validate, env))
            print(f"round {round_ + 1}: bare {bare[0]:.2f} s", flush=True)
    print(
        f"{'bare CSafeLoader load':24} median {statistics.median(b[0] for b in bares):6.2f} s wall, "
        f"{statistics.median(b[1] for b in bares):6.2f} s CPU, peak {max(b[2] for b in bares):4.0f} MiB"
    )
    for name, runs in results.items():
        wall = [r[0] / b[0] for r, b in zip(runs, bares, strict=True)]
        cpu = [r[1] / b[1] for r, b in zip(runs, bares, strict=True)]
        verdict = "ok" if statistics.median(wall) <= TARGETS[name] else "OVER"
        print(
            f"validate {name:15} {statistics.median(wall):5.2f}x wall ({min(wall):.2f}-{max(wall):.2f}), "
            f"{statistics.median(cpu):5.2f}x CPU ({min(cpu):.2f}-{max(cpu):.2f}), "
            f"peak {max(r[2] for r in runs):4.0f} MiB  target {TARGETS[name]}x: {verdict}",
            flush=True,
        )


if __name__ == "__main__":
    main()
