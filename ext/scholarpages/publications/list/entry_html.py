"""A list's entries written from the HTML they were last written as.

A list of a thousand entries is some 35,000 docutils nodes, and reading, transforming,
writing and indexing them was most of the rebuild after one entry is edited. So a list is
read with each entry an almost empty ``publication_entry`` (see ``render.list_entry``),
filled in as its page is written:

- for a site's HTML, with the HTML the entry was last written as on that page, when its
  entry, its key, the builder and the settings are unchanged, and the site links it holds
  still lead where they did;
- otherwise with its nodes, which then go through Sphinx's post-transforms and link
  resolution like any content, before being written once with the builder's own translator
  and kept for the next build.

The HTML node keeps the entry's text, as Sphinx's search index and the page description
read it. The HTML is kept in entry_cache.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ... import event_order as order
from ...build_state import state_of
from ...frontmatter.links import SITE_LINK
from ...store import collector_paused
from ...upstream.sphinx_private import shared_context
from ..database import Publication
from ..loader import database_of
from ..paper_page.paper_names import paper_pagenames
from ..render import UNFILLED, fill_entry, publication_entry
from .directive import render_settings
from .entry_cache import WrittenEntry, entry_cache_of, save_entry_cache, start_entry_cache
from .entry_rows import HTML_VISITORS, entries_of, gather_written, written_entries
from .entry_text import PageText, entry_texts, pack_texts
from .search_box import entry_start, start_inputs
from .unchanged_pages import entry_sections, further_pages, keep_unchanged_pages

# Set on an entry given its nodes when written, until its HTML is kept.
_TO_KEEP = "scholarpages_keep_html"


class entry_html(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """An entry's content as HTML (only for HTML builders).

    It is given the entry's text as children once the page is resolved (see entry_text):
    the post-transforms before then have fewer nodes to walk.
    """


def _node_of(written: WrittenEntry) -> entry_html:
    return entry_html(
        html=written.html,
        texts=written.texts,
        words=written.words,
        start=(written.start_inputs, written.start_tag),
    )


def _visit_entry_html(translator: HTML5Translator, node: entry_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


class FillPublicationEntries(SphinxPostTransform):
    """Give each entry its HTML, or its nodes, before the other post-transforms."""

    # Before every other post-transform: the entries given nodes go through all of them.
    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        # Thousands of entries' nodes, all kept in the page: a collection while they are
        # made (the whole database and page in memory) would find nothing to free.
        with collector_paused():
            self._fill()

    def _kept_keys(
        self, unfilled: list[publication_entry], by_key: dict[str, Publication]
    ) -> dict[int, str]:
        """The key of each entry's kept HTML (entry_cache), by ``id()`` of its node."""
        kept, digests = entry_cache_of(self.env), database_of(self.env).entry_digests
        # The entry links to its page: written again if that moved.
        pages = paper_pagenames(self.env, [node["key"] for node in unfilled])
        return {
            id(node): kept.key(publication, digests.get(publication.key), pages[publication.key])
            for node in unfilled
            if (publication := by_key.get(node["key"])) is not None
        }

    def _fill(self) -> None:
        docname = self.env.docname
        kept = entry_cache_of(self.env)
        if kept.active:
            kept.start_page(docname)
        unfilled = [node for node in self.document.findall(publication_entry) if UNFILLED in node]
        if not unfilled:
            return
        database = database_of(self.env)
        by_key = database.by_key()
        settings = render_settings(self.config)
        keys = self._kept_keys(unfilled, by_key) if kept.active else {}
        # Further pages of lists written as they are now are kept whole: none of their
        # entries is made, nor read from the kept entries.
        further = further_pages(self.document)
        emptied: set[int] = set()
        for pagename, entries in keep_unchanged_pages(self.env, further, docname, keys).items():
            kept.carry(docname, pagename)
            emptied |= entries
        sections = entry_sections(further)
        for node in unfilled:
            del node[UNFILLED]
            publication = by_key.get(node["key"])
            if publication is None or id(node) in emptied:
                continue
            key, section = keys.get(id(node)), sections.get(id(node), "")
            if key is not None:
                written = kept.get(docname, key, section)
                if written is not None:
                    node.append(_node_of(written))
                    continue
                # Its content starts after the preview image.
                node[_TO_KEEP] = (key, section, len(node.children))
            fill_entry(
                node,
                publication,
                settings,
                False,
                database.locate() if database.path else None,
                # Only a site has paper pages for the entry to link to.
                linked=state_of(self.env).writes_paper_pages,
            )
        if kept.active:
            # The other post-transforms, the translator and the index walk a row as one node.
            gather_written(self.document, entry_html)


def finish_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the entries given nodes as HTML, and keep it."""
    if not _writing(app):
        return
    filled = [
        node
        for node in doctree.findall(publication_entry)
        if isinstance(node, publication_entry) and _TO_KEEP in node
    ]
    if filled:
        _write_entries(app, doctree, docname, filled, PageText(app))


def give_entries_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each entry the page shows its text, for the search index and the description.

    After the list's further pages are cut out (page_writing): the page's search index
    and description are of what it shows.
    """
    if not _writing(app):
        return
    page_text = PageText(app)
    for node in doctree.findall(_listed):
        if isinstance(node, written_entries):
            # The row's text is its own: its entries are out of the tree.
            for entry in entries_of(node):
                _give_text(page_text, node, entry)
        elif isinstance(node, nodes.Element):
            _give_text(page_text, None, node)


def _writing(app: Sphinx) -> bool:
    # A page resolved before Sphinx prepares writing (by an extension, as writing starts)
    # is not the page written: its entries are written when that one is.
    builder = cast(StandaloneHTMLBuilder, app.builder)
    return entry_cache_of(app).active and shared_context(builder) is not None


def _listed(node: nodes.Node) -> bool:
    return isinstance(node, publication_entry | written_entries)


def _give_text(page_text: PageText, row: nodes.Element | None, entry: nodes.Element) -> None:
    """Give the entry's text to the entry's HTML node, or to the row it is written in."""
    for child in entry.children:
        if isinstance(child, entry_html):
            page_text.give(child if row is None else row, child["texts"], child["words"])
            del child["texts"], child["words"]


def _write_entries(
    app: Sphinx,
    doctree: nodes.document,
    docname: str,
    filled: list[publication_entry],
    page_text: PageText,
) -> None:
    """Write the entries given nodes as HTML, keep it, and put it in their place."""
    builder = cast(StandaloneHTMLBuilder, app.builder)
    read_settings = doctree.settings
    # As the builder will write the page (write_doc), so the HTML is what it would write.
    doctree.settings = builder.docsettings
    try:
        translator = cast(HTML5Translator, builder.create_translator(doctree, builder))
        for node in filled:
            key, section, start = node[_TO_KEEP]
            del node[_TO_KEEP]
            content = node.children[start:]
            translator.body = []
            for child in content:
                child.walkabout(translator)
            texts = tuple(text for child in content for text in entry_texts(child))
            written = WrittenEntry(
                html="".join(translator.body),
                texts=pack_texts(texts),
                words=page_text.words_of(texts),
                start_inputs=start_inputs(node),
                start_tag=entry_start(translator, node),
                site_links=tuple(
                    (str(reference[SITE_LINK]), str(reference["refuri"]))
                    for child in content
                    for reference in child.findall(nodes.reference)
                    if SITE_LINK in reference
                ),
            )
            node.children = node.children[:start]
            node.append(_node_of(written))
            entry_cache_of(app).put(docname, key, written, section)
            _let_go(content)
    finally:
        doctree.settings = read_settings


def _let_go(content: list[nodes.Node]) -> None:
    """Free the nodes an entry was written from now, not at the next full collection.

    A node and its parent point to each other: a tree is a web of reference cycles, which
    only the collector frees, and thousands of entries' nodes (100 MB at 5,000) would wait
    for it while the rest of the site is written. Emptied, each node points only up to
    its parent, so a warning about it still finds where it came from.
    """
    for child in content:
        for node in list(child.findall(nodes.Element)):
            node.children = []


def setup_entry_html(app: Sphinx) -> None:
    app.add_node(entry_html, html=(_visit_entry_html, None))
    app.add_node(written_entries, html=HTML_VISITORS)
    app.add_post_transform(FillPublicationEntries)
    app.connect("builder-inited", start_entry_cache)
    # After the links in the entries are resolved (priority 500).
    app.connect("doctree-resolved", finish_entries, priority=order.FINISH_LIST_ENTRIES)
    app.connect("doctree-resolved", give_entries_text, priority=order.GIVE_LIST_TEXT)
    app.connect("build-finished", save_entry_cache)
