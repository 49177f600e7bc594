"""Hostile inputs, each within the documented caps, that a super-linear step would stall on.

Each maker writes a small valid dataset into a folder, plants one hostile
input in it, and returns the `stancediff` arguments that read it. The
benchmark (`bench_hostile.py`) and the resource-bound tests
(`tests/test_hostile.py`) run the same inputs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

QUOTE = "The charge pays for the trams."
SOURCE_TEXT = f"The council met on Tuesday. {QUOTE} Nobody objected.\n"


def base(root: Path, topics: str = "", sources: str = "", stances: str = "", text: str = SOURCE_TEXT) -> Path:
    """A valid dataset in `root`: positions/ (one topic, source and actor) and sources/s.txt."""
    positions = root / "positions"
    (positions / "actors").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "s.txt").write_text(text, encoding="utf-8")
    (positions / "topics.yaml").write_text(
        "topics:\n  - id: charge\n    title: Charge\n    proposition: There should be a charge.\n" + topics,
        encoding="utf-8",
    )
    (positions / "sources.yaml").write_text(
        "sources:\n  - id: s\n    title: S\n    date: 2021-01-01\n    file: s.txt\n" + sources, encoding="utf-8"
    )
    (positions / "actors" / "a.yaml").write_text(
        "id: a\nname: A\nkind: person\nstances:\n" + stance("charge", "2021-01-01", QUOTE) + stances,
        encoding="utf-8",
    )
    return positions


def stance(topic: str, date: str, quote: str, source: str = "s") -> str:
    return (
        f"  - topic: {topic}\n    position: support\n    date: {date}\n    basis: stated\n"
        f"    summary: It backs it.\n    evidence:\n      - source: {source}\n        quote: {quote!r}\n"
    )


def validate_args(root: Path) -> list[str]:
    return ["validate", "--positions", str(root / "positions"), "--sources-dir", str(root / "sources")]


def integer_tags(root: Path) -> list[str]:
    """300 KB of `tags: [1,1,...]`: every non-string scalar used to copy the map of them."""
    base(root, topics="    tags: [" + ",".join(["1"] * 150_000) + "]\n")
    return validate_args(root)


def integer_keys(root: Path) -> list[str]:
    """80,000 unknown keys `kNNN: 1` in one actor: non-string values, each a problem with a hint."""
    positions = base(root)
    with (positions / "actors" / "a.yaml").open("a", encoding="utf-8") as out:
        out.writelines(f"k{i}: 1\n" for i in range(80_000))
    return validate_args(root)


def long_quote(root: Path, chars: int = 32_000, source_bytes: int = 2_000_000) -> list[str]:
    """A hyphen-joined quote of `chars` characters (one word) against a source of `source_bytes`."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    text = (" ".join(words) + ". ") * (source_bytes // 48)
    quote = "-".join(words[i % 8] + str(i) for i in range(chars))[:chars]
    base(root, stances=stance("charge", "2021-02-01", quote), text=text + SOURCE_TEXT)
    return validate_args(root)


def misspelt_topics(root: Path, count: int = 4_000) -> list[str]:
    """`count` stances on misspelt topics, among `count` topics: a hint for each."""
    topics = "".join(
        f"  - id: topic-number-{i}\n    title: T{i}\n    proposition: Topic {i} holds.\n" for i in range(count)
    )
    stances = "".join(stance(f"topci-number-{i}", "2021-02-01", QUOTE) for i in range(count))
    base(root, topics=topics, stances=stances)
    return validate_args(root)


def shared_source(root: Path, entries: int = 100, size: int = 19 * 1024 * 1024) -> list[str]:
    """`entries` sources naming one archived file of `size` bytes, each cited."""
    line = "Nobody objected to the plan at the meeting on the day. ﷺ\n"
    text = SOURCE_TEXT + line * (size // len(line.encode()))
    sources = "".join(f"  - id: s{i}\n    title: S\n    date: 2021-01-01\n    file: s.txt\n" for i in range(entries))
    stances = "".join(
        stance("charge", f"2020-{1 + i % 12:02}-{1 + i // 12:02}", QUOTE, f"s{i}") for i in range(entries)
    )
    base(root, sources=sources, stances=stances, text=text)
    return validate_args(root)


def nfkc_expansion(root: Path, size: int = 19 * 1024 * 1024) -> list[str]:
    """A source of U+FDFA, which NFKC turns into 18 characters each."""
    text = SOURCE_TEXT + "\ufdfa" * (size // 3)
    base(root, text=text)
    return validate_args(root)


def empty_items(root: Path, size: int = 10 * 1024 * 1024 - 1024) -> list[str]:
    """A topics.yaml of `- {}` items up to the file cap: three problems each, millions in all."""
    base(root)
    (root / "positions" / "topics.yaml").write_text("topics:\n" + "- {}\n" * (size // 5), encoding="utf-8")
    return validate_args(root)


def node_cap_items(root: Path) -> list[str]:
    """Just under the cap of values a file: 249,990 `- {}` items, three problems each."""
    return empty_items(root, size=5 * 249_990)


def base_60(root: Path, size: int = 10 * 1024 * 1024 - 1024) -> list[str]:
    """An actor's name that YAML 1.1 reads as one base-60 integer (`1:59:59:...`), up to the file cap:
    PyYAML builds it in time that grows with the square of its length (1.2 MB: 37 s)."""
    positions = base(root)
    path = positions / "actors" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: A", "name: 1" + ":59" * (size // 3)))
    return validate_args(root)


def add_to_alias_bomb(root: Path) -> list[str]:
    """`add stance` to an actor file that holds 400 bytes of aliases nine deep (a billion "lol"s)."""
    positions = base(root)
    bomb = 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    bomb += "".join(f"l{n}: &l{n} [{','.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9))
    with (positions / "actors" / "a.yaml").open("a", encoding="utf-8") as out:
        out.write(bomb)
    return [
        "add", "stance", "a", "--topic", "charge", "--position", "oppose", "--date", "2021-02-01",
        "--basis", "stated", "--summary", "It turned.", "--evidence", "s", QUOTE, *validate_args(root)[1:],
    ]  # fmt: skip


def matching_aliases(root: Path, count: int = 2_000) -> list[str]:
    """An actor with `count` aliases that all match the text searched for (about 40 KB)."""
    positions = base(root)
    aliases = "".join(f"  - Ruiz alias number {i}\n" for i in range(count))
    with (positions / "actors" / "a.yaml").open("a", encoding="utf-8") as handle:
        handle.write("aliases:\n" + aliases)
    return ["search", "ruiz", "--positions", str(positions), "--format", "json"]


def absent_quotes(root: Path, count: int = 3_000, size: int = 17 * 1024 * 1024) -> list[str]:
    """`count` quotes, none in their source, against a source of `size` bytes."""
    line = "Nobody objected to the plan at the meeting on the day.\n"
    stances = "".join(
        stance(
            "charge", f"{1900 + i // 300}-{1 + i // 25 % 12:02}-{1 + i % 25:02}", f"The tram {i} pays for the charge."
        )
        for i in range(count)
    )
    base(root, stances=stances, text=SOURCE_TEXT + line * (size // len(line)))
    return validate_args(root)


def expanding_sources(root: Path, count: int = 6, size: int = 3 * 1024 * 1024) -> list[str]:
    """`count` sources of `size` bytes of U+FDFA (18 characters each under NFKC, within the cap), each cited."""
    positions = base(root)
    filler = "\ufdfa" * (size // 3)
    sources = ""
    stances = ""
    for i in range(count):
        (root / "sources" / f"x{i}.txt").write_text(SOURCE_TEXT + filler, encoding="utf-8")
        sources += f"  - id: x{i}\n    title: X\n    date: 2021-01-01\n    file: x{i}.txt\n"
        stances += stance("charge", f"2020-01-{1 + i:02}", QUOTE, f"x{i}")
    with (positions / "sources.yaml").open("a", encoding="utf-8") as handle:
        handle.write(sources)
    with (positions / "actors" / "a.yaml").open("a", encoding="utf-8") as handle:
        handle.write(stances)
    return validate_args(root)


def large_blob(root: Path, size: int = 2 * 1024**3) -> list[str]:
    """A commit whose topics.yaml is `size` bytes of one repeated byte (small in .git)."""
    positions = base(root)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}

    def git(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]

    git("init", "-q")
    git("add", "-A")
    writer = subprocess.Popen(
        ["git", "hash-object", "-w", "--stdin"], cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert writer.stdin is not None and writer.stdout is not None
    chunk = b"a" * (1 << 20)
    for _ in range(size >> 20):
        writer.stdin.write(chunk)
    writer.stdin.close()
    blob = writer.stdout.read().decode().strip()
    writer.stdout.close()
    writer.wait()
    git("update-index", "--add", "--cacheinfo", f"100644,{blob},positions/topics.yaml")
    git("-c", "user.name=b", "-c", "user.email=b@b.invalid", "commit", "-q", "-m", "large")
    return ["changes", "HEAD", "--positions", str(positions)]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "integer tags (300 KB)": integer_tags,
    "80,000 integer keys": integer_keys,
    "32,000-character quote, 2 MB source": long_quote,
    "4,000 misspelt topics": misspelt_topics,
    "100 sources naming one 19 MB file": shared_source,
    "NFKC x18 source (19 MB)": nfkc_expansion,
    "10 MB of `- {}`": empty_items,
    "249,990 `- {}` (under the node cap)": node_cap_items,
    "base-60 name (10 MB)": base_60,
    "add stance to a 400-byte alias bomb": add_to_alias_bomb,
    "changes: 2 GB blob": large_blob,
    "search: 2,000 matching aliases": matching_aliases,
    "3,000 absent quotes, 17 MB source": absent_quotes,
    "six 3 MB sources, NFKC x18 in part": expanding_sources,
}

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
try:
    code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=float(sys.argv[1])).returncode
except subprocess.TimeoutExpired:
    code = "timeout"
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def measure(
    args: list[str], timeout: float = 600, env: dict[str, str] | None = None, program: list[str] | None = None
) -> tuple[float, float, float, str]:
    """Run `stancediff ARGS` in a fresh process: wall seconds, CPU seconds, peak RSS in MiB, exit status.

    The exit status is 'timeout' when the wall time passed `timeout`. CPU time is what the process itself
    spent: on a shared, busy machine it is the steadier of the two.

    `env` is added to the environment; `program` runs instead of `python -m stancediff` (the installed
    script, for shell completion, which answers to the name it was run by)."""
    program = program or [sys.executable, "-m", "stancediff"]
    command = [sys.executable, "-c", MEASURE, str(timeout), *program, *args]
    environment = {**os.environ, **(env or {})}
    seconds, cpu, kib, code = subprocess.run(
        command, capture_output=True, text=True, check=True, env=environment
    ).stdout.split()
    return float(seconds), float(cpu), int(kib) / 1024, code
