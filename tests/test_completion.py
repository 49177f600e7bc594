"""Shell completion through click's real protocol: the installed command, run as bash runs it on TAB."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from test_views import ACTORS, write_dataset

STANCEDIFF = Path(sys.executable).with_name("stancediff")


def completions(words: str, cwd: Path, **env: str) -> tuple[list[str], str]:
    """What bash would offer for the command line `words` (a trailing space: a new word), and stderr."""
    args = words.split()
    cword = len(args) if words.endswith(" ") else len(args) - 1
    environment = {k: v for k, v in os.environ.items() if k != "STANCEDIFF_POSITIONS"}
    environment.update(_STANCEDIFF_COMPLETE="bash_complete", COMP_WORDS=words, COMP_CWORD=str(cword), **env)
    result = subprocess.run([STANCEDIFF], cwd=cwd, env=environment, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line], result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    positions = write_dataset(tmp_path, ACTORS)
    (positions / "actors" / "alice.yaml").write_text(
        (positions / "actors" / "alice.yaml").read_text().replace("name: Alice", "name: Alice\naliases: [Zed]")
    )
    return tmp_path


def test_actor_arguments_complete_ids_by_id_name_or_alias(project: Path) -> None:
    assert completions("stancediff show ", project)[0] == ["alice", "bob", "carol", "dave"]
    assert completions("stancediff compare alice b", project)[0] == ["bob"]
    assert completions("stancediff diff alice C", project)[0] == ["carol"]  # by name, in any case
    assert completions("stancediff timeline ze", project)[0] == ["alice"]  # by alias
    assert completions("stancediff agreement x", project)[0] == []


def test_topics_complete_in_arguments_and_options(project: Path) -> None:
    assert completions("stancediff topic ", project)[0] == ["a", "b", "c", "d"]
    assert completions("stancediff topic top", project)[0] == ["a", "b", "c", "d"]  # by title ("Topic A")
    assert completions("stancediff compare --topic b", project)[0] == ["b"]
    assert completions("stancediff show alice --topic d", project)[0] == ["d"]


def test_sources_complete_as_the_first_word_of_quote(project: Path) -> None:
    assert completions("stancediff quote ", project)[0] == ["paper"]
    assert completions("stancediff quote The", project)[0] == ["paper"]  # by title ("The paper")
    assert completions("stancediff quote paper ", project)[0] == []  # the rest is the text to find


def test_sources_complete_for_the_source_view(project: Path) -> None:
    assert completions("stancediff source ", project)[0] == ["paper"]
    assert completions("stancediff source the", project)[0] == ["paper"]  # by title, in any case
    assert completions("stancediff source nothing", project)[0] == []


def test_choices_complete_too(project: Path) -> None:
    assert completions("stancediff compare --basis ", project)[0] == ["stated", "reported", "inferred"]
    assert "government" in completions("stancediff compare --kind g", project)[0]


def test_the_dataset_named_by_positions_before_or_after(project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    positions = str(project / "positions")
    assert completions(f"stancediff --positions {positions} show ", elsewhere)[0] == ["alice", "bob", "carol", "dave"]
    assert completions(f"stancediff show --positions {positions} b", elsewhere)[0] == ["bob"]
    by_env = completions("stancediff show ", elsewhere, STANCEDIFF_POSITIONS=positions)
    assert by_env[0] == ["alice", "bob", "carol", "dave"]


def test_a_broken_or_missing_dataset_completes_nothing_and_quietly(project: Path, tmp_path: Path) -> None:
    positions = project / "positions"
    (positions / "topics.yaml").write_text("topics: [unclosed\n")
    (positions / "actors" / "bob.yaml").write_bytes(b"\xff\xfe: [")
    assert completions("stancediff topic ", project) == ([], "")
    assert completions("stancediff show ", project) == (["alice", "carol", "dave"], "")
    (positions / "actors").rename(positions / "gone")
    (positions / "actors").write_text("not a folder")
    assert completions("stancediff show ", project) == ([], "")
    nowhere = tmp_path / "nowhere"
    nowhere.mkdir()
    assert completions("stancediff compare --topic ", nowhere) == ([], "")


def test_nothing_is_offered_from_files_linking_out_of_the_dataset(project: Path, tmp_path: Path) -> None:
    positions = project / "positions"
    elsewhere = tmp_path / "elsewhere"
    shutil.move(positions / "actors", elsewhere)
    (positions / "actors").symlink_to(elsewhere)
    (elsewhere / "topics.yaml").write_text("topics:\n  - id: secret\n    title: Secret\n    proposition: P.\n")
    (positions / "topics.yaml").unlink()
    (positions / "topics.yaml").symlink_to(elsewhere / "topics.yaml")
    assert completions("stancediff show ", project) == ([], "")
    assert completions("stancediff topic ", project) == ([], "")


def zsh_completions(words: str, cwd: Path) -> str:
    """What zsh is handed on TAB (a trailing space: a new word): value, then description, a line each."""
    args = words.split()
    environment = {k: v for k, v in os.environ.items() if k != "STANCEDIFF_POSITIONS"}
    cword = len(args) if words.endswith(" ") else len(args) - 1
    environment.update(_STANCEDIFF_COMPLETE="zsh_complete", COMP_WORDS=words, COMP_CWORD=str(cword))
    result = subprocess.run([STANCEDIFF], cwd=cwd, env=environment, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_descriptions_never_carry_escape_codes(project: Path) -> None:
    """Names, titles and file names with ESC and BEL: zsh prints descriptions to the terminal as they are."""
    positions = project / "positions"
    alice = positions / "actors" / "alice.yaml"
    alice.write_text(alice.read_text().replace("name: Alice", 'name: "Alice \\e]0;owned\\a\\e[2J"'))
    topics = positions / "topics.yaml"
    topics.write_text(topics.read_text().replace("title: Topic A", 'title: "Topic \\e[31mA\\a"'))
    offered = {words: zsh_completions(words, project) for words in ("stancediff show a", "stancediff topic ")}
    assert "Alice \\x1b]0;owned\\x07" in offered["stancediff show a"]  # spelled out
    assert "Topic \\x1b[31mA\\x07" in offered["stancediff topic "]
    for number in range(200):  # too many to read: the ids come from the file names
        (positions / "actors" / f"x{number}.yaml").write_text(f"id: x{number}\nname: X\nkind: person\n")
    (positions / "actors" / "\x1b[31mred\x07.yaml").write_text("id: red\nname: Red\nkind: person\n")
    offered["many"] = zsh_completions("stancediff show ", project)
    assert "x199" in offered["many"]
    for text in offered.values():
        assert "\x1b" not in text and "\x07" not in text, text
