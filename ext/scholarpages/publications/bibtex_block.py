"""An entry's BibTeX as a highlighted code block, highlighted once per text.

Pygments takes about a millisecond a block; a list of a thousand entries, each with its
BibTeX, spends more time there than anywhere else when it is written. The highlighted HTML
depends only on the text and on the Pygments and Sphinx versions (the lexer's options too),
so it is kept beside the doctrees and reused while the text is unchanged. Elsewhere (LaTeX,
text...) the block is an ordinary literal block.
"""

from __future__ import annotations

from typing import Any

import pygments
from docutils import nodes
from pygments.filters import ErrorToken
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..build_state import BuildState, state_of

logger = logging.getLogger(__name__)

_LANGUAGE = "bibtex"


class bibtex_block(nodes.literal_block):  # noqa: N801 - docutils names nodes in lower case
    """An entry's BibTeX."""


def make_block(text: str) -> bibtex_block:
    return bibtex_block(text, text, language=_LANGUAGE)


def _highlighted(translator: HTML5Translator, text: str, location: Any = None) -> str:
    state = state_of(translator.builder.env)
    highlighter, config = translator.highlighter, translator.config
    opts = config.highlight_options.get(_LANGUAGE, {})

    def highlight() -> str:
        logger.debug("BibTeX highlighted: %s", text.partition("\n")[0])
        lexer = highlighter.get_lexer(text, _LANGUAGE, opts, location=location)
        try:
            return str(pygments.highlight(text, lexer, _formatter(state, highlighter)))
        except ErrorToken:
            # Sphinx's own way: it warns, and shows the block as plain text.
            return str(highlighter.highlight_block(text, _LANGUAGE, opts=opts, location=location))

    # Pygments', Sphinx's and this module's code shape the result: the store's version
    # (code_version) has them all; the lexer's options are in the key.
    return state.store.memo("highlighted", (text, repr(sorted(opts.items()))), highlight)


def _formatter(state: BuildState, highlighter: Any) -> Any:
    """The formatter Sphinx's highlight_block would make, made once per highlighter: making
    one takes as long as highlighting a block, and formatting leaves it unchanged."""
    made = state.bibtex_formatter
    if made is None or made[0] is not highlighter:
        made = state.bibtex_formatter = (highlighter, highlighter.get_formatter())
    return made[1]


def _visit_html(translator: HTML5Translator, node: bibtex_block) -> None:
    html = _highlighted(translator, node.rawsource, node)
    starttag = translator.starttag(
        node, "div", suffix="", CLASS=f"highlight-{_LANGUAGE} notranslate"
    )
    translator.body.append(starttag + html + "</div>\n")
    raise nodes.SkipNode


def setup_bibtex_block(app: Sphinx) -> None:
    # Other builders dispatch on the node's classes in order, so they see a literal block.
    app.add_node(bibtex_block, html=(_visit_html, None))
