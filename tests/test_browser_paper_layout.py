"""In a real browser: paper pages and the publications list fit a phone's screen, their
buttons are big enough to tap and read, and the content column stands in the same place on
every page, with or without an "On this page" sidebar; axe finds nothing on a paper page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from browser_support import find_chromium, sphinx_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "tests/roots/test-paper_sharing"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (320, 390, 1366)
# The paper with the long unbroken BibTeX lines, the list, and a page with its own sections.
PAPER = "/publications/doe2021plain/"
PAGES = {"home": "/", "publications": "/publications/", "paper": PAPER}
# Everything a reader taps in an entry: its buttons and the summaries that open its parts.
TAP_TARGETS = ".sp-buttons a, .sp-pub details > summary"

_MAIN_COLUMN = """() => {
    const main = document.querySelector(".sp-profile__main")
        || document.querySelector("article.bd-article");
    const box = main.getBoundingClientRect();
    return [Math.round(box.left), Math.round(box.width)];
}"""

# A BibTeX block fits when it lies within the content column and its text wraps: no line is
# cut off at the block's edge, to be found only by scrolling it sideways.
_BIBTEX_BLOCKS = """() => {
    const main = document.querySelector(".sp-profile__main")
        || document.querySelector("article.bd-article");
    const column = main.getBoundingClientRect();
    const shown = ".sp-bibtex pre, .sp-revealed-bibtex pre";
    return Array.from(document.querySelectorAll(shown), (pre) => {
        const box = pre.getBoundingClientRect();
        return {
            width: Math.round(box.width),
            column: Math.round(column.width),
            text: pre.scrollWidth,
            fits: box.left >= column.left - 0.5 && box.right <= column.right + 0.5
                && pre.scrollWidth <= pre.clientWidth,
        };
    });
}"""

_TARGETS = """(selector) => Array.from(document.querySelectorAll(selector), (node) => {
    const box = node.getBoundingClientRect();
    return {
        text: node.textContent.trim(),
        width: box.width,
        height: box.height,
        font: parseFloat(getComputedStyle(node).fontSize),
    };
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    find_chromium()  # skip before spending time on a build
    outdir = tmp_path_factory.mktemp("paper-layout")
    sphinx_build(ROOT, outdir, "-q", "--keep-going")
    return outdir


def _open(browser: Browser, url: str, width: int, mode: str = "light") -> Page:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=mode)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["paper", "publications"])
def test_nothing_is_wider_than_the_screen(
    base_url: str, browser: Browser, name: str, width: int
) -> None:
    page = _open(browser, base_url + PAGES[name], width)
    try:
        # Everything open, as a reader opens it: the list shows BibTeX when asked to.
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
        links = page.locator("a.sp-reveal-bibtex")
        for link in links.all():
            link.click()
        page.wait_for_function(
            "n => document.querySelectorAll('.sp-revealed-bibtex pre').length === n",
            arg=links.count(),
        )
        scroll_width, inner_width = page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        blocks = page.evaluate(_BIBTEX_BLOCKS)
    finally:
        page.context.close()
    assert scroll_width <= inner_width, f"{name} at {width}px: {scroll_width} > {inner_width}"
    assert blocks, f"{name}: no BibTeX block"
    cut = [block for block in blocks if not block["fits"]]
    assert cut == [], f"{name} at {width}px: BibTeX cut off: {cut}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["paper", "publications"])
def test_tap_targets_are_big_enough(base_url: str, browser: Browser, name: str, width: int) -> None:
    page = _open(browser, base_url + PAGES[name], width)
    try:
        targets: list[dict[str, Any]] = page.evaluate(_TARGETS, TAP_TARGETS)
    finally:
        page.context.close()
    assert targets
    small = [t for t in targets if t["width"] < 24 or t["height"] < 24 or t["font"] < 14]
    assert small == [], f"{name} at {width}px: {small}"


@pytest.mark.parametrize("width", [390, 1366])
def test_content_column_stands_still(base_url: str, browser: Browser, width: int) -> None:
    columns = {}
    for name, path in PAGES.items():
        page = _open(browser, base_url + path, width)
        try:
            columns[name] = page.evaluate(_MAIN_COLUMN)
        finally:
            page.context.close()
    assert len(set(map(tuple, columns.values()))) == 1, f"at {width}px: {columns}"


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1366])
def test_paper_page_has_no_axe_violations(
    base_url: str, browser: Browser, mode: str, width: int
) -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed: run `npm install` at the top ({AXE} is missing)")
    page = _open(browser, base_url + PAPER, width, mode)
    try:
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.context.close()
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == [], f"{mode}, {width}px: {violations}"
