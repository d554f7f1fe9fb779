"""Math written in pages, as MathML written when the site is built: no script, shown offline.

The HTML math renderer of the site, in place of MathJax: inline math (``$...$``, the
``{math}`` role) becomes ``<math>``, displayed math (``$$...$$``, the ``{math}`` directive,
amsmath environments) ``<math display="block">`` in Sphinx's ``div.math``, with the
equation's number and permalink beside it as Sphinx writes them, so ``{eq}`` references
work as before. The conversion, and what it refuses, is the one of .bib math (mathml).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

from .display_tex import display_pieces
from .mathml import RenderedMath, render_math

logger = logging.getLogger(__name__)

RENDERER = "scholarpages"


def visit_inline_math(translator: HTML5Translator, node: nodes.math) -> None:
    latex = node.astext()
    math = _rendered(node, f"${latex}$", latex, display=False)
    translator.body.append(_shown(math, latex))
    raise nodes.SkipNode


def visit_display_math(translator: HTML5Translator, node: nodes.math_block) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math"))
    if node.get("number"):
        number = escape(str(get_node_equation_number(translator, node)))
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    nowrap = bool(node.get("no-wrap", node.get("nowrap", False)))
    for latex in display_pieces(node.astext(), nowrap):
        math = _rendered(node, f"$${latex}$$", latex, display=True)
        translator.body.append(_shown(math, latex))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def _rendered(node: nodes.Element, source: str, latex: str, display: bool) -> RenderedMath:
    """The math converted (once per TeX in a build: render_math keeps its results), and
    what it refused or could not read reported where the page has it."""
    math = render_math(source, latex, display)
    written = " ".join(source.split())
    if math.refused:
        logger.warning(
            "math '%s' uses %s, which could make a link, a style or an id, or load code; "
            "it is shown without it",
            written,
            ", ".join(math.refused),
            location=node,
            type="scholarpages",
            subtype="math.refused",
        )
    if math.error:
        logger.warning(
            "math '%s' cannot be read (%s); it is shown as its LaTeX source",
            written,
            math.error,
            location=node,
            type="scholarpages",
            subtype="math.tex",
        )
    return math


def _shown(math: RenderedMath, latex: str) -> str:
    if math.mathml is None:
        return f'<code class="sp-math-source">{escape(latex)}</code>'
    return math.mathml
