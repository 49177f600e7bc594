"""The references check (checks/references.py): each code it declares, produced from YAML text in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from checking import Example, assert_example, check_texts, with_actor

EXAMPLES = {
    "unknown-topic": Example(5, 12, lambda _: check_texts(with_actor("topic: congestion-charge", "topic: tolls"))),
    "unknown-source": Example(
        11, 17, lambda _: check_texts(with_actor("source: harbour-gazette-2021-03-03", "source: g"))
    ),
    "unknown-actor": Example(
        4, 10, lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: city\n"))
    ),
    "part-of-cycle": Example(4, 10, lambda _: check_texts(with_actor("kind: person\n", "kind: person\npart_of: x\n"))),
}


@pytest.mark.parametrize("code", EXAMPLES)
def test_example(code: str, tmp_path: Path) -> None:
    assert_example(code, EXAMPLES[code], tmp_path)


def test_the_hints_of_a_file_do_not_depend_on_the_files_before_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file has a budget of its own, and a remembered answer costs as one worked out: validate's cache
    keeps each file's problems, hints included, so they must be the same whatever was read first."""
    from checking import ACTOR, FIXTURE
    from stancediff import suggest

    monkeypatch.setattr(suggest, "FILE_BUDGET", FIXTURE["topics.yaml"].count("  - id: "))  # one hint a file
    stance = ACTOR.split("stances:\n")[1]
    z = ACTOR.replace("id: x", "id: z").replace("congestion-charge", "weekend-charges") + stance.replace(
        "congestion-charge", "congestion-charges"
    ).replace("2021-03", "2021-04")

    def hints(files: dict[str, str]) -> list[bool]:
        found = check_texts({**FIXTURE, **files}, only=("references",)).problems
        return ["did you mean" in p.message for p in found if p.file.endswith("z.yaml") and p.code == "unknown-topic"]

    alone = hints({"actors/z.yaml": z})
    assert alone == [True, False]  # the budget allows one hint
    # A file read before it asked about the second misspelling: its answer is remembered, not free.
    earlier = ACTOR.replace("id: x", "id: a").replace("congestion-charge", "congestion-charges")
    assert hints({"actors/a.yaml": earlier, "actors/z.yaml": z}) == alone
