"""In a real browser: a list title's math written as characters is part of the link's name,
and the search box finds it by plain letters and digits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from scholarpages.math.mathml import render_math

from browser_support import find_chromium, open_and_settle, sphinx_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    find_chromium()  # skip before spending time on a build
    outdir = tmp_path_factory.mktemp("title-math-site")
    sphinx_build(REPO / "tests/roots/test-title_math", outdir, "-q", "-W", "--keep-going")
    return outdir


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    open_and_settle(opened, f"{base_url}/publications/")
    yield opened
    context.close()


def _shown(page: Page) -> list[str]:
    keys: list[str] = page.eval_on_selector_all(
        ".sp-publications .sp-pub", "nodes => nodes.filter(n => n.offsetParent).map(n => n.id)"
    )
    return keys


def test_titles_with_math_are_named_with_their_math(page: Page) -> None:
    """The link's name holds the math as the page shows it (MathML in a link is left out of
    its name): a screen reader reads the characters Chromium gives it for MathML too."""
    for name in (
        "An 𝑂(𝑛 log 𝑛) Algorithm for Sorting",
        "𝑘-Means Revisited",
        "ℓ₁ Penalties and 𝐿² Features",
        "When 𝑥 ≤ 𝑦 and 𝑓′(𝑥) = 2𝑥 + 1",
    ):
        link = page.get_by_role("link", name=name, exact=True)
        assert link.count() == 1, name
        assert link.is_visible(), name
    # Laid out with a font that has the italic letters, not left blank.
    box = page.get_by_role("link", name="𝑘-Means Revisited", exact=True).bounding_box()
    assert box is not None and box["width"] > 50


@pytest.mark.parametrize(
    ("query", "found"),
    [("k-means", ["kmeans"]), ("L2 features", ["ellone"]), ("O(n log n)", ["sorting"])],
)
def test_search_finds_math_by_plain_letters(page: Page, query: str, found: list[str]) -> None:
    page.get_by_label("Search publications").press_sequentially(query)
    assert _shown(page) == found


# Letters of every kind a title's math holds, and some with no italic form.
_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "αβγδεζηθικλμνξοπρςστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
    "ϵϑϰϕϱϖϴ∂∇ıȷ"
    "éάℓ𝒪ℝ"
)
# The characters Chromium shows for each one-letter <mi>, as its accessibility tree has them.
_SHOWN_FOR_MI = """(letters) => {
    const holder = document.createElement("div");
    holder.innerHTML = Array.from(letters, (letter) => `<math><mi>${letter}</mi></math>`).join("");
    document.body.append(holder);
    return holder;
}"""


def test_italic_letters_are_those_mathml_shows(browser: Browser) -> None:
    """A letter written as text is the character MathML Core shows for it (math-auto)."""
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html><body></body></html>")
        page.evaluate(_SHOWN_FOR_MI, _LETTERS)
        session = page.context.new_cdp_session(page)
        tree = session.send("Accessibility.getFullAXTree")
        shown = [
            node["name"]["value"]
            for node in tree["nodes"]
            if node.get("role", {}).get("value") == "StaticText"
        ]
    finally:
        page.close()
    expected = [render_math(f"${letter}$", letter).shown_text for letter in _LETTERS]
    assert shown == expected
