"""The text of entries written as HTML, for what reads a page's text nodes.

Two things read them once a page is resolved: Sphinx's search index, which keeps the set of
words of each page, and sphinxext-opengraph, which makes the page's description of its
first text nodes, up to ``ogp_description_length`` characters. So the first entries of a
page get their text nodes exactly as they were; once they hold more characters than a
description takes, the description has stopped reading, and each further entry gets one
text node with the words the page has not shown yet. A thousand entries are then a few
thousand nodes to walk and words to stem, not some forty thousand.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from ...upstream.settings import description_length
from ...upstream.sphinx_private import search_language

# (text, searchable) of each text node of an entry, in order.
Texts = tuple[tuple[str, bool], ...]
# Texts as one string (pack_texts), as an entry's HTML is kept.
PackedTexts = str
# The words of an entry, each once, in order, joined by spaces: kept with the entry's HTML as
# one string, which is read and written much faster than thousands of small ones.
Words = str

_DESCRIPTION_LENGTH = 200  # sphinxext-opengraph's default


def entry_texts(node: nodes.Node, searchable: bool = True) -> list[tuple[str, bool]]:
    """The text nodes in ``node``, as the search index and the page description see them."""
    if isinstance(node, nodes.Text):
        return [(node.astext(), searchable)]
    if isinstance(node, nodes.literal_block | nodes.comment | nodes.raw):
        return []  # read by neither
    if not isinstance(node, nodes.Element):
        return []
    searchable = searchable and "no-search" not in node["classes"]
    return [text for child in node.children for text in entry_texts(child, searchable)]


def pack_texts(texts: Texts) -> PackedTexts:
    return json.dumps(texts, ensure_ascii=False, separators=(",", ":"))


def unpack_texts(packed: PackedTexts) -> Texts:
    return tuple((str(text), bool(searchable)) for text, searchable in json.loads(packed))


def text_nodes(texts: Texts) -> list[nodes.Node]:
    """The text nodes as they were; those the index left out in a ``no-search`` inline."""
    found: list[nodes.Node] = []
    hidden: nodes.inline | None = None
    for text, searchable in texts:
        if searchable:
            found.append(nodes.Text(text))
            hidden = None
            continue
        if hidden is None:
            hidden = nodes.inline(classes=["no-search"])
            found.append(hidden)
        hidden.append(nodes.Text(text))
    return found


def _word_splitter(app: Sphinx) -> Callable[[str], list[str]] | None:
    """The index's word splitter, if words joined by spaces split back into the same words."""
    lang = search_language(app.builder)
    if lang is None or type(lang).split is not SearchLanguage.split:
        return None  # no index, or a language's own segmenter
    return lang.split


class PageText:
    """Gives the entries of one page their text nodes, in the page's order."""

    def __init__(self, app: Sphinx) -> None:
        length = description_length(app)
        self._left = _DESCRIPTION_LENGTH if length is None else length
        self._split = _word_splitter(app)
        self._seen: set[str] = set()

    def words_of(self, texts: Texts) -> Words:
        """The words of the searchable texts, each once, in order: kept with the entry's
        HTML, so that a page written again does not split them again."""
        if self._split is None:
            return ""
        split = self._split
        # The index's words hold no spaces: it finds them as runs of word characters.
        return " ".join(
            dict.fromkeys(word for text, searchable in texts if searchable for word in split(text))
        )

    def give(self, node: nodes.Element, packed: PackedTexts, words: Words | None = None) -> None:
        """Give ``node`` the entry's text (``pack_texts``); ``words`` are its ``words_of``,
        if known."""
        if self._split is None or self._left >= 0:
            texts = unpack_texts(packed)
            node.extend(text_nodes(texts))
            # The description adds at least the characters that are not spaces.
            self._left -= sum(len("".join(text.split())) for text, _ in texts)
            if self._split is not None:
                self._new_words(self.words_of(texts) if words is None else words)
            return
        new = self._new_words(self.words_of(unpack_texts(packed)) if words is None else words)
        if new:
            node.append(nodes.Text(" ".join(new)))

    def _new_words(self, words: Words) -> list[str]:
        new = [word for word in words.split(" ") if word and word not in self._seen]
        self._seen.update(new)
        return new
