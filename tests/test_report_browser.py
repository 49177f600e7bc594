"""The report in a real browser: Debian's Chromium, driven by Playwright.

Each page is opened from a file, as a reader opens a report sent to them, and
must make no request but for itself, log no error, link every matrix cell to
its evidence, show hostile text as text, and work with JavaScript off.
Full-page screenshots at desktop and phone widths go to $STANCEDIFF_ARTIFACTS
(a temporary folder if unset), to be looked at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from conftest import PROJECT, Copy, invoke
from stancediff.analysis.compare import current
from stancediff.format.dataset import read_dataset
from stancediff.report import layout

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("STANCEDIFF_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class Visit:
    """A page opened in a fresh context, with everything it asked for and complained about."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_report(browser: Browser, path: Path, width: int = 1280, javascript: bool = True) -> Visit:
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    visit = Visit(page, path.resolve().as_uri())
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("websocket", lambda socket: visit.requests.append(socket.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))

    def dialog(d) -> None:
        visit.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    # Anything but the page itself is refused, and recorded above.
    context.route("**/*", lambda route: route.continue_() if route.request.url == visit.url else route.abort())
    page.goto(visit.url)
    page.wait_for_load_state("load")
    return visit


def write_report(positions: Path, out: Path, *extra: str) -> Path:
    result = invoke("report", "--positions", str(positions), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def current_count(positions: Path) -> int:
    return sum(len(current(a.stances)) for a in read_dataset(positions).dataset.actors)


def screenshots(browser: Browser, path: Path, artifacts: Path, name: str) -> None:
    for label, width in WIDTHS.items():
        visit = open_report(browser, path, width)
        visit.page.screenshot(path=str(artifacts / f"{name}-{label}.png"), full_page=True)
        assert visit.errors == []
        visit.page.context.close()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(PROJECT / "positions", tmp_path_factory.mktemp("shipped") / "report.html")


def test_the_shipped_report_asks_for_nothing_and_logs_no_error(browser: Browser, shipped: Path) -> None:
    visit = open_report(browser, shipped)
    visit.page.mouse.wheel(0, 20000)  # everything below the fold is laid out too
    visit.page.wait_for_timeout(200)
    assert visit.requests == [visit.url]
    assert visit.errors == [] and visit.dialogs == []
    visit.page.context.close()


def test_one_matrix_cell_per_current_stance_each_leading_to_its_quote(browser: Browser, shipped: Path) -> None:
    visit = open_report(browser, shipped)
    cells = visit.page.locator("#matrix svg a.cell")
    assert cells.count() == current_count(PROJECT / "positions") > 30
    for n in range(cells.count()):
        cell = cells.nth(n)
        anchor = str(cell.get_attribute("href")).removeprefix("#")
        cell.click()
        assert visit.page.url.endswith("#" + anchor)
        target = visit.page.locator(":target")
        assert target.get_attribute("id") == anchor
        quote = target.locator("blockquote").first
        expect(quote).to_be_visible()
        expect(quote).to_be_in_viewport()
    assert visit.requests == [visit.url] and visit.errors == []
    visit.page.context.close()


def test_usable_with_javascript_off(browser: Browser, shipped: Path) -> None:
    visit = open_report(browser, shipped, javascript=False)
    page = visit.page
    cell = page.locator("#matrix svg a.cell").nth(3)
    anchor = str(cell.get_attribute("href")).removeprefix("#")
    cell.click()
    expect(page.locator(":target blockquote").first).to_be_in_viewport()
    assert page.locator(":target").get_attribute("id") == anchor
    # the tables under the pictures open without a script
    table = page.locator("#matrix details table")
    expect(table).to_be_hidden()
    page.locator("#matrix details > summary").click()
    expect(table).to_be_visible()
    # a table cell links to the evidence too
    page.locator("#matrix details table a").first.click()
    expect(page.locator(":target blockquote").first).to_be_in_viewport()
    assert visit.requests == [visit.url] and visit.errors == []
    page.context.close()


def test_hostile_text_shows_as_text_and_runs_nothing(
    browser: Browser, data: Copy, tmp_path: Path, artifacts: Path
) -> None:
    data.edit("actors/mayor.yaml", "name: Mayor of the city", 'name: "<script>alert(1)</script>"')
    data.edit(
        "actors/mayor.yaml",
        'quote: "A charge is the fairest way to pay for the trams,"',
        'quote: "<img src=x onerror=alert(1)>"',
    )
    data.edit("topics.yaml", "title: Congestion charge", "title: \"</text></svg><svg onload='alert(2)'>\"")
    path = write_report(data.positions, tmp_path / "hostile.html", "--title", "<img src=y onerror=alert(3)>")
    visit = open_report(browser, path)
    page = visit.page
    expect(page.locator("h1")).to_have_text("<img src=y onerror=alert(3)>")
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()
    expect(page.locator("blockquote", has_text="<img src=x onerror=alert(1)>")).to_be_visible()
    expect(page.get_by_text("</text></svg><svg onload='alert(2)'>").first).to_be_visible()
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1
    page.locator("#matrix svg a.cell").first.click()
    assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    page.context.close()
    screenshots(browser, path, artifacts, "hostile")


def test_screenshots_of_the_shipped_report(browser: Browser, shipped: Path, artifacts: Path) -> None:
    screenshots(browser, shipped, artifacts, "shipped")
    visit = open_report(browser, shipped)
    visit.page.emulate_media(media="print")
    visit.page.screenshot(path=str(artifacts / "shipped-print.png"), full_page=True)
    # printed, the navigation is gone
    expect(visit.page.locator("nav")).to_be_hidden()
    visit.page.context.close()
    for label in WIDTHS:
        assert (artifacts / f"shipped-{label}.png").stat().st_size > 10_000


def test_the_reliability_section_against_a_second_coding(browser: Browser, tmp_path: Path, artifacts: Path) -> None:
    """`report --coder`: alpha per topic with its interval, and each disagreement with every coder's quotes."""
    second = PROJECT / "examples" / "second-reading"
    path = write_report(PROJECT / "positions", tmp_path / "coded.html", "--coder", str(second))
    measured = json.loads(invoke("reliability", str(PROJECT / "positions"), str(second), "--format", "json").stdout)
    for javascript in (True, False):
        visit = open_report(browser, path, javascript=javascript)
        page = visit.page
        page.locator("nav a[href='#reliability']").click()
        section = page.locator("#reliability")
        expect(section.locator("h2")).to_be_in_viewport()
        position = measured["alpha"]["position"]
        low, high = position["interval"]
        row = section.locator("tr", has_text="position (ordinal)")
        expect(row).to_contain_text(f"{position['alpha']:.3f}")
        expect(row).to_contain_text(f"{low:.3f} to {high:.3f}")
        for topic in measured["topics"]:
            expect(section.locator("tr", has_text=topic["topic"]["title"]).first).to_be_visible()
        articles = section.locator("article.disagreement")
        assert articles.count() == len(measured["disagreements"]) > 0
        first = measured["disagreements"][0]
        for coding in first["codings"]:
            for quote in coding["quotes"]:
                expect(articles.first.locator("blockquote", has_text=quote).first).to_be_visible()
        assert visit.requests == [visit.url] and visit.errors == []
        page.context.close()
    screenshots(browser, path, artifacts, "reliability")


EVERY_WIDTH = (320, 390, 1280, 1920)
# Every element that shows an actor's name or a topic's title, in HTML.
NAMED = ".tally .title, #strips h3, .strip a.name, #timeline h3, .timeline .who"
OVERFLOWING_HTML = """(selector) => [...document.querySelectorAll(selector)]
    .filter(e => e.scrollWidth > e.clientWidth
        || e.getBoundingClientRect().right > document.documentElement.clientWidth)
    .map(e => e.textContent)"""
# A matrix's row names: each text's box within its svg, which does not scroll.
OVERFLOWING_SVG = """(selector) => [...document.querySelectorAll(selector)].filter(t => {
    const box = t.getBBox(), svg = t.ownerSVGElement.viewBox.baseVal;
    return box.x < svg.x || box.x + box.width > svg.x + svg.width
        || box.y < svg.y || box.y + box.height > svg.y + svg.height;
}).map(t => t.textContent)"""
# A stance's glyph on a timeline: within its pill.
SPILLING = """() => [...document.querySelectorAll('.timeline a.cell')].filter(a => {
    const pill = a.querySelector('rect').getBBox(), text = a.querySelector('text').getBBox();
    return text.x < pill.x || text.x + text.width > pill.x + pill.width;
}).map(a => a.textContent.trim())"""


@pytest.mark.parametrize("width", EVERY_WIDTH)
def test_every_name_and_title_whole_at_every_width(browser: Browser, shipped: Path, width: int) -> None:
    dataset = read_dataset(PROJECT / "positions").dataset
    names = {a.name for a in dataset.actors if a.stances}
    titles = [t.title for t in dataset.topics]
    visit = open_report(browser, shipped, width)
    page = visit.page
    assert page.evaluate(OVERFLOWING_HTML, NAMED) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    for section in ("#matrix", "#agreement"):
        rows = f"{section} .pair > svg text[text-anchor=end]"
        assert page.evaluate(OVERFLOWING_SVG, rows) == []
        shown = [" ".join(t.split()) for t in page.locator(rows).all_text_contents()]
        assert sorted(shown) == sorted(names) and "…" not in page.locator(section).inner_html()
    assert page.evaluate(SPILLING) == []
    # the full text is there: every title, and every holder's name on the strips and timelines
    assert page.locator(".tally .title").all_text_contents() == titles
    for selector in (".strip a.name", ".timeline .who"):
        shown = {t.strip().rstrip("*~^ ").strip() for t in page.locator(selector).all_text_contents()}
        assert shown == names
    visit.page.context.close()


def test_the_time_axis_names_the_first_stances_month(browser: Browser, shipped: Path, artifacts: Path) -> None:
    dataset = read_dataset(PROJECT / "positions").dataset
    first = min(s.date.first_day for a in dataset.actors for s in a.stances)
    visit = open_report(browser, shipped, 390)
    axes = visit.page.locator(".timeline svg.axis")
    assert axes.count() > 0
    for n in range(axes.count()):
        assert f"{first.year}-{first.month:02d}" in axes.nth(n).locator("text").all_text_contents()
    visit.page.locator("#timeline").screenshot(path=str(artifacts / "shipped-timeline-phone.png"))
    visit.page.context.close()


# The position matrix's parts, measured where the browser draws them.
MATRIX_BOXES = """() => {
    const pair = document.querySelector('#matrix .pair'), scroll = pair.querySelector('.scroll');
    const right = es => Math.max(...[...es].map(e => e.getBoundingClientRect().right));
    const cells = [...scroll.querySelectorAll('rect')].map(r => r.getBoundingClientRect());
    return {
        box: pair.getBoundingClientRect().toJSON(),
        names: pair.querySelector(':scope > svg').getBoundingClientRect().right,
        cells: Math.max(...cells.map(c => c.right)),
        drawn: right(scroll.querySelectorAll('rect, text')),
        narrowest: Math.min(...cells.map(c => c.width)),
        overflow: scroll.scrollWidth - scroll.clientWidth,
    };
}"""


def test_the_position_matrix_fills_a_desktop_and_scrolls_on_a_phone(browser: Browser, shipped: Path) -> None:
    """At 1280 px the cells share the width beside the names, with no wide empty band right of the matrix;
    at 390 px they keep their size and scroll inside their own box."""
    visit = open_report(browser, shipped, 1280)
    m = visit.page.evaluate(MATRIX_BOXES)
    width = m["box"]["width"]
    assert m["cells"] - m["names"] >= 0.6 * width, m  # the cells take most of the width
    assert m["box"]["right"] - m["drawn"] <= 0.1 * width, m  # nothing but the titles' lean is empty beside them
    assert m["overflow"] <= 0, m  # and it all fits: no scrolling at desktop width
    visit.page.context.close()
    visit = open_report(browser, shipped, 390)
    m = visit.page.evaluate(MATRIX_BOXES)
    assert m["narrowest"] >= layout.MATRIX_CELL - 0.5, m  # never squeezed below their natural size
    assert m["overflow"] > 0 and m["box"]["right"] <= 390, m  # they scroll within the page
    visit.page.context.close()
