"""The command-line side of `stancediff add`: an option for every key, and questions for what is missing.

The options come from the format's one definition (`spec`): one per key of
the record, named after it (`--part-of`, and in the singular for lists:
`--tag`, `--alias`, `--condition`, each repeated for more), with its
description as help and its choices as a `click.Choice`. A required key left
out is asked for when stdin is a terminal, with the allowed values or the
dataset's ids offered (and completed with Tab where readline is available);
when stdin is not a terminal nothing is asked, and a missing key is a usage
error (exit status 2).
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import click

from ..completion import dataset_kinds
from ..errors import StancediffError
from ..format import spec
from ..format.dataset import find_positions, read_dataset
from ..format.model import PartialDate

MAX_LISTED_CHARS = 60  # of choices shown in a question; longer lists are left to Tab and the error
SINGULAR = {"tags": "tag", "aliases": "alias", "conditions": "condition"}


def option_name(field: spec.Field) -> str:
    return "--" + SINGULAR.get(field.name, field.name).replace("_", "-")


class TextOf(click.ParamType):
    """A value that must follow a kind's rule (`spec.Kind`), checked as it is given."""

    def __init__(self, kind: spec.Kind) -> None:
        self.kind = kind
        self.name = kind.name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        valid = PartialDate.parse(text) is not None if self.kind is spec.Kind.DATE else self.kind.rule.accepts(text)
        if not valid:
            wanted = self.kind.rule.expected or self.kind.rule.description
            self.fail(f"{text!r} is not {wanted}", param, ctx)
        return text


# Keys whose choices a dataset may name for itself (an actor's kind: `actor_kinds` in sources.yaml):
# any text is taken, completed with the dataset's choices, and checked with the dataset.
DATASET_CHOICES = frozenset({"kind"})


def _type(field: spec.Field) -> click.ParamType:
    if field.kind is spec.Kind.CHOICE and field.name in DATASET_CHOICES:
        return click.STRING
    if field.kind is spec.Kind.CHOICE:
        return click.Choice(field.choices)
    if field.kind in (spec.Kind.TEXTS, spec.Kind.PATH):
        return click.STRING
    return TextOf(field.kind)


def field_options(
    record: spec.Record,
    skip: Sequence[str] = (),
    complete: Mapping[str, Callable[..., list[str]]] | None = None,
    asked: bool = True,
) -> Callable[[Any], Any]:
    """Decorate a command with an option for each key of `record` but `skip` (and nested records).

    `complete` gives shell completion for some keys (ids from the dataset);
    `asked`: a required key left out is asked for (`add`), else left as it is (`edit`).
    """
    fields = [f for f in record.fields if f.name not in skip and f.kind is not spec.Kind.RECORDS]

    def decorate(function: Any) -> Any:
        for field in reversed(fields):
            when = " Asked for on a terminal when left out." if field.required and asked else ""
            function = click.option(
                option_name(field),
                field.name,
                type=_type(field),
                multiple=field.many,
                callback=no_brackets if field.many else None,
                help=option_help(field) + when,
                shell_complete=(complete or {}).get(field.name) or _dataset_choices(field),
            )(function)
        return function

    return decorate


_AS_A_LIST = re.compile(r",? as a list(?::? `[^`]*`)?")


def _dataset_choices(field: spec.Field) -> Callable[..., list[str]] | None:
    if field.name not in DATASET_CHOICES:
        return None

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        positions = ctx.params.get("positions") or ctx.find_root().params.get("positions")
        return [kind for kind in dataset_kinds(positions) if kind.startswith(incomplete)]

    return complete


def option_help(field: spec.Field) -> str:
    """The key's description, a list's YAML example replaced by how the command line takes a list."""
    if field.name in DATASET_CHOICES:
        return f"{field.description} One of the dataset's `actor_kinds`, by default: {', '.join(field.choices)}."
    if not field.many:
        return field.description
    option = option_name(field)
    return _AS_A_LIST.sub("", field.description) + f" Repeat the option for more: {option} A {option} B."


def no_brackets(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Refuse `--tag '[a, b]'`, which would be one item with brackets in it: the option is repeated instead."""
    for value in values:
        text = value.strip()
        if text.startswith("[") and text.endswith("]"):
            parts = [part.strip() for part in text[1:-1].split(",") if part.strip()]
            repeated = " ".join(f"{param.opts[0]} {shlex.quote(part)}" for part in parts)
            raise click.BadParameter(f"{value!r} would be one item, brackets and all; repeat the option: {repeated}")
    return values


def interactive() -> bool:
    """Whether questions may be asked: stdin is a terminal."""
    return sys.stdin.isatty()


def fill(
    record: spec.Record,
    values: dict[str, Any],
    offered: Mapping[str, Sequence[str]] | None = None,
    skip: Sequence[str] = (),
) -> dict[str, Any]:
    """`values` with each missing required key of `record` asked for, or a usage error off a terminal.

    `offered` lists the ids to choose from for some keys (topics); `skip`, keys made otherwise.
    """
    for field in record.fields:
        if not field.required or field.kind is spec.Kind.RECORDS or field.name in skip or values.get(field.name):
            continue
        values[field.name] = ask(field, (offered or {}).get(field.name, field.choices))
    return values


def ask(field: spec.Field, choices: Sequence[str] = ()) -> Any:
    """The value of `field`, asked for on the terminal; off a terminal, a usage error (exit status 2)."""
    if not interactive():
        wanted = "one of " + ", ".join(field.choices) if field.choices else field.rule.description
        raise click.UsageError(f"missing {option_name(field)} ({wanted}); give it, or run on a terminal to be asked")
    kind: click.ParamType = click.Choice(choices) if choices else _type(field)
    label = field.name.replace("_", " ")
    listed = len(", ".join(choices)) <= MAX_LISTED_CHARS
    if not listed:  # too many to list in the question: a wrong answer lists them
        label += " (Tab completes)"
    with _completing(choices):
        return click.prompt(label, type=kind, show_choices=bool(choices) and listed)


def ask_evidence(sources: Sequence[str]) -> list[dict[str, str]]:
    """Evidence entries asked for one by one: a source, a quote, and whether there is another."""
    quote = spec.EVIDENCE.by_name["quote"]
    entries = []
    while True:
        source = ask(spec.EVIDENCE.by_name["source"], sources)
        entries.append({"source": source, "quote": ask(quote)})
        if not click.confirm("another quote?", default=False):
            return entries


def missing_evidence() -> click.UsageError:
    return click.UsageError("missing --evidence SOURCE QUOTE; give it, or run on a terminal to be asked")


@contextmanager
def _completing(words: Sequence[str]) -> Iterator[None]:
    """Tab completes `words` while a question waits for its answer (where Python has readline)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    previous, delimiters = readline.get_completer(), readline.get_completer_delims()
    readline.set_completer(lambda text, state: ([w for w in words if w.startswith(text)] + [None])[state])
    readline.set_completer_delims(" \t\n")
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(previous)
        readline.set_completer_delims(delimiters)


def complete_ids(kind: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Shell completion of the dataset's ids of one kind ("topic", "source", "actor")."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        positions = ctx.params.get("positions") or ctx.find_root().params.get("positions")
        try:
            dataset = read_dataset(find_positions(positions)).dataset
        except StancediffError:
            return []
        by_kind: dict[str, Mapping[str, object]] = {
            "topic": dataset.topic_ids,
            "source": dataset.source_ids,
            "actor": dataset.actor_ids,
        }
        return [i for i in by_kind[kind] if i.startswith(incomplete)]

    return complete
