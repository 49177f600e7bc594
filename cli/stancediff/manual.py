"""The docs a user needs, installed with the package: `stancediff docs PAGE` prints them.

The pages are copies of docs/format.md, problems.md, views.md and curation.md,
written into the package by docs/generate.py (tests/test_docs.py fails when
they differ), so that a `pip install` has them as a checkout does, as
`git help` has git's.
"""

from __future__ import annotations

from importlib import resources

PAGES = {
    "format": "the files, records and keys of a dataset, and the rules validate enforces",
    "problems": "every problem code validate reports, with its meaning and fix",
    "views": "the JSON each view gives with --format json",
    "curation": "add, import, edit, rm, rename, merge and log, each with a worked example",
}
FOLDER = "docs"  # inside the package


def page(name: str) -> str:
    """The text of one page (a name in `PAGES`)."""
    return (resources.files("stancediff") / FOLDER / f"{name}.md").read_text(encoding="utf-8")
