"""Write docs/problems.md from the problem catalogue (stancediff.problems.CATALOGUE).

    python docs/make_problems.py > docs/problems.md

tests/test_docs.py fails when the committed file differs from this output.
"""

from __future__ import annotations

from stancediff.problems import CATALOGUE

HEADER = """# Problem codes

Every problem `stancediff validate` reports has a code, shown at the end of each
line (`path:line:column: severity code message`). Errors make `validate` exit 1;
warnings do too with `--strict`. This page is generated from the catalogue in
`cli/stancediff/problems.py` by `docs/make_problems.py`; do not edit it by hand.

| code | severity | title |
| --- | --- | --- |
"""


def render() -> str:
    rows = "".join(f"| [`{code}`](#{code}) | {c.severity} | {c.title} |\n" for code, c in CATALOGUE.items())
    sections = []
    for code, c in CATALOGUE.items():
        sections.append(f"## {code}\n\n**{c.title}** ({c.severity})\n\nMessage: `{c.template}`\n\nFix: {c.fix}\n")
    return HEADER + rows + "\n" + "\n".join(sections)


if __name__ == "__main__":
    print(render(), end="")
