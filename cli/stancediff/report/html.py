"""The report as one HTML page, rendered by Jinja2 with autoescape, and written atomically.

Every text from the data reaches the page through the template's escaping:
none is ever read as HTML. Nor does any line of the page read as a GitHub
Actions workflow command (`::error::`, `##[error]`) when it is printed in a CI
log (`report -o -`): those characters are written as character references.
The page needs nothing from the network, and says so to the browser: its
Content-Security-Policy allows no request at all, only its own stylesheet and
script, named by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import __version__
from ..analysis.blocs import nearest_position
from ..analysis.compare import SALIENCE_WEIGHTS
from ..errors import StancediffError
from ..files import NotAFile, read_regular, special, temporary_prefix
from ..text import HTML_ESCAPE, inert_commands
from ..views.reliability import unit_label
from ..views.view import LEGEND, SYMBOLS, marks
from . import layout
from .content import MAX_DRAWN_ACTORS, MAX_EVIDENCE_STANCES, MAX_UNITS_LISTED, Content

GENERATOR = f"stancediff {__version__}"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("stancediff.report", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENVIRONMENT.filters["px"] = lambda value: f"{value:.1f}".removesuffix(".0")
_ENVIRONMENT.filters["per_cent"] = lambda value: f"{value:.3f}".rstrip("0").rstrip(".") + "%"  # fine enough to tile
_ENVIRONMENT.tests["length_above_one"] = lambda members: len(members) > 1
_ENVIRONMENT.globals["zip"] = zip


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(content: Content) -> str:
    """The whole page."""
    pictures = {"matrix": layout.matrix(content), "agreement": layout.agreement(content)} if content.drawn else {}
    css = _ENVIRONMENT.get_template("report.css").render(pictures=pictures)  # their widest, in the stylesheet
    script = _ENVIRONMENT.get_template("report.js").render()
    policy = (
        f"default-src 'none'; style-src {_digest(css)}; script-src {_digest(script)}; "
        "base-uri 'none'; form-action 'none'"
    )
    # The stylesheet and the script hold no such line (their hashes would no longer match): tests/test_report.py.
    page = _ENVIRONMENT.get_template("report.html").render(
        c=content,
        css=Markup(css),
        script=Markup(script),
        policy=policy,
        generator=GENERATOR,
        layout=layout,
        scale=layout.SCALE,
        symbols=SYMBOLS,
        nearest=nearest_position,
        weights=", ".join(f"{name} {weight:g}" for name, weight in SALIENCE_WEIGHTS.items()),
        marks=marks,
        unit_label=unit_label,
        legend=LEGEND,
        max_drawn=MAX_DRAWN_ACTORS,
        max_evidence=MAX_EVIDENCE_STANCES,
        max_units=MAX_UNITS_LISTED,
        **pictures,
    )
    return inert_commands(page, escape=HTML_ESCAPE)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class NotAReport(StancediffError):
    pass


def is_report(path: Path) -> bool:
    """Whether `path` holds a page stancediff wrote (its generator tag near the top)."""
    try:
        head = read_regular(path, 4096)
    except (NotAFile, OSError):
        return False
    return b'<meta name="generator" content="stancediff ' in head


def write(path: Path, text: str, force: bool = False) -> None:
    """Write the page to `path` atomically: a temporary file beside it, renamed over it.

    An existing file is replaced only when it is a report stancediff wrote, or
    with `force`; anything else there is kept.
    """
    if not path.parent.is_dir():
        raise NotAReport(f"the folder {path.parent} does not exist; create it first or choose another place")
    if path.is_dir():
        raise NotAReport(f"{path} is a folder; give a file name, such as {path / 'stancediff-report.html'}")
    if (what := special(path)) is not None:  # opened, a FIFO would hang; replaced, a device would be lost
        raise NotAReport(f"{path} is {what}; give the name of a file, or - for stdout")
    if (path.exists() or path.is_symlink()) and not force and not is_report(path):
        raise NotAReport(
            f"not overwriting {path}, which is not a stancediff report; choose another name or pass --force"
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=temporary_prefix(path.name), suffix=".tmp")
    except OSError as error:
        raise StancediffError(f"cannot write in {path.parent}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):  # a full disk, a file-size limit: the report that was there stays
            raise StancediffError(f"cannot write {path}: {error.strerror or error}; nothing was written") from None
        raise
