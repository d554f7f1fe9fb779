"""Math in .bib fields: found between its delimiters, reported, and written as MathML.

The conversion, and what it refuses, is ``scholarpages.math.mathml``'s, as for math in
pages: an entry whose math uses a refused command or cannot be read gets a warning with its
line; unreadable math is shown as its LaTeX source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..math.mathml import RenderedMath
from ..sphinx_support import add_node
from .database import Publication
from .problems import Problem

# $$...$$, $...$, \(...\) and \[...\], not preceded by a backslash; the content not empty.
MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|(?<!\\)\$(?P<dollar>.+?)(?<!\\)\$"
    r"|(?<!\\)\\\((?P<paren>.+?)(?<!\\)\\\)"
    r"|(?<!\\)\\\[(?P<bracket>.+?)(?<!\\)\\\]",
    re.DOTALL,
)


def entry_math_problems(
    publication: Publication, render: Callable[[str, str], RenderedMath]
) -> list[Problem]:
    """A problem for each piece of math in the entry that uses a refused command or
    cannot be read.

    ``render`` is ``render_math``, or one that keeps its results.
    """
    problems: list[Problem] = []
    for name, value in publication.fields.items():
        if not has_math_delimiter(value):
            continue
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
                        f"{where} cannot be read ({math.error}); it is shown as its LaTeX source",
                        "math",
                    )
                )
    return problems


def has_math_delimiter(value: str) -> bool:
    """Whether ``value`` holds what starts a piece of math: most values do not, and are
    passed over without the pattern."""
    return "$" in value or "\\(" in value or "\\[" in value


def math_pieces(value: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, LaTeX inside the delimiters) of each piece of math in a field value."""
    for match in MATH.finditer(value):
        inner = next(group for group in match.groups() if group is not None)
        yield match.start(), match.end(), inner


class safe_math(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """Math from a .bib field: its text as its child, its sanitised MathML as ``mathml``.

    HTML gets the MathML; other formats get the text. Unlike a docutils math node it asks
    for no script: the page does not load MathJax for it.
    """


def _visit_safe_math_html(translator: HTML5Translator, node: safe_math) -> None:
    translator.body.append(node["mathml"])
    raise nodes.SkipNode


class text_math(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils names nodes in lower case
    """Math from a .bib field that Unicode writes exactly: how it reads as its child, the
    characters that show it as MathML would (italic letters, math spacing) as ``shown``.

    HTML gets the characters, escaped; other formats, the search index and descriptions
    read its text.
    """


def _visit_text_math_html(translator: HTML5Translator, node: text_math) -> None:
    translator.body.append(translator.encode(node["shown"]))
    raise nodes.SkipNode


def _visit_as_text(translator: object, node: nodes.Element) -> None:
    """Other formats show the math's text."""


def add_math_node(app: Sphinx) -> None:
    plain = (_visit_as_text, _visit_as_text)
    add_node(app, safe_math, (_visit_safe_math_html, None), plain)
    add_node(app, text_math, (_visit_text_math_html, None), plain)
