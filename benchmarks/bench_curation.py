"""Time `stancediff import` and `rename` against a bare CSafeLoader load of the same files, with peak memory.

    python benchmarks/bench_curation.py [--rounds 3] [--actors 2000]

Generates the dataset of bench_validate.py (benchmarks/generate.py, ACTORS
actor files x 25 stances) and exports it as CSV; then, each round, in a fresh
process and on a fresh copy (made outside the timing):

- bare: read every YAML file and `yaml.load(..., Loader=yaml.CSafeLoader)` it;
- `stancediff import` of the exported CSV into the dataset with every
  stance removed (every row checked, every quote against the archive);
- `stancediff rename topic` of the first topic (references in every file).

It prints the best and median wall time, the best CPU time and the largest
peak memory of each, and each one's ratio to the bare load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_export import measured  # noqa: E402
from bench_validate import BARE  # noqa: E402
from generate import generate  # noqa: E402


def emptied(source: Path, target: Path) -> Path:
    """A copy of the dataset in `source` with every actor's stances removed; its positions folder."""
    shutil.copytree(source, target)
    for path in (target / "positions" / "actors").iterdir():
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index("stances:")] + "stances: []\n", encoding="utf-8")
    return target / "positions"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--actors", type=int, default=2000)
    args = parser.parse_args()
    stancediff = (sys.executable, "-m", "stancediff")
    with tempfile.TemporaryDirectory() as work:
        base = Path(work) / "base"
        generate(base, actors=args.actors, stances=25)
        sources = str(base / "sources")
        sheet = Path(work) / "stances.csv"
        subprocess.run(
            [*stancediff, "export", "--positions", str(base / "positions"), "--format", "csv", "-o", str(sheet)],
            check=True,
        )
        runs: dict[str, list[tuple[float, float, float]]] = {"bare": [], "import": [], "rename topic": []}
        for round_ in range(args.rounds):
            runs["bare"].append(measured([sys.executable, "-c", BARE, str(base / "positions")]))
            positions = emptied(base, Path(work) / f"import-{round_}")
            runs["import"].append(
                measured([*stancediff, "import", str(sheet), "--positions", str(positions), "--sources-dir", sources])
            )
            copy = Path(work) / f"rename-{round_}"
            shutil.copytree(base, copy)
            runs["rename topic"].append(
                measured(
                    [
                        *stancediff,
                        "rename",
                        "topic",
                        "topic-000",
                        "topic-zero",
                        "--positions",
                        str(copy / "positions"),
                        "--sources-dir",
                        sources,
                    ]
                )
            )
    for name, values in runs.items():
        wall, cpu, peak = ([value[i] for value in values] for i in range(3))
        print(
            f"{name:14} wall best {min(wall):7.2f}s median {statistics.median(wall):7.2f}s"
            f"  cpu best {min(cpu):7.2f}s  peak {max(peak):5.0f} MiB"
        )
    bare_wall, bare_cpu = (min(value[i] for value in runs["bare"]) for i in range(2))
    for name in ("import", "rename topic"):
        wall, cpu = (min(value[i] for value in runs[name]) for i in range(2))
        print(f"{name:14} / bare load: wall {wall / bare_wall:.1f}x, cpu {cpu / bare_cpu:.1f}x")


if __name__ == "__main__":
    main()
