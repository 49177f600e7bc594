"""The renderers, tested directly on a hand-built `View`, as check-jsonschema tests its reporters.

Markdown and CSV are compared with the exact text expected, written out here
by hand; the terminal table is checked for what must and must not be there.
"""

from __future__ import annotations

import io
import json

import click

from stancediff.cli import main
from stancediff.render.formats import CHANGES_FORMATS, FORMATS
from stancediff.views.view import Cell, Table, View

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
    assert render("markdown") == (
        "### Tolls \\| &lt;b>\n"
        "\n"
        "- as of: 2021-03\n"
        "\n"
        "| topic | mayor | says |\n"
        "| --- | --- | --- |\n"
        "| Congestion | support* | Backs it.<br>For trams. |\n"
        "| =SUM(A1) |  | a\\|b &amp; &lt;i> |\n"
        "\n"
        "**Sources**\n"
        "\n"
        "| source | title |\n"
        "| --- | --- |\n"
        "| paper | The \\\\x1b[31mpaper |\n"
        "\n"
        "++ support\n"
        "\n"
        "agreement: 1.00\n"
        "\n"
    )


def test_csv_exactly() -> None:
    assert render("csv") == ('topic,mayor,says\nCongestion,support*,"Backs it.\nFor trams."\n\'=SUM(A1),,a|b & <i>\n')


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
        if option is None or name in ("validate", "export"):  # their own registries: REPORTERS, EXPORTS
            continue
        expected = CHANGES_FORMATS if name == "changes" else FORMATS
        assert list(option.type.choices) == list(expected), name  # type: ignore[attr-defined]
        assert all(f"{format_} (" in (option.help or "") for format_ in expected)
