"""Math in the titles of a publications list: a formula Unicode writes exactly (``O(n log n)``,
``L²``, ``ℓ₁``, ``β``) is characters, as MathML would show them, so an entry stays within 15
elements; where only text fits it reads with plain letters; other math stays MathML, and
paper pages keep MathML."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.math.mathml import render_math

from helpers import read_html, warning_lines

pytestmark = pytest.mark.sphinx("dirhtml", testroot="title_math", freshenv=True)

ENTRY_LIMIT = 15
THIN, MEDIUM, THICK = "\u2009", "\u205f", "\u2005"

# The title as shown: italic letters as MathML shows a one-letter <mi>, TeX's spacing.
TEXT_TITLES = {
    "sorting": f"An 𝑂(𝑛{THIN}log{THIN}𝑛) Algorithm for Sorting",
    "kmeans": "𝑘-Means Revisited",
    "ellone": "ℓ₁ Penalties and 𝐿² Features",
    "greek": "𝛽-VAE and 𝜖-Greedy Policies",
    "rate": "An 𝒪(1/√𝑇) Rate",
    "relation": f"When 𝑥{THICK}≤{THICK}𝑦 and 𝑓′(𝑥){THICK}={THICK}2𝑥{MEDIUM}+{MEDIUM}1",
    "carbon": "Storing CO₂ at * Scale",
}
# Math no Unicode text writes exactly: a fraction, an accent, a subscript letter.
MATHML_TITLES = {"fraction": "mfrac", "hat": "mover"}


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    assert warning_lines(app.warning) == []
    return app


def _list(app: SphinxTestApp) -> BeautifulSoup:
    # As a browser parses it: lxml, as benchmarks/list_weight.py counts.
    raw = (Path(app.outdir) / "publications" / "index.html").read_bytes()
    return BeautifulSoup(raw, "lxml")


def _title_link(soup: BeautifulSoup, key: str) -> Tag:
    link = soup.select_one(f"div.sp-pub#{key} .sp-pub-title a")
    assert link is not None, key
    return link


def test_entries_with_text_math_in_their_titles_stay_within_15_elements(
    built: SphinxTestApp,
) -> None:
    soup = _list(built)
    sizes = {entry["id"]: 1 + len(entry.find_all(True)) for entry in soup.select("div.sp-pub")}
    assert set(sizes) == set(TEXT_TITLES) | set(MATHML_TITLES)
    # Every entry is as full as a list entry gets: its title's math may add nothing.
    assert {key: sizes[key] for key in TEXT_TITLES} == dict.fromkeys(TEXT_TITLES, ENTRY_LIMIT)
    for key in TEXT_TITLES:
        assert soup.select_one(f"div.sp-pub#{key}").find("math") is None, key


def test_text_math_shows_as_mathml_would(built: SphinxTestApp) -> None:
    soup = _list(built)
    for key, shown in TEXT_TITLES.items():
        assert _title_link(soup, key).get_text() == shown, key


def test_text_math_reads_plainly_where_only_text_fits(built: SphinxTestApp) -> None:
    """The site's search index and the page's description read the title's text."""
    index = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert '"log"' in index and '"mean"' in index
    assert "𝑘" not in index and "𝑛" not in index


def test_other_math_stays_mathml(built: SphinxTestApp) -> None:
    soup = _list(built)
    for key, element in MATHML_TITLES.items():
        assert _title_link(soup, key).select_one(f"math {element}") is not None, key
    # \hat{x} needs MathML, and so does x_i beside it: no subscript i is exact in Unicode.
    assert len(_title_link(soup, "hat").find_all("math")) == 2


def test_paper_pages_keep_mathml_titles(built: SphinxTestApp) -> None:
    paper = read_html(Path(built.outdir) / "publications" / "sorting" / "index.html")
    heading = paper.select_one(".sp-paper .rubric")
    assert heading is not None
    assert [mi.get_text() for mi in heading.select("math mi")] == ["O", "n", "log", "n"]
    # Where only text fits, the title reads with plain letters.
    meta = paper.find("meta", attrs={"name": "citation_title"})
    assert meta is not None and meta["content"] == "An O(n log n) Algorithm for Sorting"


# LaTeX of the kinds a title holds: letters, Greek, digits, operators, scripts, roots, and a
# few that need MathML (fractions, accents, big operators).
_ATOMS = st.sampled_from(
    [
        "x",
        "k",
        "n",
        "T",
        "\\alpha",
        "\\beta",
        "\\epsilon",
        "\\Gamma",
        "\\ell",
        "\\mathcal{O}",
        "\\mathbb{R}",
        "2",
        "10",
        "\\log",
        "\\sin",
        "\\infty",
        "\\sqrt{T}",
        "\\text{max}",
    ]
)
_OPERATORS = st.sampled_from(["+", "-", "=", "\\le", "/", ",", "\\times", "\\cdot", ""])
_SCRIPTS = st.sampled_from(["", "^2", "_1", "^{n}", "_{i}", "^{-1}", "'", "^*", "_{max}"])
_OTHER = st.sampled_from(["", "\\frac{a}{b}", "\\hat{x}", "\\sum_{i=1}^n i", "(", ")"])


@st.composite
def _title_math(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        parts.append(draw(_ATOMS) + draw(_SCRIPTS) + " " + draw(_OPERATORS) + draw(_OTHER))
    return " ".join(parts)


def _characters(text: str) -> str:
    """The characters of a text as compatibility forms, without spaces: "𝑘²" is "k2"."""
    return "".join(unicodedata.normalize("NFKD", text).split())


@settings(max_examples=150, deadline=None)
@given(_title_math())
@example(latex="\\sqrt{T} +")  # a root's sign is drawn, not written in the MathML
def test_text_math_holds_the_characters_of_its_mathml(latex: str) -> None:
    """Text math is exact: the characters its MathML shows, in their order, as their
    italic, superscript or subscript forms; only the spacing is added."""
    math = render_math(f"${latex}$", latex)
    if not math.shown_text:
        return
    assert math.mathml
    shown = BeautifulSoup(math.mathml, "html.parser")
    for root in shown.find_all("msqrt"):
        root.insert(0, "\N{SQUARE ROOT}")  # drawn by the browser, not written in the MathML
    mathml_text = shown.get_text()
    assert _characters(math.shown_text) == _characters(mathml_text), math.mathml
    # How it reads (<title>, feeds, the search index): the same, with plain letters.
    assert _characters(math.text) == _characters(mathml_text), math.mathml
    assert "<" not in math.shown_text or "<" in latex


@pytest.mark.parametrize(
    "latex",
    ["\\frac{a}{b}", "\\hat{x}", "x_i", "\\sum_{i=1}^n i", "\\sqrt{n+1}", "\\mathbf{x}^{\\top}"],
)
def test_math_unicode_cannot_write_exactly_has_no_text_form(latex: str) -> None:
    assert render_math(f"${latex}$", latex).shown_text == ""
