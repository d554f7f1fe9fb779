"""What a page's head makes a browser fetch before it shows the page, kept to what it needs.

- Sphinx's and sphinx-copybutton's scripts load with ``defer``: in the head without it, each
  stops the browser building the page until it has arrived, a round trip on a phone's
  connection before the first paint (Lighthouse's "render-blocking resources"). They only set
  up once the document is read (search-term highlighting, the copy buttons) and run in the
  same order when deferred. ``documentation_options.js`` stays as it is: the theme's inline
  scripts read what it defines while the head is read.
- sphinx-copybutton's stylesheet and scripts are left out of a page with no code block to
  copy from, such as a publications list (its BibTeX is shown on demand, without them).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..publications.list.reveal import LIST_PAGE_MARK
from ..upstream.sphinx_private import leave_out_assets, load_deferred

DEFERRED = frozenset(
    {
        "_static/doctools.js",
        "_static/sphinx_highlight.js",
        "_static/clipboard.min.js",
        "_static/copybutton.js",
    }
)
COPY_BUTTON = frozenset(
    {"_static/copybutton.css", "_static/copybutton.js", "_static/clipboard.min.js"}
)


def _has_code(context: dict[str, Any], doctree: nodes.document | None) -> bool:
    if doctree is None:
        # A page an extension writes: a paper's page shows its BibTeX as code; a list's
        # further page (list_pages) shows none.
        return context.get(LIST_PAGE_MARK) is None
    return next(doctree.findall(nodes.literal_block), None) is not None


def fit_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    scripts, stylesheets = context.get("script_files"), context.get("css_files")
    if not isinstance(scripts, list) or not isinstance(stylesheets, list):
        return
    if not _has_code(context, doctree if isinstance(doctree, nodes.document) else None):
        leave_out_assets(scripts, COPY_BUTTON)
        leave_out_assets(stylesheets, COPY_BUTTON)
    load_deferred(scripts, DEFERRED)
