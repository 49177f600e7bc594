"""Inter-coder reliability: Krippendorff's alpha of two codings or more (numpy loads only when it runs)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks.shown import for_views
from ..git.read import read_codings
from ..render.formats import FORMATS
from .options import format_option, ids_option, positions_option
from .output import emit, warn


@click.command("reliability")
@click.argument("codings", nargs=-1, required=True, metavar="A B [C]...")
@click.option(
    "--min-alpha",
    type=click.FloatRange(-1, 1),
    metavar="X",
    help="Exit 1 when the positions' alpha is below X, or cannot be worked out: for CI.",
)
@ids_option
@positions_option
@format_option(FORMATS)
def reliability_command(
    codings: tuple[str, ...], min_alpha: float | None, ids: bool, positions: Path | None, format_: str
) -> None:
    """How far independent codings of the same sources agree: Krippendorff's alpha.

    Each of A, B, ... is a dataset folder, or else a git revision, read at the
    dataset folder (--positions, found as every command finds it) without
    touching the working tree. The unit is (actor, topic, source): the
    position each coder recorded for that actor on that topic citing that
    source. Ordinal alpha on positions, overall and per topic, nominal alpha
    on basis, each with a 95% bootstrap interval; the units only some coders
    found; every disagreement with each coder's position and quotes
    (docs/views.md). Exit status: 1 below --min-alpha, 2 on usage or git
    trouble, else 0.
    """
    from ..analysis.reliability import reliability
    from ..views.reliability import reliability_view

    if len(codings) < 2:
        raise click.UsageError("reliability compares two codings or more: give A and B (folders or revisions)")
    readings = read_codings(codings, positions)
    shown = []
    for label, reading in readings:
        trusted = for_views(reading)
        warn(trusted.warnings)
        shown.append((label, trusted.dataset))
    result = reliability(shown)
    emit(reliability_view(result, ids), format_, FORMATS)
    if min_alpha is not None:
        value = result.position.value
        if value is None:
            click.echo(
                f"alpha on positions cannot be worked out ({result.position.verdict}); --min-alpha fails", err=True
            )
            sys.exit(1)
        if value < min_alpha:
            click.echo(f"alpha on positions is {value:.3f}, below --min-alpha {min_alpha:g}", err=True)
            sys.exit(1)


COMMANDS = (reliability_command,)
