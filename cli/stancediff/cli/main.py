"""The `stancediff` group: its own options, and how library errors reach the user.

Library errors (`StancediffError`) become a one-line message and exit status
2; `NothingToShow` is an empty answer, said on stderr with exit status 0;
problems in the data are reported by the renderers and give exit status 1.
"""

from __future__ import annotations

import gc
import signal
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..errors import NothingToShow, StancediffError
from ..files import described, finish_output
from ..render.console import COLOR_MODES
from ..render.encoding import never_fail
from ..text import safe_line
from .options import COLOR_HELP, POSITIONS_HELP, no_pager_option


class Failure(click.ClickException):
    """A usage or I/O error: message on stderr, exit status 2."""

    exit_code = 2


class StancediffGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NothingToShow as empty:
            click.echo(safe_line(f"nothing to show: {empty}"), err=True)
            sys.exit(0)
        except StancediffError as error:
            raise Failure(safe_line(str(error))) from None
        except OSError as error:  # a full disk, a file-size limit, a file that cannot be read: a message, exit 2
            raise Failure(safe_line(described(error))) from None


@click.group(cls=StancediffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stancediff")
@click.option("--positions", type=click.Path(path_type=Path), help=POSITIONS_HELP)
@click.option("--color", type=click.Choice(COLOR_MODES), help=COLOR_HELP)
@no_pager_option
def main(positions: Path | None, color: str | None) -> None:
    """Record where actors stand on a contested issue, backed by quotes, and compare them.

    The dataset is found by --positions DIR (before or after the command), else
    $STANCEDIFF_POSITIONS, else the nearest positions/ folder from the current
    directory upwards.
    """


def run() -> None:
    """The `stancediff` console script.

    A run is short and builds large trees without reference cycles, which the
    cyclic garbage collector would traverse again and again for nothing (about
    0.6 s of 4.3 in validating the benchmark dataset, benchmarks/README.md), so
    it is off for the process; reference counting still frees everything.
    """
    gc.disable()
    # A reader that closes the pipe (`| head`) ends the program quietly, as it
    # ends git or cat: killed by SIGPIPE, not an error of ours, not exit 1.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    for stream in (sys.stdout, sys.stderr):  # an ASCII terminal or locale: glyphs fall back, nothing fails
        never_fail(stream)
    try:
        main()
    except SystemExit as done:
        sys.exit(finish_output(done.code, sys.stdout, sys.stderr))
