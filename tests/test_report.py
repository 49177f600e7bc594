"""`stancediff report`: the page's content, its escaping, its links, and how it is written.

The page is parsed with the standard library's HTML parser, as a browser
would read its elements; tests/test_report_browser.py opens it in Chromium.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import PROJECT, Copy, invoke
from stancediff.analysis.compare import current
from stancediff.format.dataset import read_dataset
from stancediff.report import content

SHIPPED = PROJECT / "positions"


class Page(HTMLParser):
    """Every element with its attributes, and the page's text, as parsed."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.stack: list[str] = []
        self.script = ""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self.stack and self.stack[-1] == "script":
            self.script += data

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [
            attrs for name, attrs in self.elements if name == tag and all(attrs.get(k) == v for k, v in wanted.items())
        ]

    @property
    def ids(self) -> set[str]:
        return {attrs["id"] for _, attrs in self.elements if attrs.get("id")}

    @property
    def text(self) -> str:
        return "".join(self.texts)


def report(*args: str) -> str:
    result = invoke("report", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def current_stances(positions: Path) -> int:
    dataset = read_dataset(positions).dataset
    return sum(len(current(actor.stances)) for actor in dataset.actors)


def matrix_cells(page: Page) -> list[dict[str, str | None]]:
    """The links of the position matrix's picture: one per current stance."""
    inside, cells = False, []
    for name, attrs in page.elements:
        if name == "section":
            inside = attrs.get("id") == "matrix"
        elif inside and name == "a" and attrs.get("class") == "cell":
            cells.append(attrs)
    return cells


def test_every_current_stance_is_one_matrix_cell_linking_to_its_evidence() -> None:
    page = Page(report("--positions", str(SHIPPED)))
    cells = matrix_cells(page)
    assert len(cells) == current_stances(SHIPPED) > 30
    targets = [str(cell["href"]).removeprefix("#") for cell in cells]
    assert len(set(targets)) == len(targets)
    assert set(targets) <= page.ids
    # every stance has its article in the evidence, superseded ones too
    articles = page.all("article")
    assert len(articles) == len(read_dataset(SHIPPED).dataset.stances)


def test_the_evidence_cites_each_quote_with_its_source(data: Copy) -> None:
    page = Page(report("--positions", str(data.positions)))
    text = " ".join(page.text.split())
    for expected in (
        "The mayor backs a charge to fund the trams.",
        "A charge is the fairest way to pay for the trams,",
        "Council to study congestion charge, Harbour Gazette, 2021-03-03",
        "speaker: Ana Ruiz, mayor",
        "Conditions: weekdays only",
        "What a charge would do, Tram Review, 2021-04",
    ):
        assert expected in text
    assert page.all("a", href="https://example.org/gazette/charge", rel="noopener noreferrer")
    # a source without a url is not a link
    assert not [a for a in page.all("a") if a.get("href") in ("", "None")]


def test_a_page_that_asks_nothing_of_the_network() -> None:
    html = report("--positions", str(SHIPPED))
    page = Page(html)
    assert not [attrs for _, attrs in page.elements if "src" in attrs or "srcset" in attrs]
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert "@import" not in html and "url(" not in html
    policy = page.all("meta", **{"http-equiv": "Content-Security-Policy"})
    assert policy and str(policy[0]["content"]).startswith("default-src 'none';")
    # the one script is the optional print helper, and every table header has a scope
    assert len(page.all("script")) == 1 and "beforeprint" in page.script
    assert all(attrs.get("scope") in ("col", "row") for attrs in page.all("th"))
    assert len(page.all("table")) >= 4


def hostile(data: Copy) -> Copy:
    data.edit("actors/mayor.yaml", "name: Mayor of the city", 'name: "<script>alert(1)</script>"')
    data.edit(
        "actors/mayor.yaml",
        'quote: "A charge is the fairest way to pay for the trams,"',
        'quote: "<img src=x onerror=alert(1)> & </blockquote>"',
    )
    data.edit("topics.yaml", "title: Congestion charge", "title: \"Charge</text></svg><svg onload='alert(2)'>\"")
    return data


def test_text_from_the_data_is_never_markup(data: Copy) -> None:
    hostile(data)
    page = Page(report("--positions", str(data.positions), "--title", "<b>Title</b>"))
    assert len(page.all("script")) == 1 and "alert" not in page.script
    assert not page.all("img") and not page.all("b")
    assert not [attrs for _, attrs in page.elements if any(k.startswith("on") for k in attrs)]
    for text in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)> & </blockquote>",
        "Charge</text></svg><svg onload='alert(2)'>",
        "<b>Title</b>",
    ):
        assert text in page.text


def test_as_of_leaves_out_later_stances(data: Copy) -> None:
    page = Page(report("--positions", str(data.positions), "--as-of", "2021-03-01"))
    # only Lena Park's stance (2021) and the shopkeepers' (2021-03) stand on 2021-03-01
    assert len(matrix_cells(page)) == 2
    assert "as of 2021-03-01" in page.text
    assert "The mayor backs a charge" not in page.text


def section(html: str, name: str) -> str:
    part = html[html.index(f'<section id="{name}">') :]
    return part[: part.index("</section>")]


def test_actors_sit_by_bloc_as_compare_seats_them() -> None:
    compared = json.loads(invoke("compare", "--positions", str(SHIPPED), "--format", "json").stdout)
    names = {a["id"]: a["name"] for a in compared["actors"]}
    expected = [names[a["id"]] for a in compared["actors"]]
    html = report("--positions", str(SHIPPED))
    for name in ("matrix", "agreement"):
        part = section(html, name)
        rows = [unescape(row) for row in re.findall(r'<th scope="row">(.*?)</th>', part)]
        assert rows == expected
        # the picture's row labels (the whole name in a tooltip where cut) are in the same order
        labels = re.findall(r'text-anchor="end">(?:<title>(.*?)</title>)?(.*?)</text>', part)
        assert [unescape(whole or shown) for whole, shown in labels] == expected


def test_the_blocs_are_named_with_their_members_as_blocs_finds_them() -> None:
    found = json.loads(invoke("blocs", "--positions", str(SHIPPED), "--format", "json").stdout)
    names = {a.id: a.name for a in read_dataset(SHIPPED).dataset.actors}
    text = " ".join(Page(section(report("--positions", str(SHIPPED)), "blocs")).text.split())
    joined = [b for b in found["blocs"] if len(b["members"]) > 1]
    assert len(joined) >= 2
    for n, bloc in enumerate(joined, 1):
        members = "; ".join(names[m] for m in bloc["members"])
        evidence = f"every pair on {bloc['fewest_shared']} shared topics or more"
        assert f"Bloc {n}: {len(bloc['members'])} actors, cohesion {bloc['cohesion']:.2f}, {evidence} {members}" in text
    assert "No bloc holds two actors who share fewer than 2 topics" in text
    alone = [names[b["members"][0]] for b in found["blocs"] if len(b["members"]) == 1]
    assert f"Joined no bloc ({len(alone)}): {'; '.join(alone)}" in text


def test_each_topic_at_a_glance_shows_its_n_and_who_takes_no_stance() -> None:
    html = section(report("--positions", str(SHIPPED)), "summary")
    text = " ".join(Page(html).text.split())
    # Huawei in 5G: 3 oppose, 1 neutral, 1 lean-support, 3 support of 18 actors; 10 take none
    assert "Huawei in 5G n = 8 of 18; 10 (56%) take no stance" in text
    assert "State funding n = 1 of 18: held by one actor only" in text
    # the bar: each part as wide as its share of all 18 actors, the white part the 10 without a stance
    bars = html.split('<text class="head"')
    bar = next(b for b in bars if b.startswith(' x="0" y="14">Huawei in 5G'))
    widths = [float(w) for w in re.findall(r'width="([0-9.]+)%"', bar)]
    assert widths == [pytest.approx(100 * n / 18, abs=0.1) for n in (3, 1, 1, 3, 10)]
    assert "Huawei in 5G: 10 take no stance" in bar and ">10 no stance<" in bar
    # the table: n, no stance and A with its interval, as `contested` gives them
    contested = json.loads(invoke("contested", "--positions", str(SHIPPED), "--format", "json").stdout)
    five_g = next(t for t in contested["topics"] if t["topic"]["id"] == "huawei-in-5g")
    low, high = five_g["interval"]
    row = html[html.index('<th scope="row">Huawei in 5G</th>') :]
    cells = re.findall(r'<td class="cell">(.*?)</td>', row[: row.index("</tr>")])
    assert cells[-3:] == ["8", "10 (56%)", f"{five_g['agreement']:.2f} ({low:.2f} to {high:.2f})"]


def test_writes_the_file_and_replaces_only_a_report(data: Copy, tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    first = invoke("report", "--positions", str(data.positions), "-o", str(out))
    assert first.exit_code == 0 and f"wrote {out}" in first.stderr
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    again = invoke("report", "--positions", str(data.positions), "-o", str(out), "--title", "Second")
    assert again.exit_code == 0 and "<title>Second</title>" in out.read_text(encoding="utf-8")

    notes = tmp_path / "notes.html"
    notes.write_text("my own notes", encoding="utf-8")
    refused = invoke("report", "--positions", str(data.positions), "-o", str(notes))
    assert refused.exit_code == 2 and "not a stancediff report" in refused.stderr and "--force" in refused.stderr
    assert notes.read_text(encoding="utf-8") == "my own notes"
    forced = invoke("report", "--positions", str(data.positions), "-o", str(notes), "--force")
    assert forced.exit_code == 0 and "<!doctype html>" in notes.read_text(encoding="utf-8")

    missing = invoke("report", "--positions", str(data.positions), "-o", str(tmp_path / "nowhere" / "r.html"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "notes.html", "out.html"]  # no temporary left


def test_the_default_file_name(data: Copy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke("report", "--positions", str(data.positions)).exit_code == 0
    assert (tmp_path / "stancediff-report.html").is_file()


def test_a_dataset_with_errors_is_reported_as_far_as_it_loads(data: Copy) -> None:
    data.edit("actors/shopkeepers.yaml", "position: oppose", "position: opose")
    result = invoke("report", "--positions", str(data.positions), "-o", "-")
    assert result.exit_code == 0 and "1 error" in result.stderr
    page = Page(result.stdout)
    assert "The dataset has 1 error" in page.text
    assert len(matrix_cells(page)) == current_stances(data.positions) - 1


def generated(tmp_path: Path, actors: int, stances: int) -> Path:
    """A synthetic dataset from the benchmarks' generator (loaded by path: tests import docs/generate.py too)."""
    spec = importlib.util.spec_from_file_location("benchmark_generate", PROJECT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(tmp_path, actors=actors, stances=stances)
    return tmp_path / "positions"


def test_too_many_actors_to_draw_gives_the_summaries(tmp_path: Path) -> None:
    positions = generated(tmp_path, content.MAX_DRAWN_ACTORS + 1, 2)
    page = Page(report("--positions", str(positions)))
    assert "Too many actors to draw" in page.text
    assert not matrix_cells(page) and "agreement" not in page.ids and "matrix" not in page.ids
    assert {"summary", "blocs"} <= page.ids and len(page.all("article")) == (content.MAX_DRAWN_ACTORS + 1) * 2


@pytest.mark.slow
def test_at_the_limit_everything_is_drawn_and_every_link_has_its_target(tmp_path: Path) -> None:
    """60 actors are drawn; their evidence stays past 5,000 stances, since every mark links to it."""
    per_actor = content.MAX_EVIDENCE_STANCES // content.MAX_DRAWN_ACTORS + 1
    positions = generated(tmp_path, content.MAX_DRAWN_ACTORS, per_actor)
    page = Page(report("--positions", str(positions)))
    assert len(matrix_cells(page)) == current_stances(positions)
    assert len(page.all("article")) == content.MAX_DRAWN_ACTORS * per_actor > content.MAX_EVIDENCE_STANCES
    links = {str(a["href"])[1:] for a in page.all("a") if str(a.get("href")).startswith("#")}
    assert links <= page.ids


@pytest.mark.slow
def test_too_many_stances_leave_the_evidence_out(tmp_path: Path) -> None:
    positions = generated(tmp_path, content.MAX_EVIDENCE_STANCES // 25 + 1, 25)
    page = Page(report("--positions", str(positions)))
    assert not page.all("article") and "stancediff show ACTOR" in page.text


@pytest.mark.slow
def test_a_wheel_carries_the_templates(tmp_path: Path) -> None:
    """A non-editable install has the templates: they are package data."""
    shutil.copytree(PROJECT, tmp_path / "src", ignore=shutil.ignore_patterns(".venv", "*.egg-info", "build", ".git"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"), str(tmp_path / "src")],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"stancediff/report/templates/report.{ext}" for ext in ("html", "css", "js")} <= names


def test_a_second_coder_adds_the_reliability_section(data: Copy, tmp_path: Path) -> None:
    assert "reliability" not in Page(report("--positions", str(data.positions))).ids
    second = tmp_path / "second"
    shutil.copytree(data.positions, second)
    text = (second / "actors" / "mayor.yaml").read_text(encoding="utf-8")
    (second / "actors" / "mayor.yaml").write_text(text.replace("position: support", "position: oppose", 1))
    html = report("--positions", str(data.positions), "--coder", str(second))
    part = section(html, "reliability")
    page = Page(part)
    assert "Disagreements (1)" in page.text and str(second) in page.text
    measured = json.loads(invoke("reliability", str(data.positions), str(second), "--format", "json").stdout)
    alpha = measured["alpha"]["position"]["alpha"]
    assert f'<th scope="row">position (ordinal)</th><td class="cell">{alpha:.3f}</td>' in part
    [unit] = measured["disagreements"]
    assert all(q in unescape(part) for c in unit["codings"] for q in c["quotes"])
