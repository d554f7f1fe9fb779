"""The list's handlers of Sphinx's events, in one place."""

from __future__ import annotations

from sphinx.application import Sphinx

from ... import event_order as order
from .directive import BuildPublicationLists, PublicationsDirective, narrow_to_cited_entries
from .entry_html import setup_entry_html
from .reveal import add_reveal_script, note_paper_pages
from .search_box import setup_search_box


def setup_lists(app: Sphinx) -> None:
    setup_entry_html(app)
    setup_search_box(app)
    app.add_directive("publications", PublicationsDirective)
    app.add_transform(BuildPublicationLists)
    # After the cited copy is given to sphinxcontrib-bibtex (390), before it formats the
    # entries of every bibliography (500).
    app.connect("env-updated", narrow_to_cited_entries, priority=order.CITE_INTO_LISTS)
    app.connect("builder-inited", note_paper_pages)
    app.connect("html-page-context", add_reveal_script)
