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
