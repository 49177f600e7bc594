"""The archive: where the archived texts are, and which of them may be read (the dataset is untrusted input).

    folder = archive_dir(dataset, override=None)   # --sources-dir, else `archive:` in sources.yaml
    folder.path                                    # None: no archive, or not there (`folder.problem`)
    folder.may_read("/real/path/of/a/file")        # False: read only if its sha256 is the one recorded

A dataset arrives in pull requests, so what it names must not make
stancediff read a file it has no business with (`archive: ../../../proc/self`,
a committed symlink to /etc). The rule (docs/format.md, "Where the archive
lives"): a file, its symlinks followed, may be read freely when it lies inside
the **project** (the git work tree that holds the dataset, outside git the
dataset folder's parent, but never a `.git` folder), or inside a folder the
user named (`--sources-dir`, `$STANCEDIFF_ARCHIVE`). Any other file the data
names is read only to compare its sha256 with the one sources.yaml records for
its source; none of its text is used until they match.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..problems import Code, Problem, Raw, problem
from .dataset import display_path
from .model import Dataset

CODES: dict[str, Code] = {
    "archive-missing": Code.warning(
        "Archive folder missing",
        "the archive folder {folder} ({resolved}) {state}; quotes are not checked against their sources",
        "Put the archived texts there (a clone of this project needs its archive beside it, as `archive:` "
        "says), correct `archive:` in sources.yaml, or pass --sources-dir. `validate --strict` fails until "
        "the quotes can be checked.",
    ),
}

ENV_VAR = "STANCEDIFF_ARCHIVE"  # folders, separated by os.pathsep, whose files the data may name
GIT = ".git"


@dataclass(frozen=True)
class ArchiveFolder:
    """Where the archived texts are read from, which files may be read freely, and why none can be, if so."""

    path: Path | None  # None: no archive was named, or the one named is not there
    problem: Problem | None = None  # `archive-missing`, at the `archive:` key, when it is not there
    project: str | None = None  # the real path of the project, whose files may be read (but for .git)
    named: tuple[str, ...] = ()  # the real paths of folders the user named, whose files may be read

    def may_read(self, real: str) -> bool:
        """Whether the file at `real` (a real path) may be read without a sha256 that matches."""
        if any(_within(real, folder) for folder in self.named):
            return True
        if self.project is None or not _within(real, self.project):
            return False
        return GIT not in Path(os.path.relpath(real, self.project)).parts


def _within(real: str, folder: str) -> bool:
    return os.path.commonpath([folder, real]) == folder


def project_of(root: Path, home: Path | None = None) -> str:
    """The real path of the project that holds the dataset folder `root`.

    The nearest folder at or above `root` that holds `.git`; outside git, the
    folder above `root`, unless that is the file system's root or the home
    folder (which hold far more than a project): then `root` itself.
    """
    folder = Path(os.path.realpath(root))
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / GIT):
            return str(candidate)
    parent = folder.parent
    if parent == parent.parent or parent == (home or _home()):
        return str(folder)
    return str(parent)


def _home() -> Path | None:
    try:
        return Path(os.path.realpath(Path.home()))
    except (RuntimeError, KeyError):  # no home folder known
        return None


def named_folders(environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The real paths of the folders `$STANCEDIFF_ARCHIVE` names (relative ones from the working folder)."""
    return tuple(os.path.realpath(part) for part in environ.get(ENV_VAR, "").split(os.pathsep) if part.strip())


def archive_dir(
    dataset: Dataset, override: Path | None = None, environ: Mapping[str, str] = os.environ
) -> ArchiveFolder:
    """The folder of the archived texts: `override` (--sources-dir), else the dataset's `archive:`.

    `archive:` is read relative to the folder that holds sources.yaml (the
    dataset folder), wherever stancediff runs from. When it names a folder
    that is not there (a clone without its archive), the path is None and the
    problem says so, at the key, so that quotes are never skipped in silence.
    """
    if override is not None:
        return ArchiveFolder(override, named=(os.path.realpath(override),))
    archive = dataset.archive
    if archive is None:
        return ArchiveFolder(None)
    project = project_of(dataset.root)
    named = named_folders(environ)
    folder = dataset.root / archive.folder
    if folder.is_dir():
        return ArchiveFolder(folder, project=project, named=named)
    found = ArchiveFolder(None, project=project, named=named)
    real = os.path.realpath(folder)
    if found.may_read(real):
        state = "is not a folder" if folder.exists() else "does not exist"
    else:  # whether a path outside the project exists is none of the data's business
        state = "does not exist or is not a folder"
    shown = Raw.from_data(display_path(Path(os.path.normpath(folder))))
    missing = problem(
        "archive-missing", archive.path, archive.at(), folder=archive.folder, resolved=shown, state=Raw(state)
    )
    return ArchiveFolder(None, missing, project, named)
