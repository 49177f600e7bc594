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
