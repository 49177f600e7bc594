"""validate's cache: never stale, never trusted beyond the contents it was made from, never code.

Every run with the cache is compared with a run of `--no-cache` on the same
files, after each edit; the real CLI, real files, the cache folder of the test.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import Copy, invoke

QUOTE = "A charge is the fairest way to pay for the trams,"


def run(data: Copy, *extra: str, cwd: Path | None = None) -> tuple[int, str]:
    """validate --format json, its exit status and output."""
    before = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        result = invoke(
            "validate",
            "--positions",
            str(data.positions),
            "--sources-dir",
            str(data.sources),
            "--format",
            "json",
            *extra,
        )
    finally:
        os.chdir(before)
    return result.exit_code, result.stdout


def same_as_without(data: Copy, cwd: Path | None = None) -> dict:
    """Run with the cache twice (filling it, then reading it) and without it: all three alike; the report."""
    first, second, without = run(data, cwd=cwd), run(data, cwd=cwd), run(data, "--no-cache", cwd=cwd)
    assert first == second == without
    return json.loads(without[1])


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / "stancediff" / "validate").glob("*.json"))


def codes(report: dict) -> list[str]:
    return [p["code"] for p in report["problems"]]


def test_the_cache_is_never_stale_as_files_are_edited_broken_and_mended(data: Copy, own_cache: Path) -> None:
    assert codes(same_as_without(data)) == []
    assert len(cache_files(own_cache)) == 1
    data.edit("actors/mayor.yaml", "topic: weekend-charge", "topic: weekend-charges")  # an unknown topic
    assert codes(same_as_without(data)) == ["unknown-topic", "unused-topic"]
    data.edit("actors/mayor.yaml", "position: support", "position: [")  # no longer YAML
    assert "yaml-syntax" in codes(same_as_without(data))
    data.edit("actors/mayor.yaml", "position: [", "position: support")
    data.edit("actors/mayor.yaml", "topic: weekend-charges", "topic: weekend-charge")  # mended
    assert codes(same_as_without(data)) == []
    # Another file takes the mayor's id: both files' verdicts are read from the cache, the duplicate is not.
    data.edit("actors/lena-park.yaml", "id: lena-park", "id: mayor")
    assert codes(same_as_without(data)) == ["id-mismatch", "duplicate-id"]
    data.edit("actors/lena-park.yaml", "id: mayor", "id: lena-park")
    (data.positions / "actors" / "lena-park.yaml").unlink()  # a file gone: the source only it cited is unused
    assert codes(same_as_without(data)) == ["unused-source"]


def test_what_a_file_depends_on_elsewhere_is_part_of_the_key(data: Copy) -> None:
    assert codes(same_as_without(data)) == []
    # A topic renamed in topics.yaml: the mayor's file, unchanged, now names an unknown topic.
    data.edit("topics.yaml", "id: weekend-charge", "id: weekend-tolls")
    found = codes(same_as_without(data))
    assert "unknown-topic" in found and "unused-topic" in found
    data.edit("topics.yaml", "id: weekend-tolls", "id: weekend-charge")
    assert codes(same_as_without(data)) == []
    # The archived text changed: the quote is no longer in it, though no YAML file changed.
    gazette = data.sources / "harbour-gazette.txt"
    text = gazette.read_text(encoding="utf-8")
    assert QUOTE in text
    gazette.write_text(text.replace(QUOTE, "A charge is unfair,"), encoding="utf-8")
    assert "quote-not-found" in codes(same_as_without(data))
    gazette.write_text(text, encoding="utf-8")
    assert codes(same_as_without(data)) == []


def test_problems_name_files_as_seen_from_where_stancediff_runs(data: Copy, tmp_path: Path) -> None:
    data.edit("actors/mayor.yaml", "topic: weekend-charge", "topic: weekend-charges")
    here = same_as_without(data, cwd=data.root)
    assert here["problems"][0]["file"] == "positions/actors/mayor.yaml"
    (tmp_path / "elsewhere").mkdir()
    elsewhere = same_as_without(data, cwd=tmp_path / "elsewhere")  # the verdicts kept above, named from elsewhere
    assert elsewhere["problems"][0]["file"] == str(data.positions / "actors" / "mayor.yaml")


def test_an_entry_is_used_only_for_the_contents_it_was_made_from(data: Copy, own_cache: Path) -> None:
    data.edit("actors/mayor.yaml", "topic: weekend-charge", "topic: weekend-charges")
    broken = same_as_without(data)
    (path,) = cache_files(own_cache)
    cache = json.loads(path.read_text())
    # A forged cache: the clean verdict of another file put under the broken file's name, and
    # an entry claiming no problems: neither is for the mayor's file as it is, so neither is used.
    cache["files"]["actors/mayor.yaml"] = {**cache["files"]["actors/lena-park.yaml"]}
    path.write_text(json.dumps(cache))
    assert json.loads(run(data)[1]) == broken
    # A cache entry with the right sha256 but values of the wrong type is as none.
    same_as_without(data)
    cache = json.loads(path.read_text())
    entry = cache["files"]["actors/mayor.yaml"]
    entry["problems"] = [[1, "one", "unknown-topic", "x"]]
    path.write_text(json.dumps(cache))
    assert json.loads(run(data)[1]) == broken


@pytest.mark.parametrize(
    "content",
    [b"", b"\x80\x81 not UTF-8", b"[1, 2]", b'{"format": 1}', b"{" * 100_000, b"\x80" * 10, b"cos\nsystem\n"],
    ids=["empty", "bytes", "list", "partial", "deep", "binary", "pickle-like"],
)
def test_a_malformed_cache_is_as_no_cache(data: Copy, own_cache: Path, content: bytes) -> None:
    data.edit("actors/mayor.yaml", "topic: weekend-charge", "topic: weekend-charges")
    expected = run(data, "--no-cache")
    run(data)
    (path,) = cache_files(own_cache)
    path.write_bytes(content)
    assert run(data) == expected
    assert json.loads(path.read_text())["files"]  # and it is written anew


def test_no_cache_neither_reads_nor_writes_it(data: Copy, own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(data, "--no-cache")
    assert cache_files(own_cache) == []
    monkeypatch.setenv("STANCEDIFF_NO_CACHE", "1")
    run(data)
    assert cache_files(own_cache) == []
    monkeypatch.setenv("STANCEDIFF_NO_CACHE", "0")
    run(data)
    assert len(cache_files(own_cache)) == 1


def test_the_cache_lives_in_the_users_cache_folder_not_the_dataset(data: Copy, own_cache: Path) -> None:
    run(data)
    (path,) = cache_files(own_cache)
    assert path.parent == own_cache / "stancediff" / "validate"
    assert not [p for p in data.root.rglob("*") if "cache" in p.name]
    assert os.stat(path.parent).st_mode & 0o077 == 0


def test_an_unwritable_cache_folder_is_no_error(data: Copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert run(data) == run(data, "--no-cache")


def test_a_run_that_changes_nothing_leaves_the_cache_file_alone(data: Copy, own_cache: Path) -> None:
    run(data)
    (path,) = cache_files(own_cache)
    before = path.stat().st_ino
    run(data)
    assert path.stat().st_ino == before  # not written anew
    data.edit("actors/mayor.yaml", "summary: The mayor", "summary: Indeed, the mayor")
    run(data)
    assert path.stat().st_ino != before


def test_what_the_archive_allows_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive outside the project is read only for recorded sha256s, or where the user names it: a verdict
    made under one rule is never read under another."""
    from conftest import VALID

    positions, outside = tmp_path / "project" / "positions", tmp_path / "outside"
    shutil.copytree(VALID / "positions", positions)
    shutil.copytree(VALID / "sources", outside)
    sources = positions / "sources.yaml"
    sources.write_text("archive: ../../outside\n" + sources.read_text(encoding="utf-8"), encoding="utf-8")

    def report() -> dict:
        runs = [invoke("validate", "--positions", str(positions), "--format", "json", *extra) for extra in ((), ())]
        without = invoke("validate", "--positions", str(positions), "--format", "json", "--no-cache")
        assert [r.stdout for r in runs] == [without.stdout] * 2
        return json.loads(without.stdout)

    assert report()["counts"]["quotes_unchecked"] == 0  # each file's sha256 is recorded: read
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("    sha256: fa96", "    note: fa96"), encoding="utf-8")  # no sha256 now
    unread = report()
    assert "source-file-outside" in codes(unread) and unread["counts"]["quotes_unchecked"] > 0
    monkeypatch.setenv("STANCEDIFF_ARCHIVE", str(outside))  # the user names the folder: read freely
    named = report()
    assert "source-file-outside" not in codes(named) and named["counts"]["quotes_unchecked"] == 0


def test_the_actor_kinds_a_dataset_names_are_part_of_the_key(data: Copy) -> None:
    assert codes(same_as_without(data)) == []
    data.edit("sources.yaml", "sources:\n", "actor_kinds: [person, other]\nsources:\n")  # no analyst any more
    assert codes(same_as_without(data)) == ["invalid-choice"]


def test_a_run_whose_quote_pass_failed_keeps_nothing(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in the pass over every file's quotes is reported in every run, cache or not, and its quotes are
    counted as unchecked: no verdict of a failed run is kept."""
    from stancediff.checks import words

    def broken(self: object, quote: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(words.Finder, "locate", broken)
    report = same_as_without(data)
    assert codes(report) == ["internal-error"]
    assert report["counts"]["quotes_checked"] == 0 and report["counts"]["quotes_unchecked"] == 4


def test_a_kept_verdict_spares_the_reading_of_its_file(data: Copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run after one edit parses topics.yaml, sources.yaml and the file edited, no other actor file."""
    from stancediff.format.load import Loader

    parsed: list[str] = []
    load_bytes = Loader.load_bytes

    def counted(self: Loader, data_: bytes, file: str) -> object:
        parsed.append(Path(file).name)
        return load_bytes(self, data_, file)

    monkeypatch.setattr(Loader, "load_bytes", counted)
    assert run(data)[0] == 0
    assert sorted(parsed) == ["lena-park.yaml", "mayor.yaml", "shopkeepers.yaml", "sources.yaml", "topics.yaml"]
    parsed.clear()
    data.edit("actors/mayor.yaml", "position: support", "position: oppose")
    first = run(data)
    assert sorted(parsed) == ["mayor.yaml", "sources.yaml", "topics.yaml"]
    assert first == run(data, "--no-cache")


def test_the_loaders_limits_are_part_of_the_key(data: Copy, own_cache: Path) -> None:
    from stancediff.checks.cache import Cache, cache_folder
    from stancediff.checks.validate import validate
    from stancediff.format.load import Loader

    def found(loader: Loader) -> list[tuple[str, str]]:
        cache = Cache(cache_folder(), data.positions, data.sources)
        report = validate(data.positions, data.sources, loader=loader, cache=cache)
        return [(Path(p.file).name, p.code) for p in report.problems]

    assert found(Loader()) == []
    assert ("mayor.yaml", "too-many-nodes") in found(Loader(max_nodes=40))  # an actor file, kept in the cache
    assert found(Loader()) == []
