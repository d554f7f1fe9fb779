"""A list entry's abstract and BibTeX: links to its paper page, shown in place by a script.

Only pages with a publications list load the script (a few kB, once; see
scholarpages-reveal.js). A build without paper pages (text, LaTeX, a single page) keeps
them in the list instead.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ...build_state import state_of
from ...sphinx_support import writes_site
from ..domain import publications_domain

SCRIPT = "scholarpages-reveal.js"
# Set in the context of a list's further pages (page_writing, which imports this module).
LIST_PAGE_MARK = "scholarpages_list_page"


def add_reveal_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    # A page a long list goes on over (list_pages) has no doctree, and is marked.
    if context.get(LIST_PAGE_MARK) is not None or (
        doctree is not None and pagename in publications_domain(app.env).lists
    ):
        app.add_js_file(SCRIPT, loading_method="defer")


def note_paper_pages(app: Sphinx) -> None:
    state_of(app).writes_paper_pages = writes_site(app)
