"""Make text from the data safe to show in a terminal.

Data is never trusted as markup or as terminal control: `visible` spells out
control characters, bidirectional overrides and lone surrogates as escapes
(`\\x1b`, `\\u202e`), so a hostile quote cannot move the cursor, recolour the
screen or reorder what the reader sees.
"""

from __future__ import annotations

import re

# C0 and C1 controls (but tab, newline and carriage return, which YAML reads
# as line breaks), DEL, bidirectional embeddings,
# overrides and isolates, and lone surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def escape(char: str) -> str:
    """The escape that stands for one character, as Python writes it: `\\x1b`, `\\u202e`, `\\U0001f68b`."""
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every control, bidi and surrogate character escaped."""
    return _SHOWN.sub(lambda m: escape(m.group()), text)


SHOWN_CHARS = 200  # of a value from the data in a message; the rest is counted, not shown


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` as a message shows it: whole up to `limit` characters, else its first `limit`, `…` and its length.

    A value from the data may be megabytes long (a file may be 10 MB); a
    message quotes enough of it to find it.
    """
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def visible_lines(text: str) -> list[str]:
    """`text` made visible line by line (line breaks a view put in are kept)."""
    return [visible(line) for line in text.split("\n")]


# What a GitHub Actions runner reads in a step's log as a workflow command: a
# line that starts with `::` once leading white space is trimmed (colour codes
# too, here), and the legacy `##[` anywhere in a line (actions/runner,
# ActionCommand.TryParseV2 and TryParse).
_COMMAND_START = re.compile(r"^((?:[^\S\n]|\x1b\[[0-9;]*m)*):(?=:)", re.MULTILINE)
_LEGACY_COMMAND = re.compile(r"#(?=#\[)")


PLAIN_ESCAPE = "\\x{:02x}"  # how `inert_commands` spells a character out: `\x3a`, as `visible` does
JSON_ESCAPE = "\\u{:04x}"  # in JSON: `\u0023#[` reads as `##[` again
HTML_ESCAPE = "&#x{:x};"  # in HTML: `&#x23;#[`


def inert_commands(text: str, escape: str = PLAIN_ESCAPE) -> str:
    """`text` with no line a workflow command: the first `:` of a leading `::` and the first `#` of `##[`
    spelled as escapes (`\\x3a`, `\\x23`, or as `escape` formats the code point, e.g. JSON's `\\u{:04x}`)."""
    if "::" not in text and "##[" not in text:  # what both patterns need; most text has neither
        return text
    colon, hash_ = escape.format(ord(":")), escape.format(ord("#"))
    return _LEGACY_COMMAND.sub(lambda _: hash_, _COMMAND_START.sub(lambda m: m.group(1) + colon, text))


def safe_line(text: str) -> str:
    """A line for a terminal or a CI log: every control character spelled out, and no workflow command."""
    return inert_commands(visible(text))


def count(number: int, word: str, plural: str = "") -> str:
    """`number` and `word`, in agreement: "1 actor", "2 actors", "0 errors"."""
    return f"{number} {word if number == 1 else plural or word + 's'}"
