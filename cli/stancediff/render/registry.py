"""One shape for every output: a `Format` per `--format` name, with the line its help gives.

Every registry (views' `FORMATS`, validate's `REPORTERS`, quote's
`QUOTE_FORMATS`, exports' `EXPORTS`) maps names to something with a `help`;
the command line builds each `--format` option, its choices and its help
from the registry alone, and docs/cli.md is generated from those options.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TextIO, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Format(Generic[T]):
    """Writes one kind of result (a `View`, a `Report`, a `Finding`) to a text stream."""

    render: Callable[[T, TextIO], None]
    help: str  # what it is for, as the option's help says


class Described(Protocol):
    @property
    def help(self) -> str: ...


def format_help(formats: Mapping[str, Described]) -> str:
    """'table (for the terminal); json (...); ...': the formats as an option's help lists them."""
    return "; ".join(f"{name} ({entry.help})" for name, entry in formats.items()) + "."
