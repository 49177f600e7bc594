"""Time and peak memory of stancediff on each hostile input of `hostile.py`.

    python benchmarks/bench_hostile.py [--timeout 600] [--only SUBSTRING]

Each input is generated into a temporary folder and read by the real CLI in a
fresh process; the target is under 10 s and 1 GiB each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from hostile import CASES, measure  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    for name, make in CASES.items():
        if args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as folder:
            command = make(Path(folder))
            seconds, _, mib, code = measure(command, args.timeout)
        print(f"{name:40} {seconds:7.2f} s  {mib:7.0f} MiB  exit {code}", flush=True)


if __name__ == "__main__":
    main()
