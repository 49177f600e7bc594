"""`validate`'s cache: the verdict of each actor file, kept between runs, so that unchanged files are not read again.

It lives in the user's cache folder (`$XDG_CACHE_HOME/stancediff`, else
`~/.cache/stancediff`), never in the dataset, one JSON file per dataset and
archive folder. An entry is used only for the same file name with the same
contents (its sha256), under the same key: the stancediff version and its
code (`code_version`), today's date, the actor kinds, the topic ids, the
source ids and dates, and for each source that names an archived file,
either the file's sha256 or why it may not be read (a file outside the
project without a matching sha256; `validate._Checker.fingerprint`). Anything
else (another version, a file that fails to parse or holds a value of the
wrong type) is as if there were no cache: it is never stale, and it is data,
never code. `--no-cache` or `STANCEDIFF_NO_CACHE=1` turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..problems import CATALOGUE, Problem
from .base import Summary
from .quotes import Quote, Quoted

if TYPE_CHECKING:
    from .validate import FileVerdict

FORMAT = 1
OFF_VAR = "STANCEDIFF_NO_CACHE"
MAX_BYTES = 512 * 1024 * 1024  # a larger cache file is not read


def code_version() -> str:
    """The stancediff version and a digest of what else a verdict's wording and findings come from: the
    names, sizes and times of its code's files (an installation whose code was edited, a developer's or a
    patched copy, is another version), PyYAML's and libyaml's versions (syntax errors' messages) and
    Python's and its Unicode database's (NFKC decides whether a quote is found)."""
    import sys
    import unicodedata

    import yaml
    from yaml import _yaml  # libyaml, which the loader needs

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    digest.update(
        f"{yaml.__version__}\0{_yaml.get_version_string()}\0{sys.version}\0{unicodedata.unidata_version}\n".encode()
    )
    for path in sorted(package.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """Where stancediff keeps its cache: $XDG_CACHE_HOME/stancediff, else ~/.cache/stancediff."""
    base = environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "stancediff"


def disabled(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get(OFF_VAR, "") not in ("", "0")


class _Malformed(Exception):
    pass


class Cache:
    """The verdicts kept for one dataset (`root`) checked against one archive folder."""

    def __init__(self, folder: Path, root: Path, sources_dir: Path | None) -> None:
        where = f"{os.path.realpath(root)}\0{os.path.realpath(sources_dir) if sources_dir else ''}"
        self.path = folder / "validate" / f"{hashlib.sha256(where.encode()).hexdigest()[:32]}.json"
        self.version = code_version()
        self.key = ""
        self.files: dict[str, Any] = {}
        self.texts: dict[str, int | str] = {}
        self._used: dict[str, Any] = {}
        try:
            self._load()
        except (OSError, ValueError, _Malformed):
            self.key, self.files, self.texts = "", {}, {}

    def _load(self) -> None:
        with open(self.path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return
        content = json.loads(data)
        _expect(isinstance(content, dict))
        if content.get("format") != FORMAT or content.get("version") != self.version:
            return
        key, files, texts = content.get("key"), content.get("files"), content.get("texts")
        _expect(isinstance(key, str) and isinstance(files, dict) and isinstance(texts, dict))
        for digest, known in texts.items():
            _expect(_is_digest(digest) and (isinstance(known, str) or _is_count(known)))
        self.key, self.files, self.texts = key, files, texts

    def verdict(self, name: str, digest: str, key: str, shown: str) -> FileVerdict | None:
        """The verdict kept for file `name` with contents of sha256 `digest` under `key`; None if none is."""
        entry = self.files.get(name) if key == self.key else None
        if not isinstance(entry, dict) or entry.get("sha256") != digest:
            return None
        try:
            verdict = _verdict(name, entry, shown)
        except (_Malformed, KeyError, TypeError, ValueError):
            return None
        self._used[name] = entry
        return verdict

    def save(
        self,
        key: str,
        fresh: Sequence[tuple[FileVerdict, str]],
        texts: Mapping[str, int | str],
        shown: Callable[[str], str],
    ) -> None:
        """Keep the verdicts used and made in this run (with the sha256 of each file's contents); quietly
        nothing if the cache folder cannot be written."""
        if key == self.key and not fresh and self._used.keys() == self.files.keys() and texts == self.texts:
            return  # nothing changed
        files = dict(self._used) if key == self.key else {}
        for verdict, digest in fresh:
            entry = _entry(verdict, digest, shown(verdict.name))
            if entry is not None:
                files[verdict.name] = entry
        content = {"format": FORMAT, "version": self.version, "key": key, "files": files, "texts": dict(texts)}
        temporary = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            data = json.dumps(content, separators=(",", ":")).encode()  # at once: the C encoder
            with tempfile.NamedTemporaryFile("wb", dir=self.path.parent, suffix=".tmp", delete=False) as handle:
                temporary = handle.name
                handle.write(data)
            os.replace(temporary, self.path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _entry(verdict: FileVerdict, digest: str, shown: str) -> dict[str, Any] | None:
    """The verdict as JSON; None if it cannot be kept (a problem in another file)."""
    if any(p.file != shown for p in verdict.problems) or any(q.path != shown for q in verdict.quoted.missed):
        return None
    summary = verdict.summary
    quoted = verdict.quoted
    index = {source: at for at, source in enumerate(quoted.cited)}
    if any(source not in index for source, _, _ in quoted.found):
        return None
    return {
        "sha256": digest,
        "problems": [[p.line, p.column, p.code, p.message] for p in verdict.problems],
        "summary": None
        if summary is None
        else [
            list(summary.mark),
            summary.id,
            list(summary.id_mark),
            summary.part_of,
            list(summary.part_of_mark),
            list(summary.topics),
            list(summary.sources),
            summary.stances,
            summary.quotes,
        ],
        "quoted": [
            list(quoted.cited),
            quoted.checked,
            quoted.unchecked,
            [index[source] for source, _, _ in quoted.found],
            [first for _, first, _ in quoted.found],
            [last for _, _, last in quoted.found],
            [[q.mark[0], q.mark[1], q.source, q.text] for q in quoted.missed],
        ],
    }


def _verdict(name: str, entry: dict[str, Any], shown: str) -> FileVerdict:
    """The verdict of `entry`, every value checked for its type; `_Malformed` if one is wrong."""
    from .validate import FileVerdict

    problems = []
    for line, column, code, message in _list(entry["problems"]):
        _expect(code in CATALOGUE and isinstance(message, str))
        problems.append(Problem(shown, _count(line), _count(column), code, CATALOGUE[code].severity, message))
    summary = None
    if entry["summary"] is not None:
        mark, actor_id, id_mark, part_of, part_of_mark, topics, sources, stances, quotes = _list(entry["summary"])
        summary = Summary(
            path=shown,
            mark=_mark(mark),
            id=_text_or_none(actor_id),
            id_mark=_mark(id_mark),
            part_of=_text_or_none(part_of),
            part_of_mark=_mark(part_of_mark),
            topics=_texts(topics),
            sources=_texts(sources),
            stances=_count(stances),
            quotes=_count(quotes),
        )
    cited, checked, unchecked, sources, firsts, lasts, missed = _list(entry["quoted"])
    cited = _texts(cited)
    _expect(_counts(sources, len(cited)) == _counts(firsts) == _counts(lasts))
    quoted = Quoted(
        cited=cited,
        checked=_count(checked),
        unchecked=_count(unchecked),
        found=list(zip(map(cited.__getitem__, sources), firsts, lasts, strict=True)),
        missed=[
            Quote(shown, (_count(line), _count(column)), _text(source), _text(text))
            for line, column, source, text in _list(missed)
        ],
    )
    return FileVerdict(name, problems, summary, quoted)


def _expect(condition: bool) -> None:
    if not condition:
        raise _Malformed


def _list(value: object) -> list[Any]:
    _expect(isinstance(value, list))
    return value  # type: ignore[return-value]


def _count(value: object) -> int:
    _expect(_is_count(value))
    return value  # type: ignore[return-value]


def _counts(value: object, below: int | None = None) -> int:
    """How many counts the list `value` holds (each below `below`, if given); `_Malformed` if it is not one."""
    items = _list(value)
    if items:
        _expect(set(map(type, items)) == {int} and min(items) >= 0 and (below is None or max(items) < below))
    return len(items)


def _is_count(value: object) -> bool:
    return type(value) is int and value >= 0


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _text(value: object) -> str:
    _expect(isinstance(value, str))
    return value  # type: ignore[return-value]


def _text_or_none(value: object) -> str | None:
    return None if value is None else _text(value)


def _texts(value: object) -> tuple[str, ...]:
    items = _list(value)
    _expect(not items or set(map(type, items)) == {str})
    return tuple(items)


def _mark(value: object) -> tuple[int, int]:
    line, column = _list(value)
    return _count(line), _count(column)
