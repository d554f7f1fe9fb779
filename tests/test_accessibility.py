"""axe-core, in Debian's headless Chromium, finds no accessibility violation on the example
site's pages, in light and in dark mode, on a wide screen and on a phone; nor does the browser
log an error on them.

So does the publications list of 1,000 generated entries (benchmarks/generate_bib.py), with
an entry's abstract and BibTeX shown in place.

The test also leaves screenshots of the About and Publications pages in ``test-artifacts/``
(1280 px and 390 px wide, light and dark) for anyone to look at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from browser_support import find_chromium, serve_directory, sphinx_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
MODES = ("light", "dark")
WIDTHS = {"wide": (1280, 900), "phone": (390, 844)}
PAGES = {
    "about": "/",
    "research": "/research/",
    "publications": "/publications/",
    "cv": "/cv/",
}


def _require_tools() -> None:
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed: run `npm install` at the top ({AXE} is missing)")
    find_chromium()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_tools()  # before spending time on a build
    outdir = tmp_path_factory.mktemp("a11y-site")
    sphinx_build(REPO / "docs", outdir, "-q", "-W", "--keep-going")
    return outdir


def _paper_page(site: Path) -> str | None:
    papers = sorted(site.glob("publications/*/index.html"))
    return f"/{papers[0].parent.relative_to(site).as_posix()}/" if papers else None


def _open(
    browser: Browser, url: str, mode: str, width: str, errors: list[str] | None = None
) -> Page:
    viewport_width, height = WIDTHS[width]
    context = browser.new_context(
        viewport={"width": viewport_width, "height": height}, color_scheme=mode
    )
    # pydata-sphinx-theme reads the chosen mode from localStorage before the first paint.
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    if errors is not None:
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    return page


def _violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return list(result["violations"])


def _describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}: {node['failureSummary']}" for node in violation["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", [*PAGES, "paper"])
def test_no_axe_violations(
    site: Path, base_url: str, browser: Browser, name: str, mode: str, width: str
) -> None:
    path = PAGES.get(name) or _paper_page(site)
    if path is None:
        pytest.skip("the example site has no paper pages")
    errors: list[str] = []
    page = _open(browser, base_url + path, mode, width, errors)
    try:
        violations = _violations(page)
    finally:
        page.context.close()
    assert violations == [], f"{path} in {mode} mode, {width}:\n{_describe(violations)}"
    assert errors == [], f"{path}: errors in the browser console"


@pytest.mark.parametrize("mode", MODES)
def test_screenshots(base_url: str, browser: Browser, mode: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("about", "publications"):
        for width, (pixels, _) in WIDTHS.items():
            page = _open(browser, base_url + PAGES[name], mode, width)
            try:
                path = ARTIFACTS / f"{name}-{pixels}px-{mode}.png"
                page.screenshot(path=str(path), full_page=True)
            finally:
                page.context.close()
            assert path.stat().st_size > 0


LARGE_LIST = 1000


@pytest.fixture(scope="module")
def large_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site whose publications page lists 1,000 generated entries."""
    _require_tools()
    root = tmp_path_factory.mktemp("a11y-large")
    source = root / "docs"
    source.mkdir()
    generate = [sys.executable, str(REPO / "benchmarks/generate_bib.py"), str(LARGE_LIST)]
    subprocess.run([*generate, "-o", str(root / "publications.bib")], check=True)
    (source / "conf.py").write_text(
        'project = "Large list"\nauthor = "Jane Q. Doe"\nextensions = ["scholarpages"]\n'
        'scholarpages_bibfile = "../publications.bib"\n'
        'scholarpages_owner = ["Doe, Jane Q."]\nhtml_theme = "pydata_sphinx_theme"\n'
        # Without an icon Chromium asks for /favicon.ico, and logs that it is missing.
        'html_favicon = "avatar.png"\n',
        encoding="utf-8",
    )
    shutil.copy(REPO / "docs/images/avatar.png", source / "avatar.png")
    (source / "index.md").write_text(
        "# Jane Q. Doe\n\n```{toctree}\n:hidden:\n\npublications\neverything\n```\n",
        encoding="utf-8",
    )
    (source / "publications.md").write_text(
        "# Publications\n\n```{publications}\n```\n", encoding="utf-8"
    )
    # The same entries on one page, as a list not cut into pages shows them.
    (source / "everything.md").write_text(
        "# Everything\n\n```{publications}\n:page-size: 0\n```\n", encoding="utf-8"
    )
    outdir = root / "site"
    sphinx_build(source, outdir, "-q", "-W", "--keep-going")
    return outdir


@pytest.mark.parametrize("mode", MODES)
def test_no_axe_violations_on_a_list_of_1000(large_list: Path, browser: Browser, mode: str) -> None:
    # The list goes on over pages of at most 200 entries; its first page and a year's page
    # are checked, and the pages hold every entry once.
    first = (large_list / "publications" / "index.html").read_text(encoding="utf-8")
    year_pages = sorted(large_list.glob("publications/2*/index.html"))
    assert year_pages, "the list of 1,000 entries is not cut into pages"
    shown = [
        first.count('class="sp-pub '),
        *(p.read_text().count('class="sp-pub ') for p in year_pages),
    ]
    assert sum(shown) == LARGE_LIST and max(shown) <= 200
    year = year_pages[0].parent.name
    with serve_directory(large_list) as base:
        for path, count in [("publications/", shown[0]), (f"publications/{year}/", shown[1])]:
            errors: list[str] = []
            page = _open(browser, f"{base}/{path}", mode, "wide", errors)
            try:
                entries = page.locator("div.sp-pub")
                assert entries.count() == count
                # One entry's abstract and BibTeX shown in place are checked too.
                entry = page.locator("div.sp-pub:has(a.sp-reveal-abstract)").first
                entry.locator("a.sp-reveal-abstract").click()
                entry.locator(".sp-revealed-abstract").wait_for()
                entry.locator("a.sp-reveal-bibtex").click()
                entry.locator(".sp-revealed-bibtex pre").wait_for()
                violations = _violations(page)
            finally:
                page.context.close()
            assert violations == [], f"{path} of 1,000 entries, {mode}:\n{_describe(violations)}"
            assert errors == [], "errors in the browser console"


# Elements in each entry of the list (its root included), whether its title holds math (as
# MathML, or as characters: italic letters of Unicode's mathematical block), and the rows of
# its MathML that group fewer than two elements.
_ENTRY_SIZES = """() => Array.from(document.querySelectorAll("div.sp-publications div.sp-pub"),
    (entry) => [entry.id, 1 + entry.querySelectorAll("*").length,
                entry.querySelector(".sp-pub-title math") !== null
                    || /[\\u{1D400}-\\u{1D7FF}\\u210E]/u.test(
                        entry.querySelector(".sp-pub-title").textContent),
                Array.from(entry.querySelectorAll("mrow"))
                    .filter((row) => row.childElementCount < 2).length])"""


def test_list_entries_stay_light_with_math_in_titles(large_list: Path, browser: Browser) -> None:
    """At most 15 elements in an entry as the browser holds it, the math of its title
    included (as characters where Unicode writes it exactly, else MathML with no row that
    groups nothing): a list of thousands stays a page a phone lays out quickly."""
    with serve_directory(large_list) as base:
        page = _open(browser, f"{base}/everything/", "light", "phone")
        try:
            sizes: list[tuple[str, int, bool, int]] = page.evaluate(_ENTRY_SIZES)
        finally:
            page.context.close()
    assert len(sizes) == LARGE_LIST
    with_math = [key for key, _, math, _ in sizes if math]
    assert len(with_math) > LARGE_LIST // 20, "the generated titles should hold math"
    heavy = sorted((size, key) for key, size, _, _ in sizes if size > 15)
    assert heavy == [], f"{len(heavy)} entries over 15 elements, the largest {heavy[-1:]}"
    empty_rows = [key for key, _, _, rows in sizes if rows]
    assert empty_rows == [], f"rows of one element in {len(empty_rows)} entries"


# What the count says, how many entries are shown, and how many of those lack the word in
# their text and terms (keywords and type).
_FILTERED = """(word) => {
    const entries = Array.from(document.querySelectorAll("div.sp-publications div.sp-pub"));
    const shown = entries.filter((entry) => !entry.closest("[hidden]"));
    const count = document.querySelector("div.sp-search [aria-live]").textContent;
    return [count, shown.length,
            shown.filter((entry) => !(entry.textContent + " " + (entry.dataset.spTerms || ""))
                .toLowerCase().includes(word)).length];
}"""


# Scrolls to the end of the page; true once every match counted is shown.
_SCROLLED_TO_ALL = """() => {
    window.scrollTo(0, document.body.scrollHeight);
    const shown = document.querySelectorAll(".sp-search-results .sp-pub").length;
    return shown === parseInt(document.querySelector("div.sp-search [aria-live]").textContent);
}"""


@pytest.mark.parametrize("path", ["everything/", "publications/"])
def test_search_filters_every_entry_of_a_long_list(
    large_list: Path, browser: Browser, path: str
) -> None:
    """The box shows and hides a long list a part at a time, from the top; in the end every
    entry, to the last, is as the query asks, and clearing it brings all of them back. On a
    list cut into pages the query shows the matches of every page, and clearing it brings
    back the page's own entries."""
    with serve_directory(large_list) as base:
        page = _open(browser, f"{base}/{path}", "light", "wide")
        try:
            box = page.locator("div.sp-search input")
            box.fill("learning")
            if path == "publications/":  # the matches of every page, once they are fetched
                page.locator(".sp-search-results").wait_for(state="attached")
                # They are laid out as the reader scrolls to them.
                page.wait_for_function(_SCROLLED_TO_ALL, polling=100)
            page.wait_for_function(
                f"() => ({_FILTERED})('learning')[1] === "
                "parseInt(document.querySelector('div.sp-search [aria-live]').textContent)"
            )
            count, shown, wrong = page.evaluate(_FILTERED, "learning")
            assert count == f"{shown} of 1,000 publications" and 0 < shown < LARGE_LIST
            assert wrong == 0
            box.press("Escape")
            on_page = (large_list / path / "index.html").read_text().count('class="sp-pub ')
            page.wait_for_function(f"() => ({_FILTERED})('')[1] === {on_page}")
            assert page.evaluate(_FILTERED, "")[0] == "1,000 publications"
        finally:
            page.context.close()
