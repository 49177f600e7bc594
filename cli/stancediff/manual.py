"""The docs a user needs, installed with the package: `stancediff docs PAGE` prints them.

The pages are copies of the docs/*.md a user reads (every one the README
cites; tests/test_docs.py holds that), written into the package by docs/generate.py (tests/test_docs.py fails when
they differ), so that a `pip install` has them as a checkout does, as
`git help` has git's.
"""

from __future__ import annotations

from importlib import resources

PAGES = {
    "format": "the files, records and keys of a dataset, and the rules validate enforces",
    "problems": "every problem code validate reports, with its meaning and fix",
    "views": "the JSON each view gives with --format json, and the methods behind them",
    "cli": "every command and option, as --help gives them",
    "curation": "building a dataset: init, add, quote, import, edit, rm, rename, merge and log, with examples",
    "exports": "the SQLite, CSV, data package and JSON exports, and how to query them",
    "report": "the HTML report: what it shows and how it is built",
    "ci": "checking a dataset in CI: GitHub Actions, pre-commit, annotations",
}
FOLDER = "docs"  # inside the package


def page(name: str) -> str:
    """The text of one page (a name in `PAGES`)."""
    return (resources.files("stancediff") / FOLDER / f"{name}.md").read_text(encoding="utf-8")
