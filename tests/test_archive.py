"""Where the archive lives: `archive:` in sources.yaml, read relative to it; --sources-dir overrides it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Copy, invoke
from stancediff.format.archive import archive_dir
from stancediff.format.dataset import read_dataset


def named(data: Copy, folder: str) -> None:
    data.edit("sources.yaml", "sources:\n", f"archive: {folder}\nsources:\n")


def report(data: Copy, *extra: str) -> tuple[int, dict]:
    result = invoke("validate", "--positions", str(data.positions), "--format", "json", *extra)
    return result.exit_code, json.loads(result.stdout)


def test_quotes_are_checked_against_the_named_archive_without_sources_dir(
    data: Copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named(data, "../sources")
    data.edit("actors/mayor.yaml", "fairest way", "best way")
    monkeypatch.chdir(tmp_path)  # relative to sources.yaml, not to where stancediff runs
    status, found = report(data)
    assert status == 1
    assert [p["code"] for p in found["problems"]] == ["quote-not-found"]
    assert found["counts"]["quotes_unchecked"] == 0 and found["counts"]["quotes_checked"] == 4


def test_sources_dir_overrides_the_named_archive(data: Copy, tmp_path: Path) -> None:
    named(data, "../sources")
    other = tmp_path / "other"
    other.mkdir()
    status, found = report(data, "--sources-dir", str(other))
    assert status == 1
    assert {p["code"] for p in found["problems"]} == {"source-file-missing"}
    assert all(str(other) in p["message"] for p in found["problems"])


def test_an_absent_archive_is_a_warning_at_the_key_and_fails_strict(data: Copy) -> None:
    named(data, "../../elsewhere/seeds")
    status, found = report(data)
    assert status == 0  # the data are sound; only the quotes could not be checked
    [missing] = found["problems"]
    assert (missing["code"], missing["severity"], missing["line"], missing["column"]) == (
        "archive-missing",
        "warning",
        1,
        10,
    )
    assert missing["file"].endswith("sources.yaml")
    assert '"../../elsewhere/seeds"' in missing["message"] and "does not exist or is not a folder" in missing["message"]
    assert found["counts"]["quotes_unchecked"] == 4
    assert report(data, "--strict")[0] == 1


def test_an_archive_that_is_a_file_is_named_so(data: Copy) -> None:
    named(data, "../sources/harbour-gazette.txt")
    [missing] = report(data)[1]["problems"]
    assert missing["code"] == "archive-missing" and "is not a folder" in missing["message"]


@pytest.mark.parametrize("folder", ["/srv/archive", "C:/archive", "'\\\\server\\archive'", '"  "'])
def test_an_absolute_or_blank_archive_is_refused(data: Copy, folder: str) -> None:
    named(data, folder)
    status, found = report(data)
    assert status == 1
    assert [(p["code"], p["line"]) for p in found["problems"]] == [("invalid-format", 1)]


def test_archive_dir_is_one_function_for_every_command(data: Copy, tmp_path: Path) -> None:
    dataset = read_dataset(data.positions).dataset
    assert archive_dir(dataset).path is None and archive_dir(dataset).problem is None
    named(data, "../sources")
    dataset = read_dataset(data.positions).dataset
    assert archive_dir(dataset).path == data.positions / "../sources"
    assert archive_dir(dataset, tmp_path).path == tmp_path


def test_an_outside_file_changed_after_its_sha256_matched_is_not_used(tmp_path: Path) -> None:
    """A file outside the project is used only when its sha256 is the one recorded: the text used must be the
    contents hashed, not what the file holds by the time its text is read."""
    import hashlib

    from stancediff.checks.quotes import ArchivedTexts
    from stancediff.format.archive import ArchiveFolder
    from stancediff.format.dataset import read_texts

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_text("The charge pays for the trams.", encoding="utf-8")
    digest = hashlib.sha256((outside / "a.txt").read_bytes()).hexdigest()
    sources = f"sources:\n  - id: a\n    title: A\n    date: 2021-01-01\n    file: a.txt\n    sha256: {digest}\n"
    source = read_texts({"sources.yaml": sources}).dataset.source_ids["a"]
    project = tmp_path / "project"
    project.mkdir()
    reader = ArchivedTexts(ArchiveFolder(outside, project=str(project)))
    assert isinstance(reader.path_of(source), str)  # hashed, and matched
    (outside / "a.txt").write_text("SECRET: what the runner holds.", encoding="utf-8")
    text, problems = reader.text_of(source)
    assert text is None
    assert [p.code for p in problems] == ["source-file-unreadable"] and "changed" in problems[0].message
    fresh = ArchivedTexts(ArchiveFolder(outside, project=str(project)))
    assert fresh.text_of(source)[0] is None  # read anew, it no longer matches
