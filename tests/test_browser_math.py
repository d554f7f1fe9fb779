"""In a real browser: math written in a page is laid out as math, with nothing fetched from
another host (the MathML is in the page; no script typesets it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser_support import (
    find_chromium,
    launch_chromium,
    open_and_settle,
    serve_directory,
    sphinx_build,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent / "roots" / "test-page_math"

# The box of each <math> and of the parts of its first fraction, as the browser lays them out.
_MEASURE = """() => [...document.querySelectorAll("math")].map(math => {
    const box = element => {
        const rect = element.getBoundingClientRect();
        return {top: rect.top, bottom: rect.bottom, width: rect.width, height: rect.height};
    };
    const fraction = math.querySelector("mfrac");
    const line = parseFloat(getComputedStyle(math.parentElement).fontSize);
    return {
        display: math.getAttribute("display"),
        box: box(math),
        line: line,
        fraction: fraction ? box(fraction) : null,
        numerator: fraction ? box(fraction.children[0]) : null,
        denominator: fraction ? box(fraction.children[1]) : null,
    };
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    find_chromium()  # skip before spending time on a build
    outdir = tmp_path_factory.mktemp("page_math")
    sphinx_build(ROOT, outdir, "-q")
    return outdir


def test_page_math_is_laid_out_as_math_offline(site: Path) -> None:
    with serve_directory(site) as base, launch_chromium() as browser:
        page = browser.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        open_and_settle(page, f"{base}/")
        maths: list[dict[str, Any]] = page.evaluate(_MEASURE)

    assert [url for url in requested if not url.startswith(base)] == []
    assert len(maths) >= 8
    for math in maths:
        assert math["box"]["width"] > 0 and math["box"]["height"] > 0, math
    fractions = [math for math in maths if math["fraction"]]
    # Inline a/b, and the display sum's n(n+1)/2: numerator over denominator, so each
    # fraction is as tall as two lines of its parts, and taller than the text around it.
    assert {math["display"] for math in fractions} == {"inline", "block"}
    for math in fractions:
        numerator, denominator = math["numerator"], math["denominator"]
        assert numerator["bottom"] <= denominator["top"] + 1, math
        assert math["fraction"]["height"] >= numerator["height"] + denominator["height"], math
        assert math["fraction"]["height"] > 1.2 * math["line"], math
    # A displayed block is on its own line, wider than its content.
    blocks = [math for math in maths if math["display"] == "block"]
    inline = [math for math in maths if math["display"] == "inline"]
    assert min(block["box"]["width"] for block in blocks) > max(
        math["box"]["width"] for math in inline
    )
