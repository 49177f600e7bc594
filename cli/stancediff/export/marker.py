"""The file by which an export recognises a folder it wrote (`datapackage.json`, the lake's marker).

found = read_marker(folder / "datapackage.json", limit)
if isinstance(found, str): ...   # why it is not one stancediff wrote
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any


def read_marker(marker: Path, limit: int) -> Any:
    """The JSON in `marker`, or, as a string, why it is not a marker stancediff writes.

    Refused unread: a missing file, a link, anything but a regular file, or one over `limit` bytes.
    """
    try:
        info = os.lstat(marker)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return f"its {marker.name} is not one stancediff writes"
        return json.loads(marker.read_bytes())
    except FileNotFoundError:
        return f"it holds no {marker.name}"
    except (OSError, ValueError):
        return f"its {marker.name} cannot be read as JSON"
