"""Time `stancediff reliability A B` of two 2,000-actor codings against a bare CSafeLoader load of both.

    python benchmarks/bench_reliability.py [--rounds 3] [--dir DIR]

Coding A is benchmarks/generate.py's dataset (2,000 actors x 25 stances over
40 topics); coding B is A read by a second coder who disagrees now and then:
every 10th position moved one point along the scale, every 20th basis
changed, and every 25th stance citing another source (so that its unit is
found by one coder only). Both are generated into DIR unless they are there.
Each round runs, in fresh processes, the bare load of both folders (every
YAML file through `yaml.load(..., Loader=yaml.CSafeLoader)`), then
`stancediff reliability A B` in table and in json format (output to a file,
as when piped). A figure is the median over the rounds of the paired ratio
(reliability / bare load run just before it), in wall time and in CPU time
(user and system: on a busy machine the steadier of the two), with the peak
resident memory. The targets are 2.0x (wall) and 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import re
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
for folder in sys.argv[1:]:
    for path in sorted(pathlib.Path(folder).rglob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
POSITIONS = ["oppose", "lean-oppose", "neutral", "lean-support", "support"]
BASES = ["stated", "reported", "inferred"]
TARGET_RATIO, TARGET_MIB = 2.0, 1024


def run(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user and system) and peak resident MiB of one fresh process."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def second_coding(first: Path, second: Path) -> None:
    """Coding B: coding A's files with some positions, bases and sources read otherwise."""
    (second / "actors").mkdir(parents=True)
    for name in ("topics.yaml", "sources.yaml"):
        (second / name).write_bytes((first / name).read_bytes())
    counter = {"position": 0, "basis": 0, "source": 0}

    def moved(match: re.Match[str]) -> str:
        counter["position"] += 1
        position = match.group(1)
        if counter["position"] % 10:
            return match.group(0)
        at = POSITIONS.index(position)
        return f"position: {POSITIONS[at + 1 if at < len(POSITIONS) - 1 else at - 1]}"

    def rebased(match: re.Match[str]) -> str:
        counter["basis"] += 1
        basis = match.group(1)
        return match.group(0) if counter["basis"] % 20 else f"basis: {BASES[(BASES.index(basis) + 1) % 3]}"

    def resourced(match: re.Match[str]) -> str:
        counter["source"] += 1
        number = int(match.group(1))
        return match.group(0) if counter["source"] % 25 else f"source: source-{(number + 1) % 200:04d}"

    for path in sorted((first / "actors").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"position: ([a-z-]+)", moved, text)
        text = re.sub(r"basis: ([a-z]+)", rebased, text)
        text = re.sub(r"source: source-(\d{4})", resourced, text)
        (second / "actors" / path.name).write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "stancediff-bench-reliability")
    args = parser.parse_args()
    first, second = args.dir / "a" / "positions", args.dir / "b" / "positions"
    if not first.is_dir():
        print(f"generating coding A in {first} ...", flush=True)
        generate(args.dir / "a", actors=2000, stances=25)
    if not second.is_dir():
        print(f"writing coding B in {second} ...", flush=True)
        second_coding(first, second)
    bare = [sys.executable, "-c", BARE, str(first), str(second)]
    failed = []
    for format_ in ("table", "json"):
        command = [sys.executable, "-m", "stancediff", "reliability", str(first), str(second), "--format", format_]
        walls, cpus, peaks, seconds, bare_peaks = [], [], [], [], []
        for _ in range(args.rounds):
            base_wall, base_cpu, base_peak = run(bare)
            wall, cpu, peak = run(command)
            walls.append(wall / base_wall)
            cpus.append(cpu / base_cpu)
            peaks.append(peak)
            seconds.append(wall)
            bare_peaks.append(base_peak)
        wall_ratio, cpu_ratio, peak = statistics.median(walls), statistics.median(cpus), max(peaks)
        verdict = "ok" if wall_ratio <= TARGET_RATIO and peak <= TARGET_MIB else "OVER"
        if verdict != "ok":
            failed.append(format_)
        print(
            f"reliability {format_:6} wall {wall_ratio:5.2f}x bare (paired median; {min(walls):.2f}-{max(walls):.2f})"
            f"  CPU {cpu_ratio:5.2f}x ({min(cpus):.2f}-{max(cpus):.2f})  {statistics.median(seconds):6.2f} s  "
            f"peak {peak:6.0f} MiB (bare {max(bare_peaks):.0f} MiB)  {verdict}",
            flush=True,
        )
    if failed:
        print(f"over target: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
