"""The docs keep up with the code: problem codes, commands, options and format keys."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest

from conftest import PROJECT, invoke
from stancediff.cli import main
from stancediff.curation import init as scaffold
from stancediff.format import spec
from stancediff.manual import PAGES
from stancediff.problems import CATALOGUE

README = (PROJECT / "README.md").read_text(encoding="utf-8")
FORMAT = (PROJECT / "docs" / "format.md").read_text(encoding="utf-8")


def test_generated_docs_are_current() -> None:
    sys.path.insert(0, str(PROJECT / "docs"))
    try:
        from generate import pages
    finally:
        sys.path.pop(0)
    stale = [path.name for path, text in pages().items() if path.read_text(encoding="utf-8") != text]
    assert not stale, f"stale: {stale}; run python docs/generate.py"


def test_problem_codes_page_has_every_code() -> None:
    page = (PROJECT / "docs" / "problems.md").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert f"\n### {code}\n" in page


def test_cli_reference_has_every_command() -> None:
    page = (PROJECT / "docs" / "cli.md").read_text(encoding="utf-8")
    context = click.Context(main)
    for name in main.list_commands(context):
        assert f"\n## `stancediff {name}`\n" in page
        assert f"Usage: stancediff {name} [OPTIONS]" in page


SHARED_OPTIONS = ("--color", "--no-pager")  # every command's, documented once


def test_every_command_and_option_is_in_the_readme() -> None:
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        section = re.search(rf"^### `stancediff {name}\b.*?(?=^### |\Z)", README, re.M | re.S)
        assert section, f"README has no section for `stancediff {name}`"
        for option in command.params:
            if isinstance(option, click.Option):
                long_name = max(option.opts, key=len)
                where = README if long_name in SHARED_OPTIONS else section.group()
                assert f"`{long_name}" in where, f"README does not document {name} {long_name}"
    assert "### `stancediff --version`" in README


def test_every_key_of_the_format_is_documented() -> None:
    for record in spec.RECORDS:
        assert f"<!-- keys: {record.name} -->" in FORMAT, f"docs/format.md has no key table for {record.name}"
        for field in record.fields:
            assert f"| `{field.name}` |" in FORMAT, f"docs/format.md does not document {record.name} key {field.name}"
            for choice in field.choices:
                assert f"`{choice}`" in FORMAT


def test_ci_runs_exactly_the_readme_test_command() -> None:
    commands = re.findall(r"^```sh\n(.+?)\n```", README, re.M)
    test_command = next(c for c in commands if "pytest" in c)
    ci = (PROJECT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_the_docs_command_prints_the_installed_pages() -> None:
    listing = invoke("docs")
    assert listing.exit_code == 0 and all(f"\n{name}" in "\n" + listing.stdout for name in PAGES)
    for name in PAGES:
        result = invoke("docs", name)
        assert result.exit_code == 0
        assert result.stdout == (PROJECT / "docs" / f"{name}.md").read_text(encoding="utf-8")
    assert invoke("docs", "nonsense").exit_code == 2


def test_what_a_user_reads_names_no_docs_folder(tmp_path: Path) -> None:
    """A pip install has no docs/ folder: init's files, problem fixes and help name `stancediff docs` instead."""
    written = [path.read_text(encoding="utf-8") for path in scaffold.create(tmp_path / "positions")]
    fixes = [entry.fix for entry in CATALOGUE.values()]
    helps = [invoke(*command, "--help").stdout for command in (["explain"], ["compare"], ["docs"])]
    for text in (*written, *fixes, *helps):
        assert "docs/" not in text, text


@pytest.mark.slow
def test_a_wheel_carries_the_docs(tmp_path: Path) -> None:
    """Build the wheel `pip install .` builds (isolated, as it does) and run `stancediff docs` from it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), PROJECT],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("stancediff-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "installed")
    assert {f"stancediff/docs/{name}.md" for name in PAGES} <= set(names)
    code = "import stancediff, sys; from stancediff.cli import main; print(stancediff.__file__); main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "docs", "problems"],
        env={**os.environ, "PYTHONPATH": str(tmp_path / "installed")},
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    where, _, text = result.stdout.partition("\n")
    assert where.startswith(str(tmp_path / "installed")), where  # the wheel's package, not the checkout's
    assert result.returncode == 0 and text == (PROJECT / "docs" / "problems.md").read_text(encoding="utf-8")


def test_every_page_the_readme_cites_is_installed() -> None:
    cited = set(re.findall(r"docs/([a-z-]+)\.md", README)) - {"dataset-notes"}  # about the shipped data, not the tool
    assert cited and cited <= set(PAGES), cited - set(PAGES)
