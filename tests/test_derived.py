"""Lists derived from the code: every command has help, docs, an example run; every view a JSON shape.

As sqlite-utils' test_docs walks `cli.commands`: adding a command or a
view without its docs or its example fails here.
"""

from __future__ import annotations

import re

from commands import EXAMPLES, command_names, get, view_names
from conftest import PROJECT

VIEWS_PAGE = (PROJECT / "docs" / "views.md").read_text(encoding="utf-8")
CLI_PAGE = (PROJECT / "docs" / "cli.md").read_text(encoding="utf-8")
README = (PROJECT / "README.md").read_text(encoding="utf-8")


def test_every_command_has_an_example() -> None:
    assert sorted(EXAMPLES) == sorted(command_names())


def test_every_command_has_help_a_readme_section_and_a_reference_entry() -> None:
    for name in command_names():
        assert (get(name).help or "").strip(), f"{name} has no help"
        assert f"## `stancediff {name}`" in CLI_PAGE, f"docs/cli.md has no entry for {name}"
        top = name.split()[0]
        assert re.search(rf"^### `stancediff {top}\b", README, re.M), f"README has no section for {top}"


def test_every_view_has_its_json_shape_in_the_views_page() -> None:
    views = view_names()
    assert {"compare", "diff", "show", "topic", "agreement", "blocs", "contested", "timeline"} <= set(views)
    for name in [*views, "changes", "search"]:
        section = re.search(rf"^## {name}\n(.*?)(?=^## |\Z)", VIEWS_PAGE, re.M | re.S)
        assert section, f"docs/views.md has no section for {name}"
        assert "`{" in section.group(1), f"docs/views.md gives no JSON shape for {name}"


# The CSV columns that name a record: an id is its kind (`actor`, `topic`, `actor_a`), a name or title says whose.
CSV_RULE = re.compile(r"^(?!(a|b|name|title|kind|a_name|b_name)$)")


def test_every_csv_names_its_columns_one_way() -> None:
    """actor_a/actor_b in agreement as in diff; actor_name and topic_title everywhere, never a bare name or title."""
    from conftest import invoke

    positions = ["--positions", str(PROJECT / "positions")]
    examples = {
        "show": ["show", "huawei"],
        "topic": ["topic", "huawei-in-5g"],
        "diff": ["diff", "us", "huawei"],
        "reliability": ["reliability", str(PROJECT / "positions"), str(PROJECT / "examples" / "second-reading")],
        "source": ["source", "no-spy-agreements-2019-05-15"],
    }
    headers = {}
    for name in view_names():
        args = examples.get(name, [name])
        result = invoke(*args, *positions, "--format", "csv")
        assert result.exit_code == 0, result.stderr
        headers[name] = result.stdout.splitlines()[0].split(",")
    headers["export"] = invoke("export", "--format", "csv", "-o", "-", *positions).stdout.splitlines()[0].split(",")
    for name, columns in headers.items():
        bad = [c for c in columns if not CSV_RULE.match(c)]
        assert not bad, f"{name}: {bad}"
        assert "title" not in columns and "name" not in columns, name
    assert {"actor_a", "actor_b"} <= set(headers["agreement"]) and {"actor_a", "actor_b"} <= set(headers["diff"])
