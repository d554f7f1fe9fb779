"""Links to entries of a list cut into pages lead to the page that shows the entry.

Sphinx resolves ``{cite}`` and ``#id`` links to the list's document; an entry shown on
another of the list's pages (list_pages) is there instead. When an entry moves to another
page (the list grew, or its page size changed), every page that cites or links to entries
is written again with the new addresses.
"""

from __future__ import annotations

import hashlib
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from ...build_state import state_of
from ...frontmatter.site_links_domain import routes_digest
from ...sphinx_support import writes_site
from ..domain import publications_domain
from ..paper_page.paper_pages import referrers


def lead_links_to_list_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Make each link to an entry on another page of its list lead to that page."""
    every = publications_domain(app.env).list_pages
    if not every or not writes_site(app):
        return
    builder = cast(StandaloneHTMLBuilder, app.builder)
    state = state_of(app)
    if state.list_pages_of_ids is None:
        # Once a build: each list's document -> entry id -> the page showing it.
        state.list_pages_of_ids = {
            list_doc: {ident: pagename for pagename, shown in pages.items() for ident in shown}
            for list_doc, pages in every.items()
        }
    # The address of each list's document from this page -> entry id -> its page.
    moved: dict[str, dict[str, str]] = {}
    for list_doc, ids in state.list_pages_of_ids.items():
        moved[builder.get_relative_uri(docname, list_doc)] = ids
        if list_doc == docname:
            moved[""] = ids
    for reference in doctree.findall(nodes.reference):
        address, mark, ident = str(reference.get("refuri", "")).partition("#")
        if not mark or address not in moved:
            continue
        pagename = moved[address].get(ident)
        if pagename is not None:
            reference["refuri"] = f"{builder.get_relative_uri(docname, pagename)}#{ident}"


def _placement(env: BuildEnvironment) -> str:
    every = publications_domain(env).list_pages
    return hashlib.sha256(
        repr(sorted((doc, sorted(p.items())) for doc, p in every.items())).encode()
    ).hexdigest()


def rewrite_when_entries_move(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages linking to entries, to write again when an entry's list page changed.

    sphinxcontrib-bibtex writes the pages citing a list again when the list's document is
    read again, today; links by ``#id`` and a later version of it need this.
    """
    domain = publications_domain(env)
    placement = _placement(env)
    if domain.list_placement == placement:
        return []
    domain.list_placement = placement
    citing = {name for names in referrers(app).values() for name, _ in names}
    return sorted(citing & set(env.found_docs))


def rewrite_when_routes_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages with lists, when the site's routes changed since they were written: a site
    link in an entry (``html = {/talks/x/}``) may lead elsewhere now, or somewhere at last.

    The pages are only written again: each entry whose links lead where they did keeps its
    HTML, and each further page of a list whose links do is kept as written.
    """
    domain = publications_domain(env)
    routes = routes_digest(env)
    before, domain.site_routes = domain.site_routes, routes
    if before in {"", routes}:
        return []
    return sorted(domain.lists & env.found_docs)
