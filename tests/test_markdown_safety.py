"""Markdown that is safe to post: data never becomes a link, image, mention, issue reference,
autolink, emphasis or HTML, read by a real CommonMark parser with GitHub's tables and autolinks
(markdown-it-py with linkify); and the whole stays under GitHub's limit for a comment.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from conftest import invoke
from stancediff.render.markdown import LIMIT, render_markdown
from stancediff.views.view import Cell, Table, View
from test_changes import git
from test_views import stance, write_dataset

HOSTILE = (
    "@maintainers ![ok](https://example.org/ok.png) fixes #1, GH-2 and owner/repo#3; see www.example.org, "
    "https://example.org or <https://example.org> and mail a@example.org. *loud* __bold__ ~~gone~~ "
    "<img src=x onerror=alert(1)> <b>html</b> &amp; [link](https://example.org) `tick`` \\| a|b :+1: deadbeefcafe"
)
# What GitHub links in rendered text whatever the escapes: never outside a code span. (Markdown's own
# syntax, * _ ~ [ < &, may show outside one: escaped, it is text, and the tags below prove it is no markup.)
TRIGGERS = re.compile(r"@\w|#\d|GH-\d|www\.|https?:|example\.org|deadbeef")
ALLOWED_TAGS = {"h3", "ul", "li", "p", "strong", "code", "table", "thead", "tbody", "tr", "th", "td", "br"}


class Outline(HTMLParser):
    """Every tag of an HTML document, and its text outside <code>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.depth = 0  # inside how many <code>
        self.outside = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        self.depth += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "code"

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.outside += data


def html_of(markdown: str) -> Outline:
    parser = MarkdownIt("gfm-like")  # CommonMark with tables, strikethrough and linkify
    assert parser.options["linkify"]
    outline = Outline()
    outline.feed(parser.render(markdown))
    return outline


def assert_inert(markdown: str) -> None:
    outline = html_of(markdown)
    assert set(outline.tags) <= ALLOWED_TAGS, set(outline.tags) - ALLOWED_TAGS  # no <a>, <img>, <em>, <s>, raw HTML
    assert not TRIGGERS.search(outline.outside), TRIGGERS.search(outline.outside)


def markdown_of(view: View) -> str:
    stream = io.StringIO()
    render_markdown(view, stream)
    return stream.getvalue()


def test_the_parser_would_make_links_of_the_same_text_written_plainly() -> None:
    """The test has teeth: written as it is, the hostile text gives links, images, emphasis and HTML."""
    tags = html_of(HOSTILE).tags
    assert {"a", "img", "em", "strong", "s", "b"} <= set(tags)


def test_data_in_every_part_of_a_view_stays_text() -> None:
    view = View(
        title=HOSTILE,
        data={},
        facts=((HOSTILE, HOSTILE),),
        tables=(
            Table((HOSTILE, "plain"), ((Cell(HOSTILE), Cell(f"{HOSTILE}\n{HOSTILE}")),), title=HOSTILE),
            Table(("a",), ((Cell("Plain words, with a comma."),),)),
        ),
        notes=(HOSTILE, f"two lines\n{HOSTILE}"),
    )
    text = markdown_of(view)
    assert_inert(text)
    outline = html_of(text)
    assert outline.tags.count("strong") == 1  # the table's title, ours
    assert "Plain words, with a comma." in outline.outside  # prose stays prose
    # The table keeps its two columns: the pipes in the data are escaped, in code spans too.
    assert outline.tags.count("td") == 3 and outline.tags.count("th") == 3


def test_prose_stays_prose_and_reads_as_the_data() -> None:
    """Names, titles and positions with digits, hyphens and marks render as plain text, character for character."""
    for text in ("Huawei in 5G", "Hosuk Lee-Makiyama", "lean-support*", "support*^", "2019-05-14", "a_b *c* [d]"):
        rendered = MarkdownIt("gfm-like").render(markdown_of(View("t", {}, tables=(Table(("x",), ((Cell(text),),)),))))
        (shown,) = re.findall(r"<td>(.*?)</td>", rendered)
        assert "<" not in shown and shown.replace("&amp;", "&") == text, rendered


def test_code_spans_keep_the_text_exactly() -> None:
    """What a reader sees in the code span is the data itself: backticks, pipes and backslashes."""
    for text in ("GH-1", "#12", "@someone", "https://example.org/a|b", "deadbeefcafe"):
        rendered = MarkdownIt("gfm-like").render(markdown_of(View("t", {}, tables=(Table(("x",), ((Cell(text),),)),))))
        (shown,) = re.findall(r"<td><code>(.*?)</code></td>", rendered)
        assert shown.replace("&amp;", "&") == text, rendered


@pytest.mark.parametrize(
    "command", [["compare"], ["diff", "eve", "bob"], ["show", "eve"], ["topic", "a"], ["agreement"], ["timeline"]]
)
def test_every_view_is_safe_to_post(tmp_path: Path, command: list[str]) -> None:
    positions = write_dataset(
        tmp_path,
        {
            "eve": [stance("a", "support", "2020", HOSTILE, conditions=[HOSTILE], speaker=HOSTILE, note=HOSTILE)],
            "bob": [stance("a", "oppose", "2020", "Bob says no.")],
        },
        topics=("a",),
    )
    topics = yaml.safe_load((positions / "topics.yaml").read_text())
    topics["topics"][0].update(title=HOSTILE, proposition=HOSTILE, description=HOSTILE)
    (positions / "topics.yaml").write_text(yaml.safe_dump(topics))
    actor = yaml.safe_load((positions / "actors" / "eve.yaml").read_text())
    actor["name"] = HOSTILE
    (positions / "actors" / "eve.yaml").write_text(yaml.safe_dump(actor))
    result = invoke(
        *command,
        "--quotes" if command[0] in ("topic", "timeline") else "--no-pager",
        "--positions",
        str(positions),
        "--format",
        "markdown",
    )
    assert result.exit_code == 0, result.stderr
    assert command == ["agreement"] or "@maintainers" in result.stdout  # the hostile text is there, and inert
    assert_inert(result.stdout)


def big_view(rows: int) -> View:
    table = Table(("actor", "summary"), tuple((Cell(f"actor-{i}"), Cell("A sentence. " * 20)) for i in range(rows)))
    return View("Big", {}, tables=(table,), notes=("a closing note",))


def test_a_view_over_the_limit_is_cut_with_a_note() -> None:
    text = markdown_of(big_view(1_000))
    assert len(text) <= LIMIT
    kept = text.count("| actor-")
    assert kept > 100
    assert f"{1_000 - kept} table rows, 1 note left out: a GitHub comment holds at most 65,536 characters" in text
    assert_inert(text)
    html = MarkdownIt("gfm-like").render(text)
    assert "left out" in html.split("</table>")[-1]  # the note is a paragraph of its own, after the table


def test_a_view_under_the_limit_is_whole() -> None:
    text = markdown_of(big_view(10))
    assert "left out" not in text and text.rstrip().endswith("a closing note")


def test_changes_of_a_big_change_set_fit_in_a_comment(tmp_path: Path) -> None:
    positions = write_dataset(tmp_path, {"bob": [stance("a", "oppose", "2020", "Bob says no.")]}, topics=("a",))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    many = [
        stance("a", "support", f"{year}-{month:02}", f"Eve backs a, {'and more ' * 20}")
        for year in range(1900, 2000)
        for month in range(1, 13)
    ]
    write_dataset(tmp_path / "next", {"eve": many}, topics=("a",))
    (tmp_path / "next" / "positions" / "actors" / "eve.yaml").rename(positions / "actors" / "eve.yaml")
    result = invoke("changes", "HEAD", "--positions", str(positions), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout) <= LIMIT
    assert "table rows" in result.stdout and "left out: a GitHub comment holds at most" in result.stdout
    assert_inert(result.stdout)
