"""Math written in pages is MathML written at build time: no script, shown offline."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from helpers import read_html, warning_lines

pytestmark = pytest.mark.sphinx("dirhtml", testroot="page_math", freshenv=True)


@pytest.fixture
def built(app: SphinxTestApp) -> SphinxTestApp:
    app.build()
    return app


def _page(app: SphinxTestApp) -> BeautifulSoup:
    return read_html(app.outdir / "index.html")


def _article(app: SphinxTestApp) -> BeautifulSoup:
    article = _page(app).select_one("article") or _page(app)
    return BeautifulSoup(str(article), "html.parser")


def test_inline_and_display_math_are_mathml(built: SphinxTestApp) -> None:
    page = _article(built)
    inline = [math for math in page.find_all("math") if math.get("display") != "block"]
    # $\frac{a}{b} + x^2$, {math}`\alpha_i`, and the href whose text is kept.
    assert [math.find_parent("p") is not None for math in inline] == [True, True, True]
    assert inline[0].select_one("mfrac") and inline[0].select_one("msup")
    assert inline[1].get_text() == "αi"
    blocks = page.find_all("math", attrs={"display": "block"})
    # $$sum$$, $$int$$ (label), {math} euler, two equations in one block, align.
    assert len(blocks) == 6
    # Displayed: the sum's limits are above and below it, not beside it.
    assert blocks[0].select_one("munderover mo").get_text() == "∑"
    for block in blocks:
        assert block.find_parent("div", class_="math") is not None
    # A part with \\ is split into rows, as MathJax splits it.
    assert blocks[4].select("mtr") and "e" in blocks[4].get_text()
    assert "\\(" not in page.get_text() and "$$" not in page.get_text()


def test_no_page_loads_a_math_script(built: SphinxTestApp) -> None:
    scripts = _page(built).find_all("script")
    assert not [script for script in scripts if "://" in str(script.get("src", ""))]
    assert not [script for script in scripts if "mathjax" in str(script).lower()]


def test_numbered_equations_and_references(built: SphinxTestApp) -> None:
    page = _article(built)
    euler = page.find(id="equation-euler")
    assert euler is not None
    euler_block = euler if euler.name == "div" else euler.find_next("div", class_="math")
    number = euler_block.select_one("span.eqno")
    assert number is not None and number.get_text(strip=True).startswith("(2)")
    assert euler_block.find("math", attrs={"display": "block"}) is not None
    fundamental = page.find(id="equation-fundamental")
    assert fundamental is not None
    block = fundamental if fundamental.name == "div" else fundamental.find_next("div")
    assert block.select_one("span.eqno").get_text(strip=True).startswith("(1)")
    references = [(a.get_text(), a["href"]) for a in page.select("p a[href^='#equation-']")]
    assert references == [
        ("(2)", "#equation-euler"),
        ("(1)", "#equation-fundamental"),
        ("(2)", "#equation-euler"),
    ]


def test_align_environment_is_a_table_with_one_number(built: SphinxTestApp) -> None:
    page = _article(built)
    align = page.select("div.math.amsmath") or [
        div for div in page.select("div.math") if div.select("mtable mtd")
    ]
    table = align[-1]
    assert len(table.select("mtr")) == 2
    assert table.select_one("span.eqno").get_text(strip=True).startswith("(3)")
    # The number is Sphinx's; the rows are not numbered again, and \label is not shown.
    assert "(1)" not in table.find("math").get_text()
    assert "label" not in table.find("math").get_text()


def test_unreadable_math_is_shown_as_its_source_with_a_warning(built: SphinxTestApp) -> None:
    lines = warning_lines(built.warning)
    page = _article(built)
    codes = [code.get_text() for code in page.select("code.sp-math-source")]
    assert codes == ["x^", "\\notacommand{x}"]
    unreadable = [line for line in lines if "[scholarpages.math.tex]" in line]
    assert len(unreadable) == 2, lines
    assert "index.md:31: WARNING: math '$x^$' cannot be read" in unreadable[0]
    assert "it is shown as its LaTeX source" in unreadable[0]
    assert "index.md:33: WARNING: math '$\\notacommand{x}$' cannot be read" in unreadable[1]
    assert "notacommand" in unreadable[1]


def test_math_that_would_link_is_shown_without_the_link(built: SphinxTestApp) -> None:
    html = (built.outdir / "index.html").read_text("utf-8")
    assert "javascript:" not in html
    refused = [line for line in warning_lines(built.warning) if "math.refused" in line]
    assert len(refused) == 1
    assert (
        "index.md:35: WARNING: math '$\\href{javascript:alert(1)}{click}$' uses \\href"
        in (refused[0])
    )
    clicked = [m for m in _article(built).find_all("math") if m.get_text() == "click"]
    assert len(clicked) == 1 and clicked[0].find_parent("a") is None


@pytest.mark.sphinx(
    "dirhtml", testroot="page_math", freshenv=True, confoverrides={"html_math_renderer": "mathjax"}
)
def test_a_renderer_chosen_in_conf_py_is_kept(app: SphinxTestApp) -> None:
    app.build()
    page = _page(app)
    assert any("mathjax" in str(s.get("src", "")) for s in page.find_all("script"))
    assert not page.find("math")


_PIECES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "\\href{javascript:alert(1)}{x}",
                "\\style{color:red}{s}",
                "\\label{a}",
                "\\\\",
                "&",
                "\\begin{align}",
                "\\end{align}",
                "\\begin{aligned}",
                "\\end{split}",
                "\\frac",
                "{",
                "}",
                "^",
                "x",
                "\n\n",
                "$",
                "<script>",
            ]
        ),
        st.text(max_size=4),
    ),
    min_size=1,
    max_size=8,
).map("".join)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_PIECES, min_size=8, max_size=8))
def test_any_page_math_builds_and_never_links(
    make_app: type[SphinxTestApp], tmp_path_factory: pytest.TempPathFactory, pieces: list[str]
) -> None:
    srcdir = tmp_path_factory.mktemp("page_math_any")
    (srcdir / "conf.py").write_text(
        'extensions = ["scholarpages"]\nmyst_enable_extensions = ["dollarmath", "amsmath"]\n'
    )
    blocks = [
        f"$$\n{piece}\n$$" if index % 3 else f"```{{math}}\n{piece}\n```"
        for index, piece in enumerate(pieces)
    ]
    inline = " ".join(f"${piece}$" for piece in pieces)
    (srcdir / "index.md").write_text("# Any math\n\n" + "\n\n".join([*blocks, inline]) + "\n")
    app = make_app("dirhtml", srcdir=srcdir, freshenv=True)
    app.build()
    page = read_html(Path(app.outdir) / "index.html")
    assert not page.find(href=lambda href: href and "javascript:" in href)
    assert not page.select("math script, math style, math [style], math [href]")
