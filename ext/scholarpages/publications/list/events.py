"""The list's handlers of Sphinx's events, in one place."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ... import event_order as order
from ...sphinx_support import add_node
from .directive import (
    BuildPublicationLists,
    PublicationsDirective,
    list_page,
    narrow_to_cited_entries,
)
from .entry_html import setup_entry_html
from .list_links import (
    lead_links_to_list_pages,
    rewrite_when_entries_move,
    rewrite_when_routes_change,
)
from .list_page_cache import save_list_page_cache, start_list_page_cache
from .page_writing import collect_list_pages, cut_list_pages
from .reveal import add_reveal_script, note_paper_pages
from .search_box import setup_search_box


def setup_lists(app: Sphinx) -> None:
    setup_entry_html(app)
    setup_search_box(app)
    app.add_directive("publications", PublicationsDirective)
    app.add_transform(BuildPublicationLists)
    add_node(app, list_page, (_in_place, _in_place), (_in_place, _in_place))
    app.connect("doctree-resolved", lead_links_to_list_pages, priority=order.CUT_LIST_PAGES)
    app.connect("doctree-resolved", cut_list_pages, priority=order.CUT_LIST_PAGES)
    app.connect("env-updated", rewrite_when_entries_move)
    app.connect("env-updated", rewrite_when_routes_change, priority=order.FOLLOW_ROUTES)
    app.connect("builder-inited", start_list_page_cache)
    app.connect("build-finished", save_list_page_cache)
    app.connect("html-collect-pages", collect_list_pages)
    # After the cited copy is given to sphinxcontrib-bibtex (390), before it formats the
    # entries of every bibliography (500).
    app.connect("env-updated", narrow_to_cited_entries, priority=order.CITE_INTO_LISTS)
    app.connect("builder-inited", note_paper_pages)
    app.connect("html-page-context", add_reveal_script)


def _in_place(translator: Any, node: list_page) -> None:
    """A page's entries are written where they are: the node adds no element."""
