"""The renderers, tested directly on a hand-built `View`, as check-jsonschema tests its reporters.

Markdown and CSV are compared with the exact text expected, written out here
by hand; the terminal table is checked for what must and must not be there.
"""

from __future__ import annotations

import io
import json
import re

import click

from stancediff.cli import main
from stancediff.render.formats import CHANGES_FORMATS, FORMATS, SEARCH_FORMATS
from stancediff.views.view import LEGEND, Cell, Records, Table, View

VIEW = View(
    title="Tolls | <b>",
    data={"answer": "caf\u00e9", "hidden": "a\u202eb"},
    facts=(("as of", "2021-03"),),
    tables=(
        Table(
            ("topic", "mayor", "says"),
            (
                (Cell("Congestion", "strong"), Cell("support*", "support", short="++*"), Cell("Backs it.\nFor trams.")),
                (Cell("=SUM(A1)", "strong"), Cell("", "muted", short="·"), Cell("a|b & <i>")),
            ),
            prose=(2,),
        ),
        Table(("source", "title"), ((Cell("paper"), Cell("The \x1b[31mpaper")),), title="Sources"),
    ),
    notes=("++ support", "agreement: 1.00"),
)


def render(name: str, view: View = VIEW) -> str:
    stream = io.StringIO()
    FORMATS[name].render(view, stream)
    return stream.getvalue()


def test_markdown_exactly() -> None:
    """Prose as prose: what Markdown would read is backslash-escaped, and renders as the data itself."""
    assert render("markdown") == (
        "### Tolls \\| \\<b\\>\n"
        "\n"
        "- as of: 2021-03\n"
        "\n"
        "| topic | mayor | says |\n"
        "| --- | --- | --- |\n"
        "| Congestion | support\\* | Backs it.<br>For trams. |\n"
        "| \\=SUM(A1) |  | a\\|b \\& \\<i\\> |\n"
        "\n"
        "**Sources**\n"
        "\n"
        "| source | title |\n"
        "| --- | --- |\n"
        "| paper | The \\\\x1b\\[31mpaper |\n"
        "\n"
        "\\++ support\n"
        "\n"
        "agreement: 1.00\n"
        "\n"
    )


def test_csv_exactly() -> None:
    assert render("csv") == ('topic,mayor,says\nCongestion,support*,"Backs it.\nFor trams."\n\'=SUM(A1),,a|b & <i>\n')


MARKED = View(
    title="Positions",
    data={},
    tables=(
        Table(
            ("topic", "mayor", "union"),
            ((Cell("Tolls"), Cell("lean-oppose*^", "lean-oppose", short="-*^"), Cell("", "muted", short="·")),),
        ),
    ),
    notes=("a note",),
    records=Records(
        ("topic", "actor", "position", "value", "conditions", "summary"),
        (
            ("tolls", "mayor", "lean-oppose", -1, "if trams run\nand buses", "-sure"),
            ("tolls", "union", "support", 2, None, "=1+1"),
        ),
    ),
    legend=True,
)


def test_csv_writes_the_records_numbers_as_numbers_and_text_inert() -> None:
    assert render("csv", MARKED) == (
        "topic,actor,position,value,conditions,summary\n"
        'tolls,mayor,lean-oppose,-1,"if trams run\nand buses",\'-sure\n'
        "tolls,union,support,2,,'=1+1\n"
    )


def test_markdown_legend_explains_the_marks_its_cells_use_and_no_other() -> None:
    text = render("markdown", MARKED)
    assert "| Tolls | lean-oppose\\*^ |  |" in text
    assert "\n`*` reported by others, `^` with conditions\n\na note\n" in text
    assert "++" not in text and "~" not in text
    unmarked = View(
        "Positions",
        {},
        tables=(Table(("topic", "mayor"), ((Cell("Tolls"), Cell("support", "support", short="++")),)),),
        legend=True,
    )
    assert "reported" not in render("markdown", unmarked)


def test_table_legend_explains_its_symbols() -> None:
    text = render("table", MARKED)
    assert "-*^" in text and LEGEND in " ".join(text.split())


def test_json_is_the_views_document_with_invisible_characters_escaped() -> None:
    text = render("json")
    assert json.loads(text) == VIEW.data
    assert "\\u202e" in text and "\u202e" not in text
    assert "café" in text  # other text stays as it is


def test_table_when_piped_is_plain_and_literal() -> None:
    text = render("table")
    assert "\x1b" not in text.replace("\\x1b", "")
    assert "Tolls | <b>" in text and "++*" in text and "·" in text
    assert "The \\x1b[31mpaper" in text
    assert text.rstrip().endswith("agreement: 1.00")


def test_a_matrix_of_one_column_renders() -> None:
    """Found by fuzzing: a matrix without actor columns crashed the table renderer."""
    lone = View("Positions", {}, tables=(Table(("topic",), ((Cell("Topic A", "strong"),),), matrix=True),))
    assert "Topic A" in render("table", lone)


def test_every_view_command_offers_the_registrys_formats() -> None:
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        (option,) = [p for p in command.params if p.name == "format_"] or [None]
        if option is None or name in (
            "validate",
            "quote",
            "export",
            "network",
        ):  # a report, a finding, files and graphs: their own registries
            continue
        expected = {"changes": CHANGES_FORMATS, "log": CHANGES_FORMATS, "search": SEARCH_FORMATS}.get(name, FORMATS)
        assert list(option.type.choices) == list(expected), name  # type: ignore[attr-defined]
        assert all(f"{format_} (" in (option.help or "") for format_ in expected)


def test_a_long_table_is_laid_out_the_same_way_plain_and_styled() -> None:
    from stancediff.render.console import TerminalBuffer
    from stancediff.render.long import LONG

    rows = tuple(
        (Cell(f"2020-{n % 12 + 1:02d}", None), Cell("support*", "support", short="++*"), Cell("word " * 20 + f"end{n}"))
        for n in range(LONG + 1)
    )
    view = View("Long", {}, tables=(Table(("date", "position", "summary"), rows, prose=(2,)),))

    class Plain(io.StringIO):
        width = 60

    plain = Plain()
    FORMATS["table"].render(view, plain)
    lines = plain.getvalue().splitlines()
    assert lines[1].split() == ["date", "position", "summary"] and set(lines[2].strip()) == {"─"}
    assert max(len(line) for line in lines) <= 60  # the summaries wrap to the width left
    assert lines[3].startswith("  2020-01  ++*") and "end0" not in lines[3]  # wrapped onto the next lines
    assert sum("end" in line for line in lines) == LONG + 1
    styled = TerminalBuffer(60)
    FORMATS["table"].render(view, styled)
    assert "\x1b[" in styled.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled.getvalue()).splitlines() == lines


def test_csv_starts_no_line_with_a_workflow_command() -> None:
    rows = (("a", "Fine.\n::error title=x::pwned"), ("::add-mask::b", "ok"))
    view = View("Hostile", {}, records=Records(("id", "summary"), rows))
    text = render("csv", view)
    assert not any(line.lstrip().startswith("::") for line in text.splitlines())
    assert "\\x3a:error title=x::pwned" in text and "\\x3a:add-mask::b" in text


def test_csv_fields_are_quoted_as_the_csv_module_quotes_them_across_batches() -> None:
    # Rows are joined by render/csv.py itself, a batch at a time, each value made a field once:
    # the result must be what the csv module writes, value by value, for every kind of value,
    # and 1, 1.0 and True (equal as dict keys) must each stay what it is.
    import csv as csvmodule

    from stancediff.render.csv import _cell

    values = ["plain", 'with "quotes"', "a,b", "two\nlines", "", None, "=1+1", "-2", 1, 1.0, True, 0.25, -2, "é ü"]
    rows = [(values[i % len(values)], values[(i * 7) % len(values)], i, i / 3) for i in range(20_000)]
    rows += [(1.0, 1, True, 0.5), (1, 1.0, 1, 1.5), ("", "", 0, 0.0)]
    expected = io.StringIO()
    writer = csvmodule.writer(expected, lineterminator="\n")
    writer.writerow(["a", "b", "n", "share"])
    writer.writerows([_cell(value) for value in row] for row in rows)
    view = View("Many", {}, records=Records(("a", "b", "n", "share"), iter(rows)))
    assert render("csv", view) == expected.getvalue()
    single = View("One", {}, records=Records(("a",), [("",), ("x",), (None,)]))
    assert render("csv", single) == 'a\n""\nx\n""\n'


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_matrix_is_written_as_the_standard_library_writes_its_rows() -> None:
    """`Matrix` takes a fast path (each distinct value formatted once); its JSON is the standard library's."""
    import numpy as np

    from stancediff.render.json import write_json
    from stancediff.views.view import Matrix

    scores = np.array([[np.nan, 0.1234567, 1 / 3], [0.1234567, np.nan, 1e-7], [1 / 3, 1e-7, np.nan]])
    shared = np.array([[0, 2, 1], [2, 0, 12], [1, 12, 0]])
    document = {
        "label": "a\x00 ::b",  # escaped as ever, beside the matrices
        "agreement": Matrix(scores),
        "nested": [{"shared": Matrix(shared)}, Matrix(np.zeros((2, 0))), Matrix(np.zeros((0, 0)))],
    }
    plain = {
        "label": "a\x00 ::b",
        "agreement": [[None, 0.123457, 0.333333], [0.123457, None, 0.0], [0.333333, 0.0, None]],
        "nested": [{"shared": [[0, 2, 1], [2, 0, 12], [1, 12, 0]]}, [[], []], []],
    }
    piped = io.StringIO()
    write_json(document, piped)
    expected = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
    assert piped.getvalue() == expected + "\n"
    terminal = _Terminal()
    write_json(document, terminal)
    assert json.loads(terminal.getvalue()) == plain
    lines = terminal.getvalue().splitlines()
    assert "    [1,12,0]" not in lines and "        [1,12,0]" in lines  # a row a line, one step below its key
    assert "  ]," in lines  # the matrix closes at its key's indent


def test_no_string_of_the_data_passes_for_a_matrix() -> None:
    """A matrix's place in the encoded text holds a token drawn anew for each document: strings shaped as any
    fixed placeholder would be stay strings beside a real matrix."""
    import numpy as np

    from stancediff.render.json import write_json
    from stancediff.views.view import Matrix

    shapes = ["\x000\x00", "\x00matrix:0\x00", "\x000000000000000000:0\x00", "\x00\x00", "\\u00000\\u0000"]
    document = {"matrix": Matrix(np.array([[1.0]])), "names": shapes}
    for out in (io.StringIO(), _Terminal()):
        write_json(document, out)
        assert json.loads(out.getvalue()) == {"matrix": [[1.0]], "names": shapes}
