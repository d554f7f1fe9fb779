"""Math in a .bib field is MathML made when the site is built: it cannot link, style, name or
script anything, it loads no script, and where only text fits it reads as Unicode text."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from scholarpages.math.mathml import render_math
from scholarpages.publications.latex import latex_to_nodes, latex_to_text

from helpers import html_files, read_html, warning_lines

pytestmark = pytest.mark.sphinx("dirhtml", testroot="publications_math", freshenv=True)

# What no element inside <math> may carry: links, styles, names, handlers, namespaced links.
_FORBIDDEN_ATTRIBUTES = {"href", "style", "id", "class", "src", "action", "xlink:href"}
# Elements that could carry HTML, show a tooltip, load an image, or hold a script.
_FORBIDDEN_ELEMENTS = {
    "semantics",
    "annotation",
    "annotation-xml",
    "maction",
    "mglyph",
    "a",
    "script",
    "style",
    "img",
    "iframe",
    "foreignobject",
}
_UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def _page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return read_html(Path(app.outdir) / name / "index.html")


def _math_problems(math: Tag) -> list[str]:
    """What in a <math> element (itself included) could link, style, name or script."""
    found = []
    for element in [math, *math.find_all(True)]:
        if element.name in _FORBIDDEN_ELEMENTS:
            found.append(f"<{element.name}>")
        for attribute in element.attrs:
            if attribute in _FORBIDDEN_ATTRIBUTES or attribute.startswith(("on", "xlink")):
                found.append(f"{element.name}[{attribute}]")
    return found


def test_math_from_the_bib_cannot_link_style_name_or_script(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    for name in html_files(outdir):
        soup = read_html(outdir / name)
        for math in soup.find_all("math"):
            assert _math_problems(math) == [], (name, str(math))
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith(_UNSAFE_SCHEMES), (name, attribute)
        # MathJax's input: nothing from the .bib is left for a script to read as TeX (the
        # BibTeX shown as code is the entry as written).
        assert not soup.select(".sp-pub .math, .sp-paper .math"), name
        for code in soup.find_all("pre"):
            code.decompose()
        for shown in soup.select(".sp-pub, .sp-paper"):
            assert "\\href" not in shown.get_text() and "\\style" not in shown.get_text(), name
        # Nothing the entries asked for: an element with their id or class.
        assert soup.find(id="owned") is None
        assert not [tag for tag in soup.find_all("mrow") if tag.get("class")]


def test_no_page_loads_mathjax(built: SphinxTestApp) -> None:
    outdir = Path(built.outdir)
    for name, text in html_files(outdir).items():
        # Neither the .bib's math nor the page with math of its own.
        scripts = BeautifulSoup(text, "html.parser").find_all("script")
        assert not [script for script in scripts if "mathjax" in str(script).lower()], name


def test_good_math_is_mathml_on_the_paper_page_and_characters_in_the_list(
    built: SphinxTestApp,
) -> None:
    listing = _page(built, "publications")
    paper = _page(built, "publications/good")
    title = paper.select_one(".sp-paper .rubric")
    assert title is not None
    pieces = title.find_all("math")
    assert len(pieces) == 3
    first, second, third = pieces
    assert [mi.get_text() for mi in first.find_all("mi")] == ["O", "n"]
    assert first.select_one("msup > mn").get_text() == "2"
    assert second.get_text() == "α"
    assert third.get_text() == "𝒳"
    assert "-Divergence" in title.get_text()
    # In the list, math Unicode writes exactly is characters, as MathML shows them.
    listed = listing.select_one("#good .sp-pub-title a")
    assert listed is not None and listed.find("math") is None
    assert listed.get_text() == "Sorting in 𝑂(𝑛²) Time with 𝛼-Divergence over 𝒳"
    abstract = paper.select_one("details.sp-abstract")
    assert abstract.select_one("mfrac") is not None
    assert abstract.select_one("msubsup > mo").get_text() == "∑"  # $$...$$ too
    delimiters = listing.select_one("#delimiters .sp-pub-title a")
    assert delimiters.find("math") is None
    assert delimiters.get_text() == "𝒳-Armed Bandits and 𝑥\u205f+\u205f1 Displays"


def test_refused_commands_are_dropped_with_a_warning(built: SphinxTestApp) -> None:
    text = "\n".join(warning_lines(built.warning))
    expected = [
        "math.bib:16: WARNING: entry 'href': math '$\\href{javascript:alert(1)}{click me}$' "
        "in title uses \\href",
        "math.bib:23: WARNING: entry 'hostile': math '$\\style{background:url(x)}{s}$' in "
        "title uses \\style",
        "entry 'hostile': math '$\\cssId{owned}{i}$' in title uses \\cssId",
        "entry 'hostile': math '$\\class{navbar}{c}$' in title uses \\class",
        "in abstract uses \\require, \\unicode",
        "in abstract uses \\htmlClass",
        "math '$\\href{vbscript:msgbox(1)}{v}$' in abstract uses \\href",
        "[scholarpages.bib.math]",
    ]
    for line in expected:
        assert line in text, line
    listing = _page(built, "publications")
    # The text each command showed is kept, as math; nothing else of it.
    href = listing.select_one("#href .sp-pub-title")
    assert [a["href"] for a in href.find_all("a")] == ["href/"]  # the title's own link
    assert href.find("a").get_text() == "Paper 𝑐𝑙𝑖𝑐𝑘𝑚𝑒"
    titled = _page(built, "publications/href").select_one(".sp-paper .rubric")
    assert titled.find("math").get_text() == "clickme"
    hostile = _page(built, "publications/hostile").select_one("details.sp-abstract")
    assert "<img" in hostile.get_text()  # \text{<img ...>} is text, not an element
    assert hostile.find("img") is None


def test_unreadable_math_is_shown_as_its_source_with_a_warning(built: SphinxTestApp) -> None:
    text = "\n".join(warning_lines(built.warning))
    assert "math.bib:33: WARNING: entry 'broken': math '$x^$' in title cannot be read" in text
    title = _page(built, "publications").select_one("#broken .sp-pub-title")
    assert [code.get_text() for code in title.find_all("code")] == ["$x^$"]
    assert title.get_text().startswith("Costs $5 and $x^$ and ")
    assert title.get_text().endswith("and a lone $ dollar")


def test_where_only_text_fits_math_reads_as_unicode(built: SphinxTestApp) -> None:
    paper = _page(built, "publications/good")
    expected = "Sorting in O(n²) Time with α-Divergence over 𝒳"
    assert paper.title.get_text().startswith(expected)
    assert paper.find("meta", attrs={"name": "citation_title"})["content"] == expected
    data = json.loads(paper.find("script", type="application/ld+json").string)
    assert data["headline"] == expected
    assert "a/b ≤ 1" in data["abstract"]
    hostile = _page(built, "publications/href")
    assert hostile.find("meta", attrs={"name": "citation_title"})["content"] == "Paper clickme"
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(Path(built.outdir) / "publications.atom").getroot()
    titles = [item.findtext(f"{atom}title") for item in feed.findall(f"{atom}entry")]
    assert expected in titles
    assert not [title for title in titles if title and "\\" in title]


# LaTeX a .bib could hold: hostile commands, math syntax, markup and odd characters.
_FRAGMENTS = [
    "\\href{javascript:alert(1)}{x}",
    "\\href{data:text/html,<script>}{d}",
    "\\style{color:red}{s}",
    "\\cssId{i}{x}",
    "\\class{c}{x}",
    "\\unicode{x41}",
    "\\require{html}",
    "\\htmlStyle{a}{b}",
    "\\text{<script>alert(1)</script>}",
    '\\text{"><img src=x onerror=alert(1)>}',
    "\\mathrm{<a href=x>}",
    "\\newcommand{\\x}{\\href{javascript:1}{y}}\\x",
    "\\def\\h{\\href}\\h{javascript:1}{z}",
    "\\frac",
    "\\sqrt[",
    "\\left(",
    "\\begin{matrix}",
    "\\end{matrix}",
    "^",
    "_",
    "{",
    "}",
    "&",
    "\\",
    "\\alpha",
    "x^2",
    "<",
    ">",
    '"',
    "'",
    "</math>",
    "<mtext>",
    "{{{{{{{{{{",
    "\\sqrt\\sqrt\\sqrt\\sqrt",
]
_LATEX = st.lists(
    st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=6)), min_size=1, max_size=8
).map("".join)


@pytest.mark.parametrize(
    "latex",
    [
        "{" * 500 + "x" + "}" * 500,
        "\\frac" * 300,
        "\\sqrt" * 399 + "x",
        "x^{" * 600 + "2" + "}" * 600,
        "\\href{" * 300,
        "\\left(" * 300,
    ],
)
def test_deep_or_long_math_is_shown_as_its_source(latex: str) -> None:
    math = render_math(f"${latex}$", latex)
    assert math.mathml is None or _html_problems(math.mathml) == []
    if math.mathml is None:
        assert math.error and math.text == f"${latex}$"


def test_refused_commands_inside_what_another_shows_are_dropped_too() -> None:
    latex = "\\href{x}{\\href{javascript:alert(2)}{n}} \\style{a}{\\cssId{b}{c}}"
    math = render_math(f"${latex}$", latex)
    assert math.refused == ("\\href", "\\style", "\\cssId")
    assert math.text == "nc"


def _html_problems(markup: str) -> list[str]:
    soup = BeautifulSoup(f"<p>{markup}</p>", "html.parser")
    problems = [problem for math in soup.find_all("math") for problem in _math_problems(math)]
    return problems + [tag.name for tag in soup.find_all(True) if tag.name in _FORBIDDEN_ELEMENTS]


@settings(max_examples=300, deadline=None)
@given(_LATEX)
@example(latex="\x1f~")  # math that shows only space reads as its source, controls left out
def test_any_math_converts_without_raising_to_safe_mathml(latex: str) -> None:
    math = render_math(f"${latex}$", latex)
    if math.mathml:
        assert math.mathml.startswith("<math") and math.mathml.endswith("</math>")
        # Text an XML writer (the feed's) accepts.
        assert not _NOT_XML.search(math.mathml + math.text)
        assert _html_problems(math.mathml) == [], math.mathml
        assert len(BeautifulSoup(math.mathml, "html.parser").find_all("math")) == 1
    # The field as a whole, math among text, never raises either.
    field = f"Title ${latex}$ and \\({latex}\\)"
    for node in latex_to_nodes(field):
        assert isinstance(node, nodes.Node)
    assert isinstance(latex_to_text(field), str)


def test_the_pages_own_math_is_mathml_and_front_matter_stays_text(built: SphinxTestApp) -> None:
    """TeX in a front-matter title or excerpt is text wherever it is shown: no script reads
    the page for TeX to typeset, so nothing in it becomes a link, an id or a style."""
    notes = _page(built, "notes")
    assert [math.get_text() for math in notes.select("article math, .body math")] == ["eiπ+1=0"]
    for page in (notes, _page(built, "")):
        assert page.find(id="owned") is None
        assert not page.find("a", href=lambda href: href and "javascript:" in href)
        for element in page.find_all(string=lambda text: text and "\\href" in text):
            assert not element.find_parent("math")


@settings(max_examples=100, deadline=None)
@given(_LATEX)
def test_any_displayed_math_converts_without_raising_to_safe_mathml(latex: str) -> None:
    math = render_math(f"$${latex}$$", latex, display=True)
    if math.mathml:
        assert math.mathml.startswith('<math display="block">'), math.mathml
        assert _html_problems(math.mathml) == [], math.mathml


@pytest.mark.parametrize(
    ("latex", "mathml"),
    [
        ("k", '<math display="inline"><mi>k</mi></math>'),
        ("\\ell_1", '<math display="inline"><msub><mi>ℓ</mi><mn>1</mn></msub></math>'),
        (
            "\\sqrt{T}+1",
            '<math display="inline"><msqrt><mi>T</mi></msqrt><mo>+</mo><mn>1</mn></math>',
        ),
        ("x^{2}", '<math display="inline"><msup><mi>x</mi><mn>2</mn></msup></math>'),
        # A group of several elements stays a group: it decides how operators are spaced.
        (
            "\\frac{a+b}{2}",
            '<math display="inline"><mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>'
            "<mn>2</mn></mfrac></math>",
        ),
    ],
)
def test_math_has_no_rows_that_group_nothing(latex: str, mathml: str) -> None:
    """A row of one element, or the only child of what lays out its children as a row, adds
    elements to the page (thousands, in a long list of titles) and nothing to the math."""
    assert render_math(f"${latex}$", latex).mathml == mathml


def test_every_row_left_groups_more_than_one_element() -> None:
    latex = "\\frac{a+b}{\\sqrt{c}} \\sum_{i=1}^{n} x_{i}^{2} + (\\alpha)"
    soup = BeautifulSoup(render_math(f"${latex}$", latex).mathml or "", "html.parser")
    rows = soup.find_all("mrow")
    assert rows and all(len(row.find_all(True, recursive=False)) > 1 for row in rows)
    for row_like in soup.find_all(["math", "msqrt"]):
        children = row_like.find_all(True, recursive=False)
        assert not (len(children) == 1 and children[0].name == "mrow"), str(row_like)
