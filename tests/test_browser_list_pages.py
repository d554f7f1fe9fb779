"""In a real browser: a list cut into pages (four entries a page in the test root) is searched
whole from any of its pages, clearing the query brings the page's own entries back, an old
address naming an entry another page shows leads there, and the pages have no axe violations
in light and dark mode."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from browser_support import (
    axe_violations,
    find_chromium,
    open_and_settle,
    search_count,
    shown_entries,
    sphinx_build,
    type_query,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    find_chromium()  # skip before spending time on a build
    outdir = tmp_path_factory.mktemp("list-pages-site")
    sphinx_build(REPO / "tests/roots/test-list_pages", outdir, "-q", "-W", "--keep-going")
    return outdir


def test_a_query_finds_entries_of_every_page(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/2021/")
    assert sorted(shown_entries(page)) == ["doe2021soil", "doe2021speech"]
    type_query(page, "rivers")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent.startsWith('1 of')"
    )
    assert search_count(page) == "1 of 11 publications"
    assert shown_entries(page) == ["doe2019rivers"]
    # The found entry's links lead where they do on its own page.
    link = page.locator(".sp-search-results #doe2019rivers .sp-pub-title a")
    assert link.get_attribute("href") == f"{base_url}/publications/doe2019rivers/"
    type_query(page, "doe")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent === '11 publications'"
    )
    assert len(shown_entries(page)) == 11
    page.get_by_label("Search publications").fill("")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent === '11 publications'"
    )
    assert sorted(shown_entries(page)) == ["doe2021soil", "doe2021speech"]


def test_query_in_the_address_searches_the_whole_list(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/?q=ocean")
    page.get_by_label("Search publications").focus()
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent.startsWith('1 of')"
    )
    assert shown_entries(page) == ["doe2022oceans"]


def test_an_entry_on_another_page_is_found_by_its_old_address(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/publications/#doe2019rivers")
    page.wait_for_url(f"{base_url}/publications/2019/#doe2019rivers")
    assert page.locator("#doe2019rivers").is_visible()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("path", ["/publications/", "/publications/2020/"])
def test_no_axe_violations(browser: Browser, base_url: str, mode: str, path: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed: run `npm install` at the top ({AXE} is missing)")
    context = browser.new_context(color_scheme=mode)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    try:
        page = context.new_page()
        page.goto(f"{base_url}{path}", wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        violations = axe_violations(page, AXE)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()
