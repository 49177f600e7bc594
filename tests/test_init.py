"""`stancediff init` fails cleanly and leaves nothing behind, and its files respect the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from conftest import invoke


def tree(root: Path) -> list[str]:
    """Everything under `root`, links not followed, as relative paths."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def refused(directory: Path) -> str:
    result = invoke("init", str(directory))
    assert result.exit_code == 2, result.stdout
    assert "Traceback" not in result.stderr and result.stderr.startswith("Error: ")
    assert "nothing was written" in result.stderr
    return result.stderr


def test_a_directory_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "positions").write_text("mine\n")
    assert "positions is a file, not a folder" in refused(tmp_path / "positions")
    assert tree(tmp_path) == ["positions"] and (tmp_path / "positions").read_text() == "mine\n"


def test_a_folder_above_the_directory_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("mine\n")
    assert "data is a file, not a folder" in refused(tmp_path / "data" / "positions")
    assert tree(tmp_path) == ["data"]


def test_schemas_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "schemas").write_text("mine\n")
    assert "schemas is a file, not a folder" in refused(tmp_path / "new")
    assert tree(tmp_path) == ["new", "new/schemas"]


def test_schemas_that_is_a_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "schemas").symlink_to(tmp_path / "gone")
    assert "schemas is a symbolic link to" in refused(tmp_path / "new")
    assert tree(tmp_path) == ["new", "new/schemas"]


def as_a_user(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI bound by file permissions: as root, without the capability to override them."""
    bound = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    return subprocess.run([*bound, sys.executable, "-m", "stancediff", *args], cwd=cwd, capture_output=True, text=True)


def test_an_unwritable_schemas_folder_leaves_nothing_behind(tmp_path: Path) -> None:
    (tmp_path / "new" / "schemas").mkdir(parents=True)
    (tmp_path / "new" / "schemas").chmod(0o555)  # may not be written; topics.yaml and the rest come first
    try:
        result = as_a_user(["init", "new"], tmp_path)
    finally:
        (tmp_path / "new" / "schemas").chmod(0o755)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "cannot write new/schemas/actor.schema.json: Permission denied; nothing was written" in result.stderr
    assert tree(tmp_path) == ["new", "new/schemas"]  # topics.yaml, sources.yaml and actors/ removed again


def test_files_respect_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        assert invoke("init", str(tmp_path / "new")).exit_code == 0
    finally:
        os.umask(old)
    modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in (tmp_path / "new").rglob("*")}
    assert modes["topics.yaml"] == 0o644 and modes["actor.schema.json"] == 0o644
    assert modes["actors"] == 0o755
    assert set(modes.values()) == {0o644, 0o755}
    assert not [name for name in modes if name.endswith(".tmp")]
