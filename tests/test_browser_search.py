"""In a real browser: the search box of a publications list filters it as one types, says how
many entries match, keeps the query in the address, and is absent without JavaScript."""

from __future__ import annotations

import re
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
ALL = "11 publications"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    find_chromium()  # skip before spending time on a build
    outdir = tmp_path_factory.mktemp("search-site")
    sphinx_build(REPO / "tests/roots/test-publications_search", outdir, "-q", "-W", "--keep-going")
    return outdir


def _headings(page: Page) -> list[str]:
    texts: list[str] = page.eval_on_selector_all(
        ".sp-publications .sp-group",
        "nodes => nodes.filter(n => n.offsetParent).map(n => n.textContent.trim())",
    )
    return texts


def test_typing_filters_the_list_and_counts_matches(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/")
    field = page.get_by_role("searchbox", name="Search publications")
    assert field.is_visible()
    assert search_count(page) == ALL
    assert page.locator(".sp-search-count").get_attribute("aria-live") == "polite"
    type_query(page, "fog")
    assert shown_entries(page) == ["doe2024vision"]
    assert search_count(page) == "1 of 11 publications"
    # Every word must match, in any field: authors and title here.
    type_query(page, "smith speech")
    assert shown_entries(page) == ["doe2021speech"]
    type_query(page, "smith")
    assert shown_entries(page) == ["doe2024vision", "doe2021speech"]
    assert search_count(page) == "2 of 11 publications"
    # Keywords and type are found though the entry does not show them.
    type_query(page, "migration")
    assert shown_entries(page) == ["doe2020birds"]
    type_query(page, "phdthesis")
    assert shown_entries(page) == ["doe2023zurich"]
    type_query(page, "nothing like this")
    assert shown_entries(page) == []
    assert search_count(page) == "0 of 11 publications"


def test_case_and_accents_are_ignored(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/")
    for query in ("zurich", "ZÜRICH", "Zu\u0308rich"):
        type_query(page, query)
        assert shown_entries(page) == ["doe2024graphs", "doe2023zurich"], query
    type_query(page, "garcia maria")
    assert shown_entries(page) == ["doe2023proteins"]
    type_query(page, "MÜLLER")
    assert shown_entries(page) == ["doe2024graphs"]


def test_headings_of_emptied_groups_hide(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/")
    assert _headings(page) == ["2024", "2023", "2022", "2021", "2020", "2019"]
    type_query(page, "rivers")
    assert _headings(page) == ["2019"]
    type_query(page, "smith")
    assert _headings(page) == ["2024", "2021"]


def test_query_is_kept_in_the_address_and_read_from_it(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/")
    type_query(page, "bird routes")
    page.wait_for_url(re.compile(r"\?q=bird(\+|%20)routes$"))
    shared = page.url
    other = page.context.new_page()
    open_and_settle(other, shared)
    assert other.get_by_label("Search publications").input_value() == "bird routes"
    assert shown_entries(other) == ["doe2020birds"]
    assert search_count(other) == "1 of 11 publications"
    assert _headings(other) == ["2020"]


def test_escape_clears_the_search(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/?q=fog")
    assert shown_entries(page) == ["doe2024vision"]
    field = page.get_by_label("Search publications")
    field.focus()
    field.press("Escape")
    assert field.input_value() == ""
    assert len(shown_entries(page)) == 11
    assert search_count(page) == ALL
    page.wait_for_url(f"{base_url}/publications/")


def test_keyboard_reaches_the_box(base_url: str, page: Page) -> None:
    open_and_settle(page, f"{base_url}/publications/")
    field = page.get_by_label("Search publications")
    for _ in range(60):
        page.keyboard.press("Tab")
        if field.evaluate("node => node === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("ocean")
    assert shown_entries(page) == ["doe2022oceans"]


def test_without_javascript_every_entry_is_listed_and_no_box(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/publications/?q=fog")
        assert not page.locator(".sp-search").is_visible()
        assert len(shown_entries(page)) == 11
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_axe_violations_with_the_box(browser: Browser, base_url: str, mode: str) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed: run `npm install` at the top ({AXE} is missing)")
    context = browser.new_context(color_scheme=mode)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    try:
        page = context.new_page()
        page.goto(f"{base_url}/publications/?q=smith", wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        assert page.locator(".sp-search").is_visible()
        violations = axe_violations(page, AXE)
        assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    finally:
        context.close()


# The layout shifts of the page so far, summed as Cumulative Layout Shift sums them.
_LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
    }).observe({type: "layout-shift", buffered: true});
    // Two frames after the observer is called with what was buffered, and a little time.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 300)));
})"""


@pytest.mark.parametrize("viewport", [(1280, 720), (412, 823)])
def test_the_box_does_not_shift_the_page(
    browser: Browser, base_url: str, viewport: tuple[int, int]
) -> None:
    """The box takes its place from the first paint when JavaScript is on: shown by its
    script after the list was laid out, it pushed the list down."""
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/publications/", wait_until="load")
        assert page.get_by_role("searchbox", name="Search publications").is_visible()
        shift: float = page.evaluate(_LAYOUT_SHIFT)
        assert shift < 0.001, f"layout shift {shift:.4f} at {width}x{height}"
    finally:
        context.close()


def test_without_javascript_the_box_takes_no_room(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/publications/")
        box = page.locator("div.sp-search")
        assert box.count() == 1
        assert box.evaluate("node => getComputedStyle(node).display") == "none"
        assert page.get_by_role("searchbox").count() == 0
        assert len(shown_entries(page)) == 11
    finally:
        context.close()


def test_what_is_typed_before_the_script_runs_is_searched(
    browser: Browser, base_url: str, site: Path
) -> None:
    """The box is there before its script: a query typed on a slow connection is kept."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/scholarpages-search.js*", lambda route: route.abort())
        page.goto(f"{base_url}/publications/", wait_until="load")
        field = page.get_by_role("searchbox", name="Search publications")
        field.fill("fog")
        assert len(shown_entries(page)) == 11
        page.add_script_tag(path=str(site / "_static" / "scholarpages-search.js"))
        assert shown_entries(page) == ["doe2024vision"]
        assert search_count(page) == "1 of 11 publications"
    finally:
        context.close()
