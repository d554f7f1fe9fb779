"""An entry's BibTeX as a highlighted code block, highlighted once per text.

Pygments takes about a millisecond a block; a list of a thousand entries, each with its
BibTeX, spends more time there than anywhere else when it is written. The highlighted HTML
depends only on the text and on the Pygments and Sphinx versions (the lexer's options too),
so it is kept beside the doctrees and reused while the text is unchanged. Elsewhere (LaTeX,
text...) the block is an ordinary literal block.
"""

from __future__ import annotations

import weakref
from typing import Any

import pygments
from docutils import nodes
from pygments.filters import ErrorToken
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..code_version import code_version
from .text_cache import TextCache

_LANGUAGE = "bibtex"


class bibtex_block(nodes.literal_block):  # noqa: N801 - docutils names nodes in lower case
    """An entry's BibTeX."""


def make_block(text: str) -> bibtex_block:
    return bibtex_block(text, text, language=_LANGUAGE)


HIGHLIGHTED = TextCache("highlighted")


def _highlighted(highlighter: Any, config: Any, text: str, location: Any = None) -> str:
    def highlight() -> str:
        opts = config.highlight_options.get(_LANGUAGE, {})
        lexer = highlighter.get_lexer(text, _LANGUAGE, opts, location=location)
        try:
            return str(pygments.highlight(text, lexer, _formatter(highlighter)))
        except ErrorToken:
            # Sphinx's own way: it warns, and shows the block as plain text.
            return str(highlighter.highlight_block(text, _LANGUAGE, opts=opts, location=location))

    return HIGHLIGHTED.get(text, highlight)


# The formatter Sphinx's highlight_block would make, made once per highlighter: making one
# takes as long as highlighting a block, and formatting leaves it unchanged.
_FORMATTERS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def _formatter(highlighter: Any) -> Any:
    formatter = _FORMATTERS.get(highlighter)
    if formatter is None:
        formatter = _FORMATTERS[highlighter] = highlighter.get_formatter()
    return formatter


def _visit_html(translator: HTML5Translator, node: bibtex_block) -> None:
    html = _highlighted(translator.highlighter, translator.config, node.rawsource, node)
    starttag = translator.starttag(
        node, "div", suffix="", CLASS=f"highlight-{_LANGUAGE} notranslate"
    )
    translator.body.append(starttag + html + "</div>\n")
    raise nodes.SkipNode


def _start(app: Sphinx) -> None:
    options = repr(sorted(app.config.highlight_options.get(_LANGUAGE, {}).items()))
    # Pygments', Sphinx's and this module's code shape the result: code_version has them all.
    HIGHLIGHTED.start(app, (code_version(), options))


def _save(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        HIGHLIGHTED.save()


def setup_bibtex_block(app: Sphinx) -> None:
    # Other builders dispatch on the node's classes in order, so they see a literal block.
    app.add_node(bibtex_block, html=(_visit_html, None))
    app.connect("builder-inited", _start)
    app.connect("build-finished", _save)
