"""Time every analytic view against a bare CSafeLoader load of the same files, with peak memory.

    python benchmarks/bench_views.py [--rounds 3] [--dir DIR] [--only SUBSTRING]

Generates two datasets with benchmarks/generate.py into DIR unless they are
there: 2,000 actors x 25 stances over 40 topics, and 500 actors x 50 stances
over 50 topics. For each, each of compare, topic, timeline, agreement, blocs
and contested, in table and json format (agreement in csv too), runs in a fresh process (output
to a file, as when piped), paired with a bare load run just before it. Each
figure is the median over rounds of the paired ratio (view / bare load), so a
busy machine slows both sides of a pair alike; peak memory is the largest
resident size the view's process reached. The targets are 2.0x (agreement's
csv: 3.0x) and 1 GiB.
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
DATASETS = {"2000x25": (2000, 25, 40), "500x50": (500, 50, 50)}
VIEWS = {
    "compare": ["compare"],
    "topic": ["topic", "topic-000"],
    "timeline": ["timeline"],
    "agreement": ["agreement"],
    "blocs": ["blocs"],
    "contested": ["contested"],
}
FORMATS = {"agreement": ("table", "json", "csv")}  # every other view: table and json
TARGET_RATIO, TARGET_MIB = 2.0, 1024
TARGETS = {"agreement csv": 3.0}  # a ratio other than TARGET_RATIO


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident MiB of one fresh process, its output to a
    temporary file."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench-views")
    parser.add_argument("--only", default="", help="run only the cases whose name holds this")
    args = parser.parse_args()
    failed = []
    for name, (actors, stances, topics) in DATASETS.items():
        root = args.dir / name
        positions = root / "positions"
        if not positions.is_dir():
            print(f"generating {name} in {root} ...", flush=True)
            generate(root, actors=actors, stances=stances, topics=topics)
        bare = [sys.executable, "-c", BARE, str(positions)]
        for view, words in VIEWS.items():
            for format_ in FORMATS.get(view, ("table", "json")):
                case = f"{name} {view} {format_}"
                if args.only not in case:
                    continue
                command = [sys.executable, "-m", "stancediff", *words, "--positions", str(positions)]
                command += ["--format", format_]
                ratios, cpu, peaks, seconds = [], [], [], []
                for _ in range(args.rounds):
                    base, base_cpu, _ = run(bare)
                    took, took_cpu, peak = run(command)
                    ratios.append(took / base)
                    cpu.append(took_cpu / base_cpu)
                    peaks.append(peak)
                    seconds.append(took)
                ratio, peak = statistics.median(ratios), max(peaks)
                target = TARGETS.get(f"{view} {format_}", TARGET_RATIO)
                verdict = "ok" if ratio <= target and peak <= TARGET_MIB else "OVER"
                if verdict != "ok":
                    failed.append(case)
                print(
                    f"{case:28} {ratio:5.2f}x bare (paired median; {min(ratios):.2f}-{max(ratios):.2f}), "
                    f"CPU {statistics.median(cpu):5.2f}x  "
                    f"{statistics.median(seconds):6.2f} s  peak {peak:6.0f} MiB  {verdict}",
                    flush=True,
                )
    if failed:
        print(f"over target: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
