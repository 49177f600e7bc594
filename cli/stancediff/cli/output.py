"""Writing a command's result: through the pager on a terminal, in the format chosen."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TypeVar

import click

from ..render.pager import write_paged
from ..render.registry import Format
from .options import paging

T = TypeVar("T")


def emit(result: T, format_: str, formats: Mapping[str, Format[T]]) -> None:
    """Write `result` in the chosen format to stdout, through the pager on a terminal."""
    write_paged(lambda stream: formats[format_].render(result, stream), sys.stdout, paging())


def warn(lines: tuple[str, ...] | list[str]) -> None:
    """Say on stderr what a view left out (lines made inert and visible by the library)."""
    for line in lines:
        click.echo(line, err=True)
