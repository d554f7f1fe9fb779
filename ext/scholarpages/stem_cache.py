"""The search index's stems of words kept between builds.

Sphinx's search index stems every word of a page it writes, with the Snowball stemmer, a
Python function: for a list of 5,000 entries some 20,000 words, 0.2 s of each build that
writes the list again. The stems are kept in the store, by language and word; a word is
stemmed once, until the code or the libraries change (the store's version).
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx

from .build_state import state_of
from .upstream.sphinx_private import search_language, stem_through


def keep_stems(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """From the first page resolved, once the index is made, until the build finishes."""
    language = search_language(app.builder)
    if language is None:
        return
    store = state_of(app).store
    name = f"{type(language).__module__}.{type(language).__qualname__}"

    def memo(word: str, stem: Callable[[], str]) -> str:
        return store.memo("stems", (name, word), stem)

    undo = stem_through(app.builder, memo)
    if undo is not None:
        app.connect("build-finished", lambda app, exception: undo())
