"""Search hits as grep -n and ripgrep print them: `file:line:column: what: text`.

On a terminal the place is coloured and each match highlighted; piped, plain
lines. The text from the data is made visible (control characters spelled
out) and handed to rich as `Text`, never as markup.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..text import inert_commands, visible
from ..views.search import what
from ..views.view import View
from .console import console_for


def render_hits(view: View, stream: TextIO) -> None:
    """A line a hit; none of them a workflow command (`##[error]` in a value), styled or not."""
    console, styled = console_for(stream)
    if styled:
        with console.capture() as captured:
            _print_styled(view, console)
        stream.write(inert_commands(captured.get()))
        return
    for hit in view.document()["hits"]:
        place = f"{visible(hit['file'])}:{hit['line']}:{hit['column']}:"
        stream.write(inert_commands(f"{place} {visible(what(hit))}: {_flat(hit['text'])}") + "\n")


def _print_styled(view: View, console: Console) -> None:
    for hit in view.document()["hits"]:
        text = hit["text"]
        line = Text()
        line.append(visible(hit["file"]), style="magenta")
        line.append(f":{hit['line']}:{hit['column']}:", style="green")
        line.append(f" {visible(what(hit))}: ", style="dim")
        done = 0
        for start, end in hit["matches"]:
            line.append(_flat(text[done:start]))
            line.append(_flat(text[start:end]), style="bold red")
            done = end
        line.append(_flat(text[done:]))
        console.print(line, soft_wrap=True)


def _flat(text: str) -> str:
    """A value on one line: its line breaks as spaces, anything else invisible spelled out."""
    return visible(text.replace("\r\n", " ").replace("\n", " "))
