"""Taking the data further: the HTML report and the exports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..checks.shown import for_views
from ..export.run import EXPORTS, STDOUT, export
from ..format.dataset import display_path, find_positions, read_dataset
from ..format.model import PartialDate
from ..git.read import read_codings
from ..render.problems import report_text
from .options import as_of_option, format_option, positions_option, sources_dir_option
from .output import warn


@click.command("report")
@click.option(
    "-o",
    "--output",
    default="stancediff-report.html",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The HTML file to write; - for stdout.",
)
@as_of_option
@click.option("--title", help="The page's title (default: Who stands where).")
@click.option("--force", is_flag=True, help="Overwrite FILE even when it is not a report stancediff wrote.")
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="DIR|REV",
    help="Another coding of the same sources (a folder or a git revision, as for `reliability`): adds a "
    "reliability section (repeat for more).",
)
@positions_option
def report_command(
    output: Path,
    as_of: PartialDate | None,
    title: str | None,
    force: bool,
    coders: tuple[str, ...],
    positions: Path | None,
) -> None:
    """Write one self-contained HTML page: pictures, tables and every stance's evidence.

    The page makes no network request and reads without JavaScript; open it in
    any browser, or send it as it is. It replaces a report written before, and
    nothing else unless --force. With --coder, a section gives Krippendorff's
    alpha of this dataset against the other codings, and their disagreements.
    """
    from ..report import content as report_content  # Jinja2, loaded only for the report
    from ..report import html as report_html

    folder = find_positions(positions)
    reading = read_dataset(folder)
    shown = for_views(reading)  # the views' dataset: duplicates and unknown references left out, and said
    warn(shown.warnings)
    errors = sum(p.severity == "error" for p in reading.problems)
    agreement = None
    if coders:
        from ..analysis.reliability import reliability

        codings = [(display_path(folder), shown.dataset)]
        for label, other in read_codings(coders, folder):
            trusted = for_views(other)
            warn(trusted.warnings)
            codings.append((label, trusted.dataset))
        agreement = reliability(codings)
    page = report_html.render(report_content.build(shown.dataset, title, as_of, errors, agreement))
    if str(output) == "-":
        click.echo(page, nl=False)
    else:
        report_html.write(output, page, force)
        click.echo(f"wrote {output}", err=True)


@click.command("export")
@format_option(EXPORTS, default=None, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="PATH",
    help=f"The file to write (a folder for datapackage and parquet); {STDOUT} for stdout (csv, json, web-annotation).",
)
@as_of_option
@click.option(
    "--force", is_flag=True, help="Replace PATH if it exists (a folder only if it holds an export stancediff wrote)."
)
@click.option(
    "--metadata",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --format sqlite, also write datasette's metadata to FILE (`datasette DB -m FILE`).",
)
@sources_dir_option
@positions_option
def export_command(
    format_: str,
    output: str,
    as_of: PartialDate | None,
    force: bool,
    metadata: Path | None,
    sources_dir: Path | None,
    positions: Path | None,
) -> None:
    """Write the dataset as SQLite, CSV, a data package, JSON, Parquet or W3C Web Annotations (docs/exports.md).

    Checks the dataset first, as validate does (every quote against its
    source), and writes nothing when it has errors (exit 1). Writes to a
    temporary file beside PATH, renamed into place when whole.
    """
    report = export(find_positions(positions), format_, output, as_of, force, sys.stdout, sources_dir, metadata)
    if report.counts.errors:
        report_text(report, sys.stderr)
        click.echo("nothing exported: fix the errors above first", err=True)
        sys.exit(1)


COMMANDS = (report_command, export_command)
