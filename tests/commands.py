"""Every command of `stancediff`, from `main`'s own list, each with an invocation that exercises it.

Tests that must cover every command (an ASCII locale, hostile names, docs)
take them from here; `test_every_command_has_an_example` fails when a
command is added without one, so no hand-kept list can fall behind.
Invocations run in a folder holding `positions/` (an actor `zoe` and `bob`,
topics `a` and `b`, a source `paper`) in a git repository.
"""

from __future__ import annotations

import click

from stancediff.cli import main
from stancediff.render.formats import FORMATS

EXAMPLES: dict[str, list[str]] = {
    "validate": ["validate"],
    "compare": ["compare", "--format", "markdown"],
    "diff": ["diff", "zoe", "bob"],
    "show": ["show", "zoe"],
    "topic": ["topic", "a", "--quotes"],
    "agreement": ["agreement"],
    "blocs": ["blocs", "--min-shared", "1"],
    "contested": ["contested"],
    "reliability": ["reliability", "positions", "HEAD"],
    "timeline": ["timeline", "--quotes"],
    "search": ["search", "says"],
    "changes": ["changes", "HEAD"],
    "report": ["report", "-o", "-"],
    "export": ["export", "--format", "csv", "-o", "-"],
    "quote": ["quote", "says"],
    "network": ["network", "--format", "csv"],
    "source": ["source", "paper"],
    "explain": ["explain", "unknown-topic"],
    "docs": ["docs"],
    "schema": ["schema", "actor"],
    "init": ["init", "another"],
    "add topic": ["add", "topic", "--id", "c", "--title", "C", "--proposition", "C is so."],
    "add actor": ["add", "actor", "--id", "ann", "--name", "Ann", "--kind", "person"],
    "add source": ["add", "source", "--help"],
    "add stance": ["add", "stance", "--help"],
    "edit stance": ["edit", "stance", "zoe", "a", "--summary", "Zoé says “oui”."],
    "edit topic": ["edit", "topic", "a", "--title", "Ä"],
    "edit source": ["edit", "source", "paper", "--publisher", "Le Monde"],
    "edit actor": ["edit", "actor", "zoe", "--name", "Zoé B."],
    "rm stance": ["rm", "stance", "bob", "a"],
    "rm topic": ["rm", "topic", "b", "--cascade"],
    "rm source": ["rm", "source", "paper", "--cascade"],
    "rm actor": ["rm", "actor", "eve"],
    "rename": ["rename", "topic", "a", "c"],
    "merge": ["merge", "topic", "b", "--into", "a"],
    "import": ["import", "--help"],
    "log": ["log", "zoe"],
}
WRITES = ("add", "edit", "rm", "rename", "merge", "import")  # commands that change the dataset


def command_names(group: click.Group = main, prefix: str = "") -> list[str]:
    """Every command's full name ("add topic"), walking the groups."""
    context = click.Context(group)
    names = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            names += command_names(command, f"{prefix}{name} ")
        else:
            names.append(prefix + name)
    return names


def get(name: str) -> click.Command:
    command: click.Command | None = main
    for word in name.split():
        assert isinstance(command, click.Group)
        command = command.get_command(click.Context(command), word)
    assert command is not None
    return command


def view_names() -> list[str]:
    """The views: the commands whose --format offers every view format."""
    views = []
    for name in command_names():
        formats = [p for p in get(name).params if p.name == "format_"]
        if formats and isinstance(formats[0].type, click.Choice) and set(FORMATS) <= set(formats[0].type.choices):
            views.append(name)
    return views
