"""Read the positions folder as it stands at a git revision, straight from git.

Nothing is checked out and the working tree is never touched: the files are
listed with `git ls-tree` and read with one `git cat-file --batch`, then
loaded and assembled exactly as files on disk are.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import StancediffError
from ..format.dataset import (
    SOURCES_NAME,
    TOPICS_NAME,
    Reading,
    assemble,
    display_path,
    find_positions,
    is_actor_path,
    read_dataset,
    skipped,
)
from ..format.load import Loaded, Loader
from ..text import visible


class GitError(StancediffError):
    """Not in a git repository, an unknown revision, no positions/ at a revision, or git failed."""


TIMEOUT = 60.0  # seconds any one git command may take

# git is run so that it never starts a program the repository's config names:
# no lazy fetch of a partial clone's missing objects (GIT_NO_LAZY_FETCH from
# git 2.44; before it, no transport is allowed, so a fetch fails at once
# instead of running a configured `uploadpack`), no prompt, no pager.
_ENV = {
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_ALLOW_PROTOCOL": "none",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
}
_CONFIG = ("-c", "core.fsmonitor=false", "-c", "protocol.allow=never")


@dataclass(frozen=True)
class Repository:
    root: Path
    prefix: str  # the positions folder relative to the root, with a trailing slash ("positions/")


def _command(*args: str) -> list[str]:
    return ["git", *_CONFIG, *args]


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git, within `TIMEOUT`; a failure to run it at all is a `GitError`."""
    try:
        return subprocess.run(
            _command(*args),
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=TIMEOUT,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise GitError("git is not installed (stancediff changes reads revisions with it)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"`git {args[0]}` took longer than {TIMEOUT:.0f} seconds; stopped it") from None
    except OSError as error:
        raise GitError(f"cannot run git in {shown_path(cwd)}: {error.strerror or error}") from None


def _said(result: subprocess.CompletedProcess[bytes]) -> str:
    """What git said on failing, on one line, made visible."""
    message = " ".join(result.stderr.decode("utf-8", "replace").split()) or f"exit status {result.returncode}"
    return visible(message)


def _checked(cwd: Path, *args: str, what: str) -> bytes:
    """git's output; a `GitError` with git's own message if it fails."""
    result = _git(cwd, *args)
    if result.returncode != 0:
        raise GitError(f"git failed {what}: {_said(result)}")
    return result.stdout


def run_checked(repository: Repository, *args: str, what: str) -> bytes:
    """git's output for `args`, run at the repository's root within `TIMEOUT`; a `GitError` if it fails."""
    return _checked(repository.root, *args, what=what)


def shown_path(path: Path) -> str:
    return visible(str(path))


def locate(positions: Path) -> Repository:
    """The repository holding `positions`, or `GitError`."""
    found = _git(positions, "rev-parse", "--show-toplevel", "--show-prefix")
    if found.returncode != 0:
        said = _said(found)
        if "dubious ownership" in said:
            raise GitError(
                f"git refuses to read the repository of {shown_path(positions)}: dubious ownership "
                f"(another user owns it); if you trust it, see `git config --global --add safe.directory` ({said})"
            )
        if "not a git repository" in said.lower():
            raise GitError(
                f"{shown_path(positions)} is not inside a git repository; `stancediff changes` compares git revisions"
            )
        raise GitError(f"git cannot read the repository of {shown_path(positions)}: {said}")
    root, prefix = os.fsdecode(found.stdout).split("\n")[:2]
    return Repository(Path(root), prefix)


def resolve(repository: Repository, revision: str) -> str:
    """The commit a revision names (full hash), or `GitError`."""
    if not revision or revision.startswith("-"):
        raise GitError(f"{revision!r} is not a revision; give a branch, tag or commit")
    found = _git(repository.root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise GitError(f"unknown revision {visible(revision)!r}; give a branch, tag or commit (see `git log`)")
    return found.stdout.decode().strip()


def read_revision(repository: Repository, commit: str, label: str, loader: Loader | None = None) -> Reading:
    """The dataset at `commit`; problems name its files `label:path`."""
    loader = loader or Loader()
    pathspec = ["--", repository.prefix] if repository.prefix else []  # git refuses an empty pathspec
    listing = _checked(
        repository.root, "ls-tree", "-r", "-z", "--full-tree", commit, *pathspec, what=f"to list {label}"
    )
    entries = []
    for entry in os.fsdecode(listing).split("\0"):
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
        if kind == "blob" and (name in (TOPICS_NAME, SOURCES_NAME) or is_actor_path(name))
    ]
    wanted.sort(key=lambda entry: is_actor_path(entry[0]))  # sources.yaml, which may name the kinds, first
    others = [(name, reason) for name, _, kind, _ in entries if (reason := skipped(name)) is not None]
    sizes = blob_sizes(repository, [blob for _, _, blob in wanted])
    readable = [blob for _, mode, blob in wanted if mode != "120000" and 0 <= sizes[blob] <= loader.max_bytes]
    groups, batch_of = batches(readable, sizes)
    contents: dict[str, bytes] = {}  # the batch read last

    def load(name: str, mode: str, blob: str) -> Loaded:
        if mode == "120000":
            return Loaded.failed(shown(name), "unreadable", reason="a symbolic link")
        if sizes[blob] < 0:
            reason = f"git has no object {blob[:12]} (in a partial clone, fetch it first)"
            return Loaded.failed(shown(name), "unreadable", reason=reason)
        if sizes[blob] > loader.max_bytes:
            return Loaded.failed(shown(name), "file-too-large", size=sizes[blob], limit=loader.max_bytes)
        if blob not in contents:
            contents.clear()
            contents.update(read_blobs(repository, groups[batch_of[blob]]))
        return loader.load_bytes(contents[blob], shown(name))

    loaded = ((name, load(name, mode, blob)) for name, mode, blob in wanted)
    has_actors = any(name.startswith("actors/") for name, *_ in entries)
    return assemble(repository.root / repository.prefix, loaded, has_actors, shown, others)


def blob_sizes(repository: Repository, blobs: list[str]) -> dict[str, int]:
    """The size of each blob, by hash, from `git cat-file --batch-check`; -1 for one git lacks."""
    if not blobs:
        return {}
    result = _git(repository.root, "cat-file", "--batch-check", stdin="".join(f"{b}\n" for b in blobs).encode())
    if result.returncode != 0:
        raise GitError(f"git failed to look up the files: {_said(result)}")
    sizes: dict[str, int] = {}
    for line in result.stdout.decode("ascii", "replace").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "blob":
            sizes[parts[0]] = int(parts[2])
        elif len(parts) == 2 and parts[1] == "missing":
            sizes[parts[0]] = -1
    if any(blob not in sizes for blob in blobs):
        raise GitError("git answered `cat-file --batch-check` with something unexpected")
    return sizes


BATCH_BYTES = 64 * 1024 * 1024  # read at most this much from git at once


def batches(blobs: list[str], sizes: dict[str, int]) -> tuple[list[list[str]], dict[str, int]]:
    """`blobs` in groups of at most `BATCH_BYTES` (or one blob), and the group of each."""
    batches: list[list[str]] = []
    batch_of: dict[str, int] = {}
    total = BATCH_BYTES
    for blob in blobs:
        if blob in batch_of:
            continue
        if total + sizes[blob] > BATCH_BYTES:
            batches.append([])
            total = 0
        batches[-1].append(blob)
        batch_of[blob] = len(batches) - 1
        total += sizes[blob]
    return batches, batch_of


def read_blobs(repository: Repository, blobs: list[str]) -> dict[str, bytes]:
    """The contents of the given blobs, by hash, from one `git cat-file --batch`.

    Only blobs whose size was checked against the cap are asked for.
    """
    if not blobs:
        return {}
    result = _git(repository.root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    if result.returncode != 0:
        raise GitError(f"git failed to read the files: {_said(result)}")
    output = result.stdout
    contents: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        header_end = output.find(b"\n", at)
        header = output[at:header_end].split()
        if header_end < 0 or len(header) != 3 or header[0].decode() != blob:
            raise GitError(f"git answered `cat-file --batch` with something unexpected for {blob[:12]}")
        size = int(header[2])
        contents[blob] = output[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content is followed by a newline
    return contents


def read_pair(positions: Path, base: str | None, head: str | None) -> tuple[tuple[str, Reading], tuple[str, Reading]]:
    """The two sides `stancediff changes` compares, each with the label it is shown by.

    BASE defaults to HEAD; without HEAD the second side is the working tree.
    """
    repository = locate(positions)
    sides = []
    for revision in ("HEAD" if base is None else base, head):
        if revision is None:
            sides.append(("the working tree", read_dataset(positions)))
            continue
        commit = resolve(repository, revision)
        label = f"{revision} ({commit[:7]})"
        sides.append((label, read_revision(repository, commit, label)))
    return sides[0], sides[1]


def read_codings(arguments: Sequence[str], positions: Path | None) -> list[tuple[str, Reading]]:
    """Each argument as a dataset, with the label it is shown by: a folder where one is there, else a git
    revision, read at the dataset folder found as every command finds it (`--positions`)."""
    repository: Repository | None = None
    readings = []
    for argument in arguments:
        folder = Path(argument)
        if folder.is_dir():
            readings.append((display_path(folder), read_dataset(find_positions(folder))))
            continue
        try:
            repository = repository or locate(find_positions(positions))
            commit = resolve(repository, argument)
        except GitError as error:
            raise GitError(f"{visible(argument)!r} is neither a folder nor a git revision: {error}") from None
        label = f"{visible(argument)} ({commit[:7]})"
        readings.append((label, read_revision(repository, commit, label)))
    return readings
