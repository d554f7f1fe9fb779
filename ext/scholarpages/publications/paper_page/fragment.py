"""Lone nodes written as HTML fragments, one after another, with the builder's translator.

Sphinx's ``render_partial`` makes a document, applies docutils' reader, parser and writer
transforms and makes a translator for every call: with thousands of paper pages, that is a
good part of writing each one. None of those transforms changes the nodes of a paper page
(no substitutions, messages or admonitions; smart quotes are off there), so one document
and one translator serve every page; the HTML is the same, byte for byte.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from docutils.utils import new_document
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.writers.html5 import HTML5Translator


class FragmentWriter:
    def __init__(self, builder: StandaloneHTMLBuilder) -> None:
        self._document = new_document("<partial node>", builder.docsettings)
        self._translator = cast(HTML5Translator, builder.create_translator(self._document, builder))

    def write(self, node: nodes.Element) -> str:
        """The node's HTML."""
        self._document.children = []
        self._document.append(node)
        translator = self._translator
        translator.body = []
        node.walkabout(translator)
        return "".join(translator.body)
