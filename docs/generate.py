"""Write the generated parts of the docs from the code's own definitions.

    python docs/generate.py          # rewrite them
    python docs/generate.py --check  # exit 1, naming the stale files, if any is out of date

- docs/problems.md, from the problem catalogue (stancediff.problems.CATALOGUE);
- the key tables of docs/format.md, between `<!-- keys: RECORD -->` and
  `<!-- end keys -->`, from the format's definition (stancediff.format.spec);
- docs/cli.md, the command reference, from click's own help of every command;
- the copies of docs/format.md, problems.md and views.md installed with the
  package (cli/stancediff/docs/), which `stancediff docs PAGE` prints.
- the table references of docs/exports.md, between `<!-- tables: WHICH -->` and
  `<!-- end tables -->`, from the exports' tables (stancediff.export);
- schemas/, the JSON Schema of each kind of file (stancediff.format.schema),
  which editors read through the `$schema` line of each dataset file.

tests/test_docs.py fails when a committed file differs from this output.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from stancediff.cli import main
from stancediff.export.tables import Column, Table, dataset_tables
from stancediff.export.tidy import tidy_stances
from stancediff.format import spec
from stancediff.format.model import Dataset
from stancediff.format.schema import FILES, schema_text
from stancediff.manual import FOLDER, PAGES
from stancediff.problems import CATALOGUE

DOCS = Path(__file__).parent
INSTALLED = DOCS.parent / "cli" / "stancediff" / FOLDER  # the pages installed with the package
SCHEMAS = DOCS.parent / "schemas"
WIDTH = 88  # the help text's width in docs/cli.md

PROBLEMS_HEADER = """# Problem codes

Every problem `stancediff validate` reports has a code, shown at the end of each
line (`path:line:column: severity code message`). Errors make `validate` exit 1;
warnings do too with `--strict`. This page is generated from the catalogue in
`cli/stancediff/problems.py` by `docs/generate.py`; do not edit it by hand.

| code | severity | title |
| --- | --- | --- |
"""


def problems_page() -> str:
    rows = "".join(f"| [`{code}`](#{code}) | {c.severity} | {c.title} |\n" for code, c in CATALOGUE.items())
    sections = [
        f"## {code}\n\n**{c.title}** ({c.severity})\n\nMessage: `{c.template}`\n\nFix: {c.fix}\n"
        for code, c in CATALOGUE.items()
    ]
    return PROBLEMS_HEADER + rows + "\n" + "\n".join(sections)


def _value(field: spec.Field) -> str:
    if field.kind is spec.Kind.CHOICE:
        return "one of " + ", ".join(f"`{choice}`" for choice in field.choices)
    if field.kind is spec.Kind.RECORDS:
        assert field.record is not None
        return f"a list of {field.record.plural}"
    return field.rule.description


def key_table(record: spec.Record) -> str:
    """The table of a record's keys, as docs/format.md shows it."""
    rows = "".join(
        f"| `{f.name}` | {'yes' if f.required else 'no'} | {_value(f)} | {f.description} |\n" for f in record.fields
    )
    return "| key | required | value | what it holds |\n| --- | --- | --- | --- |\n" + rows


_KEYS = re.compile(r"(<!-- keys: (?P<record>[a-z ]+) -->\n).*?(<!-- end keys -->)", re.S)


def format_page(text: str) -> str:
    """docs/format.md with each key table written anew from the spec."""
    records = {record.name: record for record in (*spec.RECORDS, spec.SOURCES_FILE)}
    return _KEYS.sub(lambda m: m.group(1) + key_table(records[m.group("record")]) + m.group(3), text)


def _column_row(column: Column) -> str:
    what = column.description.replace("(see *Dates*)", "(see [*Dates*](format.md#dates))")
    if column.references:
        what += f" Refers to `{column.references}.id`."
    if column.choices:
        what += " One of " + ", ".join(f"`{choice}`" for choice in column.choices) + "."
    return f"| `{column.name}` | {column.type} | {'yes' if column.required else 'no'} | {what} |\n"


def table_doc(table: Table) -> str:
    """One table of the exports, as docs/exports.md lists it."""
    key = ", ".join(f"`{name}`" for name in table.key)
    header = "| column | type | required | what it holds |\n| --- | --- | --- | --- |\n"
    return (
        f"#### `{table.name}`\n\n{table.description} Primary key: {key}.\n\n"
        + header
        + "".join(_column_row(column) for column in table.columns)
    )


_EXPORT_TABLES = re.compile(r"(<!-- tables: (?P<which>[a-z]+) -->\n).*?(<!-- end tables -->)", re.S)


def exports_page(text: str) -> str:
    """docs/exports.md with its table references written anew from the export's tables (and so from the spec)."""
    empty = Dataset(Path("."), (), (), ())
    tables = {"sqlite": dataset_tables(empty), "tidy": [tidy_stances(empty)]}

    def written(match: re.Match[str]) -> str:
        chosen = tables[match.group("which")]
        return match.group(1) + "\n" + "\n".join(table_doc(table) for table in chosen) + "\n" + match.group(3)

    return _EXPORT_TABLES.sub(written, text)


def cli_page() -> str:
    """The reference of every command: click's own help, at a fixed width."""
    parts = [
        "# Command reference\n\n"
        "Every command's `--help`, generated by `docs/generate.py` from the commands themselves; "
        "do not edit it by hand.\n"
    ]

    def add(command: click.Command, path: list[str], parent: click.Context | None) -> None:
        settings = {"max_content_width": WIDTH, **command.context_settings}
        context = click.Context(command, info_name=path[-1], parent=parent, **settings)
        context.terminal_width = WIDTH
        title = " ".join(path)
        parts.append(f"\n## `{title}`\n\n```text\n{command.get_help(context)}\n```\n")
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None
                add(sub, [*path, name], context)

    add(main, ["stancediff"], None)
    return "".join(parts)


def pages() -> dict[Path, str]:
    """Every generated file, with the text it should hold."""
    written = {
        DOCS / "problems.md": problems_page(),
        DOCS / "format.md": format_page((DOCS / "format.md").read_text(encoding="utf-8")),
        DOCS / "cli.md": cli_page(),
        DOCS / "exports.md": exports_page((DOCS / "exports.md").read_text(encoding="utf-8")),
    }
    for kind in FILES:
        written[SCHEMAS / f"{kind}.schema.json"] = schema_text(kind)
    for name in PAGES:
        source = DOCS / f"{name}.md"
        written[INSTALLED / f"{name}.md"] = written.get(source) or source.read_text(encoding="utf-8")
    return written


def main_() -> int:
    stale = []
    for path, text in pages().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(str(path.relative_to(DOCS.parent)))
            if "--check" not in sys.argv:
                path.parent.mkdir(exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if stale and "--check" in sys.argv:
        print("stale: " + ", ".join(stale) + "; run python docs/generate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main_())
