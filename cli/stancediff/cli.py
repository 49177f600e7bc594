"""The command line: a thin click layer over the library.

Each command parses its options into a small value object, calls the library,
and hands the result to a renderer chosen by `--format`. Library errors
(`StancediffError`) become a one-line message and exit status 2; problems in
the data are reported by the renderers and give exit status 1.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from . import __version__
from .dataset import ENV_VAR, find_positions
from .errors import StancediffError
from .render.problems import REPORTERS
from .validate import validate


class Failure(click.ClickException):
    """A usage or I/O error: message on stderr, exit status 2."""

    exit_code = 2


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StancediffError as error:
            raise Failure(str(error)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancediff")
def main() -> None:
    """Record where actors stand on a contested issue, backed by quotes, and compare them.

    The dataset is found by --positions DIR, else $STANCEDIFF_POSITIONS, else the
    nearest positions/ folder from the current directory upwards.
    """


def positions_option(function: Any) -> Any:
    return click.option(
        "--positions",
        type=click.Path(path_type=Path),
        help=f"The dataset folder (default: ${ENV_VAR}, else the nearest positions/ upwards).",
    )(function)


@dataclass(frozen=True)
class ValidateOptions:
    positions: Path | None
    sources_dir: Path | None
    format: str
    strict: bool


@main.command("validate")
@positions_option
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the archived source texts; every quote is checked against its source.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(list(REPORTERS)),
    help="Output format (default: github under GitHub Actions, else text).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate_command(positions: Path | None, sources_dir: Path | None, format_: str | None, strict: bool) -> None:
    """Check the dataset: format, references, dates, evidence and (with --sources-dir) quotes.

    Reports every problem at once as path:line:column, with a code. Exit status:
    0 no errors, 1 errors (or warnings with --strict), 2 usage or I/O trouble.
    """
    default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = ValidateOptions(positions, sources_dir, format_ or default, strict)
    report = validate(find_positions(options.positions), options.sources_dir)
    REPORTERS[options.format](report, sys.stdout)
    sys.exit(report.exit_code(options.strict))


def run() -> None:
    """The `stancediff` console script.

    A run is short and builds large trees without reference cycles, which the
    cyclic garbage collector would traverse again and again for nothing (a
    third of the time of validating a large dataset, benchmarks/README.md), so
    it is off for the process; reference counting still frees everything.
    """
    gc.disable()
    main()
