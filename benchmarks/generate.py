"""Generate a synthetic stancediff dataset for benchmarks.

    python benchmarks/generate.py OUT_DIR [--actors 2000] [--stances 25] [--topics 40]

Writes OUT_DIR/positions (topics.yaml, sources.yaml, actors/*.yaml) and
OUT_DIR/sources (the archived texts the quotes come from), so that
`stancediff validate --positions OUT_DIR/positions --sources-dir OUT_DIR/sources`
reports no errors. The defaults give 2,000 actor files of 25 stances over 40 topics, about 17 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

POSITIONS = ["support", "lean-support", "neutral", "lean-oppose", "oppose"]
BASES = ["stated", "reported", "inferred"]
KINDS = ["company", "government", "ministry", "agency", "person", "analyst", "think-tank", "media"]
WORDS = [
    "network",
    "security",
    "vendor",
    "licence",
    "policy",
    "trade",
    "government",
    "ministry",
    "analyst",
    "company",
    "equipment",
    "operator",
    "spectrum",
    "standard",
    "patent",
    "market",
    "risk",
    "supply",
    "chain",
    "review",
    "ban",
    "contract",
    "telecom",
    "carrier",
    "export",
    "control",
    "agreement",
    "pressure",
    "allies",
    "decision",
]
SOURCES = 200


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_sources(out: Path, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Write the archived texts; return (source id, its sentences) pairs."""
    texts_dir = out / "sources"
    texts_dir.mkdir(parents=True, exist_ok=True)
    sources = []
    entries = ["sources:"]
    for n in range(SOURCES):
        sentences = [sentence(rng, rng.randint(6, 12)) for _ in range(40)]
        data = " ".join(sentences).encode()
        name = f"source-{n:04d}.txt"
        (texts_dir / name).write_bytes(data)
        source_id = f"source-{n:04d}"
        entries += [
            f"  - id: {source_id}",
            f"    title: {sentence(rng, 6)}",
            "    publisher: Synthetic Wire",
            f"    date: 2019-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"    url: https://example.org/{source_id}",
            f"    file: {name}",
            f"    sha256: {hashlib.sha256(data).hexdigest()}",
        ]
        sources.append((source_id, sentences))
    (out / "positions" / "sources.yaml").write_text("\n".join(entries) + "\n")
    return sources


def write_topics(out: Path, rng: random.Random, topics: int) -> None:
    lines = ["topics:"]
    for n in range(topics):
        lines += [
            f"  - id: topic-{n:03d}",
            f"    title: Topic {n}",
            f"    proposition: {sentence(rng, 10)}",
            "    tags: [synthetic]",
        ]
    (out / "positions" / "topics.yaml").write_text("\n".join(lines) + "\n")


def write_actor(path: Path, actor_id: str, stances: int, topic_count: int, rng: random.Random, sources: list) -> None:
    lines = [
        f"id: {actor_id}",
        f"name: Actor {actor_id}",
        f"kind: {rng.choice(KINDS)}",
        'country: "GB"',
        f"aliases: [{actor_id.upper()}]",
        f"description: {sentence(rng, 12)}",
        "stances:",
    ]
    # Distinct (topic, date) pairs, so that every stance is unique.
    topics = rng.sample(range(topic_count), k=min(stances, topic_count))
    for i in range(stances):
        topic = topics[i % len(topics)]
        source_id, sentences = rng.choice(sources)
        quote = rng.choice(sentences)
        lines += [
            f"  - topic: topic-{topic:03d}",
            f"    position: {rng.choice(POSITIONS)}",
            f"    date: {2015 + i // len(topics)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"    speaker: Speaker {rng.randint(1, 99)}",
            f"    basis: {rng.choice(BASES)}",
            f"    summary: {sentence(rng, 8)}",
            f"    conditions: [{rng.choice(WORDS)} {rng.choice(WORDS)}]",
            "    evidence:",
            f"      - source: {source_id}",
            f'        quote: "{quote}"',
        ]
        if i % 5 == 0:
            lines.append(f"    note: {sentence(rng, 6)}")
    path.write_text("\n".join(lines) + "\n")


def generate(out: Path, actors: int, stances: int, topics: int = 40, seed: int = 2019) -> None:
    rng = random.Random(seed)
    (out / "positions" / "actors").mkdir(parents=True, exist_ok=True)
    write_topics(out, rng, topics)
    sources = write_sources(out, rng)
    for n in range(actors):
        actor_id = f"actor-{n:05d}"
        write_actor(out / "positions" / "actors" / f"{actor_id}.yaml", actor_id, stances, topics, rng, sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--stances", type=int, default=25)
    parser.add_argument("--topics", type=int, default=40)
    args = parser.parse_args()
    generate(args.out, args.actors, args.stances, args.topics)


if __name__ == "__main__":
    main()
