"""Checking a dataset and learning the format: validate, explain, schema and docs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..checks.cache import Cache, cache_folder
from ..checks.cache import disabled as cache_disabled
from ..checks.validate import validate
from ..completion import dataset_kinds
from ..format.dataset import find_positions
from ..format.schema import FILES, schema_text
from ..manual import PAGES, page
from ..problems import CATALOGUE
from ..render.pager import write_paged
from ..render.problems import REPORTERS
from .options import format_option, output_options, paging, positions_option, sources_dir_option
from .output import emit


@click.command("validate")
@positions_option
@sources_dir_option
@format_option(REPORTERS, default=None)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--max-quoted",
    type=click.FloatRange(0, 1),
    help="The share of a source's words its quotes may reproduce, 0 to 1 (default: the dataset's "
    "max_quoted, else 0.2); checked with the quotes.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read and check every file, neither using nor updating the cache (also: STANCEDIFF_NO_CACHE=1).",
)
def validate_command(
    positions: Path | None,
    sources_dir: Path | None,
    format_: str | None,
    strict: bool,
    max_quoted: float | None,
    no_cache: bool,
) -> None:
    """Check the dataset: format, references, dates, evidence and quotes against the archive.

    The archive is --sources-dir, else the folder sources.yaml names with
    `archive:`. Reports every problem at once as path:line:column, with a code.
    The format defaults to github under GitHub Actions, else text. Exit
    status: 0 no errors, 1 errors (or warnings with --strict), 2 usage or I/O
    trouble.
    """
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    root = find_positions(positions)
    cache = None if no_cache or cache_disabled() else Cache(cache_folder(), root, sources_dir)
    report = validate(root, sources_dir, max_quoted=max_quoted, cache=cache)
    emit(report, format_ or default, REPORTERS)
    sys.exit(report.exit_code(strict))


@click.command("explain")
@click.argument("code", type=click.Choice(list(CATALOGUE)), metavar="CODE")
def explain_command(code: str) -> None:
    """What a problem code means and how to fix it (`stancediff docs problems` lists every code)."""
    entry = CATALOGUE[code]
    click.echo(f"{code} ({entry.severity}): {entry.title}\n\nmessage: {entry.template}\nfix: {entry.fix}")


@click.command("docs")
@click.argument("name", type=click.Choice(list(PAGES)), required=False, metavar="[PAGE]")
@output_options
def docs_command(name: str | None) -> None:
    """Print a page of the docs installed with stancediff (without PAGE, list the pages)."""
    if name is None:
        for listed, about in PAGES.items():
            click.echo(f"{listed.ljust(10)}{about}")
        click.echo("\nstancediff docs PAGE prints one (through the pager on a terminal).")
        return
    text = page(name)
    write_paged(lambda stream: stream.write(text), sys.stdout, paging())


@click.command("schema")
@click.argument("kind", type=click.Choice(list(FILES)))
@positions_option
def schema_command(kind: str, positions: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of one kind of file: actor, topics or sources.

    Generated from the same definitions that `validate` checks against; an
    actor's kinds are the dataset's `actor_kinds` where it names them (the
    dataset found as every command finds it), else the format's own.
    """
    click.echo(schema_text(kind, dataset_kinds(positions)), nl=False)


COMMANDS = (validate_command, explain_command, docs_command, schema_command)
