"""Math in .bib fields, rendered here as MathML that cannot link, style or script.

A .bib entry may come from anyone, and MathJax (or any renderer of TeX in the browser) runs
what its math asks: ``\\href{javascript:...}``, ``\\style``, ``\\cssId``, ``\\require``...
So the math is converted to MathML when the site is built (latex2mathml), and what reaches
the page is only what an allow-list of MathML elements and attributes lets through (nh3): no
link, style, class or id, no event handler, no annotation that could carry HTML. MathML Core
is shown by browsers as it is, without a script or a font from another host.

Commands that in a browser renderer would link, style, name or load something are refused:
they are dropped (keeping the text they show) and the entry gets a warning. Math that cannot
be read is shown as its LaTeX source. Where only text fits (``<title>``, the feed, metadata)
the math is given as readable Unicode text.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from xml.etree.ElementTree import Element, tostring

import nh3
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .control_characters import without_control_characters
from .database import Publication
from .math_commands import MAX_MATH_DEPTH, deepest_nesting, drop_refused
from .math_text import math_text
from .problems import Problem

# $$...$$, $...$, \(...\) and \[...\], not preceded by a backslash; the content not empty.
MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|(?<!\\)\$(?P<dollar>.+?)(?<!\\)\$"
    r"|(?<!\\)\\\((?P<paren>.+?)(?<!\\)\\\)"
    r"|(?<!\\)\\\[(?P<bracket>.+?)(?<!\\)\\\]",
    re.DOTALL,
)

# Halves of a character (no UTF-8 text holds them); control characters go as in every field.
_SURROGATES = re.compile("[\ud800-\udfff]")

# Longer math is shown as its source: nothing real is this long, and conversion time grows
# with it.
MAX_MATH_LENGTH = 2000

# MathML Core's presentation elements. Left out: <semantics>/<annotation-xml> (which may hold
# HTML), <maction> (toggles, tooltips), <mglyph> (loads an image) and <malignmark>.
_ELEMENTS = {
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
}
# Presentation attributes only: no href, style, class, id, colour, xlink or event handler.
_ATTRIBUTES = {
    "*": {"dir", "displaystyle", "scriptlevel", "mathvariant"},
    "math": {"display"},
    "mo": {
        "fence",
        "form",
        "largeop",
        "lspace",
        "rspace",
        "maxsize",
        "minsize",
        "movablelimits",
        "separator",
        "stretchy",
        "symmetric",
    },
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mfrac": {"linethickness"},
    "mspace": {"width", "height", "depth", "linebreak"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "menclose": {"notation"},
    "mtable": {"columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines"},
    "mtr": {"columnalign", "rowalign"},
    "mtd": {"columnalign", "rowalign", "columnspan", "rowspan"},
}


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=_ELEMENTS,
        attributes=_ATTRIBUTES,
        clean_content_tags={"script", "style"},
        strip_comments=True,
        link_rel=None,
        url_schemes=set(),
    )


@dataclass(frozen=True)
class RenderedMath:
    """A piece of math from a .bib field: its MathML (None if unreadable) and its text."""

    source: str  # as written, delimiters included
    mathml: str | None
    text: str
    refused: tuple[str, ...]  # the commands dropped, as written (``\\href``)
    error: str  # why it could not be read, or ""

    def to_json(self) -> str:
        return json.dumps([self.source, self.mathml, self.text, self.refused, self.error])

    @classmethod
    def from_json(cls, stored: str) -> RenderedMath:
        source, mathml, text, refused, error = json.loads(stored)
        return cls(source, mathml, text, tuple(refused), error)


def math_problems(
    publications: Iterable[Publication], render: Callable[[str, str], RenderedMath]
) -> list[Problem]:
    """A problem for each piece of math that uses a refused command or cannot be read.

    ``render`` is ``render_math``, or one that keeps its results.
    """
    problems: list[Problem] = []
    for publication in publications:
        for name, value in publication.fields.items():
            for start, end, latex in math_pieces(value):
                math = render(value[start:end], latex)
                # Quoted as written: a repr would double every backslash.
                written = " ".join(math.source.split())
                where = f"entry {publication.key!r}: math '{written}' in {name}"
                if math.refused:
                    problems.append(
                        Problem(
                            publication.line,
                            f"{where} uses {', '.join(math.refused)}, which could make a link, "
                            "a style or an id, or load code; it is shown without it",
                            "math",
                        )
                    )
                if math.error:
                    problems.append(
                        Problem(
                            publication.line,
                            f"{where} cannot be read ({math.error}); "
                            "it is shown as its LaTeX source",
                            "math",
                        )
                    )
    return problems


def math_pieces(value: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, LaTeX inside the delimiters) of each piece of math in a field value."""
    for match in MATH.finditer(value):
        inner = next(group for group in match.groups() if group is not None)
        yield match.start(), match.end(), inner


@lru_cache(maxsize=8192)
def render_math(source: str, latex: str) -> RenderedMath:
    """The math ``latex`` (written as ``source``) as safe MathML and as text; never raises."""
    if len(latex) > MAX_MATH_LENGTH:
        return RenderedMath(source, None, source, (), f"longer than {MAX_MATH_LENGTH} characters")
    if deepest_nesting(latex) > MAX_MATH_DEPTH:
        return RenderedMath(source, None, source, (), f"nested over {MAX_MATH_DEPTH} levels deep")
    kept, refused = drop_refused(without_control_characters(_SURROGATES.sub("", latex)))
    if not kept.strip():
        return RenderedMath(source, "", "", refused, "")  # nothing but refused commands
    # Imported when first needed: it takes a sixth of a second, and builds that find their
    # math in the kept results (or have none) need not pay it.
    from latex2mathml.converter import convert_to_element  # noqa: PLC0415

    try:
        tree = convert_to_element(kept)
        _decode_entities(tree)
        markup = tostring(tree, encoding="unicode")
        text = " ".join(math_text(tree).split())
    except RecursionError:  # \frac\frac\frac... nests without braces
        return RenderedMath(source, None, source, refused, "nested too deeply")
    except Exception as error:  # latex2mathml raises many kinds on malformed input
        reason = type(error).__name__.removesuffix("Error")
        words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", reason).lower() or "unreadable"
        return RenderedMath(source, None, source, refused, words)
    return RenderedMath(source, _cleaner().clean(markup), text or source, refused, "")


def _decode_entities(tree: Element) -> None:
    """latex2mathml writes symbols as entity text (``&#x003B1;``) and leaves ``<`` as it is;
    with real characters, serialising escapes every text once, as it should."""
    for node in tree.iter():
        if node.text:
            node.text = html.unescape(node.text)
        if node.tail:
            node.tail = html.unescape(node.tail)


class safe_math(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """Math from a .bib field: its text as its child, its sanitised MathML as ``mathml``.

    HTML gets the MathML; other formats get the text. Unlike a docutils math node it asks
    for no script: the page does not load MathJax for it.
    """


def _visit_safe_math_html(translator: HTML5Translator, node: safe_math) -> None:
    translator.body.append(node["mathml"])
    raise nodes.SkipNode


def _visit_as_text(translator: object, node: nodes.Element) -> None:
    """Other formats show the math's text."""


def add_math_node(app: Sphinx) -> None:
    plain = (_visit_as_text, _visit_as_text)
    app.add_node(
        safe_math,
        html=(_visit_safe_math_html, None),
        latex=plain,
        text=plain,
        man=plain,
        texinfo=plain,
    )
