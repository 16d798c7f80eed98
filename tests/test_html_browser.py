"""The HTML report in a real headless Chromium: loads without errors, the status filter works.

Needs Debian's /usr/bin/chromium (tests/setup-browser.sh installs it); Playwright drives it and
never downloads a browser. Without Chromium the test skips, or fails when CI is set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from duizhao.compare import compare_plans
from duizhao.corpus.samples import load_sample
from duizhao.reports.pair.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SCREENSHOTS = Path(__file__).resolve().parents[1] / "out" / "screenshots"
pytestmark = pytest.mark.slow  # a real browser: a few seconds each


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        why = f"{CHROMIUM} is missing: run tests/setup-browser.sh (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(why)
        pytest.skip(why)
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def test_report_loads_and_filters_by_status(browser, tmp_path: Path) -> None:
    result = compare_plans(load_sample("hubei"), load_sample("gaoxin"))
    report = tmp_path / "report.html"
    report.write_text(render_html(result), encoding="utf-8")

    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")

    rows = page.locator("table.sxs tbody tr[data-status]")  # heading rows stay as they are
    total = rows.count()
    assert total > 0
    assert page.locator("#shown").inner_text() == f"{total} / {total}"

    page.click("button[data-filter=dropped]")
    visible = [rows.nth(i) for i in range(total) if rows.nth(i).is_visible()]
    statuses = [row.get_attribute("data-status").split() for row in visible]
    assert statuses and all("dropped" in s for s in statuses)
    assert len(visible) == sum(
        1 for i in range(total) if "dropped" in rows.nth(i).get_attribute("data-status").split()
    )
    assert page.locator("button[data-filter=dropped]").get_attribute("aria-pressed") == "true"
    assert page.locator("#shown").inner_text() == f"{len(visible)} / {total}"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)

    page.click("button[data-filter=all]")
    assert all(rows.nth(i).is_visible() for i in range(total))
    assert errors == []


def test_report_prints_on_a4_landscape_without_controls(browser, tmp_path: Path) -> None:
    import pdfplumber

    result = compare_plans(load_sample("hubei"), load_sample("gaoxin"))
    report = tmp_path / "report.html"
    report.write_text(render_html(result), encoding="utf-8")
    page = browser.new_page()
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    assert not page.locator(".filters").is_visible()
    row = page.locator("table.sxs tbody tr[data-status]").first
    assert row.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
    assert page.locator("thead").first.evaluate("t => getComputedStyle(t).display") == (
        "table-header-group")  # fmt: skip
    pdf_path = tmp_path / "report.pdf"
    page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
    with pdfplumber.open(pdf_path) as pdf:
        sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
        text = "".join(p.extract_text() or "" for p in pdf.pages)
    assert sizes == {(842, 595)}  # A4 landscape, in points
    assert "未落实 (1)" in text and "新增 (1)" in text
    assert "全部" not in text.split("对照表")[-1][:200]  # no filter buttons before the table


def test_chain_page_opens_each_measure_with_its_text(browser, tmp_path: Path) -> None:
    from golden.regen import chain_result

    from duizhao.reports.chain.html import render_chain_html

    chain = chain_result()
    page_file = tmp_path / "chain.html"
    page_file.write_text(render_chain_html(chain), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(page_file.as_uri())
    boxes = page.locator("details")
    assert boxes.count() == len(chain.trace)
    text = chain.plans[0].measures()[2].text
    assert not page.get_by_text(text[:20]).first.is_visible()  # folded until opened
    boxes.nth(2).locator("summary").click()
    assert boxes.nth(2).locator("p.text").is_visible()
    assert text[:20] in boxes.nth(2).locator("p.text").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1200, "the page does not scroll sideways"
    page.screenshot(path=str(SCREENSHOTS / "chain.png"), full_page=False)
    assert errors == []
