"""Importing a spreadsheet: the problems `stancediff import` finds in a sheet's header and rows.

Each is reported at its row and column (`stances.csv:3:5`); the stance a row
makes is also checked as `validate` checks one, with `validate`'s codes.
"""

from __future__ import annotations

from ..problems import Code

CODES: dict[str, Code] = {
    "import-unknown-column": Code.error(
        "Unknown column in an import",
        "unknown column {column}{hint}",
        "Name the columns as `stancediff export --format csv` does; `stancediff docs curation` lists them.",
    ),
    "import-missing-column": Code.error(
        "Missing column in an import",
        "the column {column} is missing; a stance needs it",
        "Add the column, as `stancediff export --format csv` writes it.",
    ),
    "import-unknown-actor": Code.error(
        "Unknown actor in an import",
        "no actor {value} in the dataset{hint}",
        "Add the actor (`stancediff add actor`), correct the id, or import with --create to make it from the row's "
        "`actor_name` and `actor_kind`.",
    ),
    "import-unarchived-source": Code.error(
        "Quote that cannot be checked",
        "source {value} has no archived text (`file`), so its quote cannot be checked",
        "Archive the text with `stancediff add source FILE` and cite that source.",
    ),
}
