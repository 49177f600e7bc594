"""JSON: the view's own document."""

from __future__ import annotations

import json
from typing import TextIO

from ..text import FORBIDDEN
from ..views.view import View


def render_json(view: View, stream: TextIO) -> None:
    """JSON, UTF-8 as it is, but with invisible characters as \\u escapes (still valid JSON)."""
    text = json.dumps(view.document(), indent=2, ensure_ascii=False)
    stream.write(FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")
