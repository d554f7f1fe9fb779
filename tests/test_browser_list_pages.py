"""In a real browser: a list cut into pages (four entries a page in the test root) is searched
whole from any of its pages, clearing the query brings the page's own entries back, an old
address naming an entry another page shows leads there, and the pages have no axe violations
in light and dark mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from browser_support import find_chromium, open_and_settle, sphinx_build

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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    errors: list[str] = []
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def _shown(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        ".sp-publications .sp-pub", "nodes => nodes.filter(n => n.offsetParent).map(n => n.id)"
    )
    return ids


def _count(page: Page) -> str:
    return page.locator(".sp-search-count").inner_text().strip()


def _search(page: Page, query: str) -> None:
    field = page.get_by_label("Search publications")
    field.fill("")
    field.press_sequentially(query)


def test_a_query_finds_entries_of_every_page(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/2021/")
    assert sorted(_shown(page)) == ["doe2021soil", "doe2021speech"]
    _search(page, "rivers")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent.startsWith('1 of')"
    )
    assert _count(page) == "1 of 11 publications"
    assert _shown(page) == ["doe2019rivers"]
    # The found entry's links lead where they do on its own page.
    link = page.locator(".sp-search-results #doe2019rivers .sp-pub-title a")
    assert link.get_attribute("href") == f"{base_url}/publications/doe2019rivers/"
    _search(page, "doe")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent === '11 publications'"
    )
    assert len(_shown(page)) == 11
    page.get_by_label("Search publications").fill("")
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent === '11 publications'"
    )
    assert sorted(_shown(page)) == ["doe2021soil", "doe2021speech"]


def test_query_in_the_address_searches_the_whole_list(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/?q=ocean")
    page.get_by_label("Search publications").focus()
    page.wait_for_function(
        "document.querySelector('.sp-search-count').textContent.startsWith('1 of')"
    )
    assert _shown(page) == ["doe2022oceans"]


def test_an_entry_on_another_page_is_found_by_its_old_address(base_url: str, page: Page) -> None:
    page.goto(f"{base_url}/publications/#doe2019rivers")
    page.wait_for_url(f"{base_url}/publications/2019/#doe2019rivers")
    assert page.locator("#doe2019rivers").is_visible()


def _axe(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return list(result["violations"])


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
        violations = _axe(page)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()
