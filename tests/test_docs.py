"""The docs keep up with the code: problem codes, commands, options and format keys."""

from __future__ import annotations

import re
import sys

import click

from conftest import PROJECT
from stancediff.cli import main
from stancediff.format import spec
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
        assert f"\n## {code}\n" in page


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
