"""Read the positions folder as it stands at a git revision, straight from git.

Nothing is checked out and the working tree is never touched: the files are
listed with `git ls-tree` and read with one `git cat-file --batch`, then
loaded and assembled exactly as files on disk are.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import StancediffError
from ..format.dataset import SOURCES_NAME, TOPICS_NAME, Reading, assemble, is_actor_file, read_dataset
from ..format.load import Loaded, Loader


class GitError(StancediffError):
    """Not in a git repository, an unknown revision, or no positions/ at a revision."""


@dataclass(frozen=True)
class Repository:
    root: Path
    prefix: str  # the positions folder relative to the root, with a trailing slash ("positions/")


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (stancediff changes reads revisions with it)") from None


def locate(positions: Path) -> Repository:
    """The repository holding `positions`, or `GitError`."""
    found = _git(positions, "rev-parse", "--show-toplevel", "--show-prefix")
    if found.returncode != 0:
        raise GitError(f"{positions} is not inside a git repository; `stancediff changes` compares git revisions")
    root, prefix = found.stdout.decode().split("\n")[:2]
    return Repository(Path(root), prefix)


def resolve(repository: Repository, revision: str) -> str:
    """The commit a revision names (full hash), or `GitError`."""
    if revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision")
    found = _git(repository.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise GitError(f"unknown revision {revision!r}; give a branch, tag or commit (see `git log`)")
    return found.stdout.decode().strip()


def read_revision(repository: Repository, commit: str, label: str, loader: Loader | None = None) -> Reading:
    """The dataset at `commit`; problems name its files `label:path`."""
    loader = loader or Loader()
    pathspec = ["--", repository.prefix] if repository.prefix else []  # git refuses an empty pathspec
    listing = _git(repository.root, "ls-tree", "-r", "-z", "--full-tree", commit, *pathspec)
    entries = []
    for entry in listing.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, blob = meta.split()
        entries.append((path[len(repository.prefix) :], mode, kind, blob))
    if not entries:
        raise GitError(f"revision {label} has no {repository.prefix or './'} folder")

    def shown(name: str) -> str:
        return f"{label}:{repository.prefix}{name}"

    wanted = [
        (name, mode, blob)
        for name, mode, kind, blob in entries
        if kind == "blob" and (name in (TOPICS_NAME, SOURCES_NAME) or _is_actor_path(name))
    ]
    blobs = _read_blobs(repository, [blob for _, mode, blob in wanted if mode != "120000"])
    loaded = (
        (
            name,
            loader.load_bytes(blobs[blob], shown(name))
            if mode != "120000"
            else Loaded.failed(shown(name), "unreadable", reason="a symbolic link"),
        )
        for name, mode, blob in wanted
    )
    has_actors = any(name.startswith("actors/") for name, *_ in entries)
    return assemble(repository.root / repository.prefix, loaded, has_actors, shown)


def _is_actor_path(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return len(parts) == 2 and parts[0] == "actors" and is_actor_file(parts[1])


def _read_blobs(repository: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The contents of the given blobs, by hash, from one `git cat-file --batch`."""
    if not blobs:
        return {}
    output = _git(repository.root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode()).stdout
    contents: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        header_end = output.index(b"\n", at)
        size = int(output[at:header_end].split()[2])
        contents[blob] = output[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


def read_pair(positions: Path, base: str | None, head: str | None) -> tuple[tuple[str, Reading], tuple[str, Reading]]:
    """The two sides `stancediff changes` compares, each with the label it is shown by.

    BASE defaults to HEAD; without HEAD the second side is the working tree.
    """
    repository = locate(positions)
    sides = []
    for revision in (base or "HEAD", head):
        if revision is None:
            sides.append(("the working tree", read_dataset(positions)))
            continue
        commit = resolve(repository, revision)
        label = f"{revision} ({commit[:7]})"
        sides.append((label, read_revision(repository, commit, label)))
    return sides[0], sides[1]
