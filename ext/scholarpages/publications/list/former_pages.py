"""A page a list no longer goes on over (it got shorter, or its page size larger) becomes a
redirect stub to the list's document: its address keeps working, and the script of the list's
first page sends an ``#entry`` on to the page that now shows it (scholarpages-search.js)."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ...build_state import state_of
from ...frontmatter.routes import Stub
from ...frontmatter.stubs import render_stub, write_stub_file
from ...frontmatter.urls import SitePath
from ...frontmatter.written_files import page_file
from ...store import remove_output
from ..domain import publications_domain

logger = logging.getLogger(__name__)

# The record of each list page the last build had: pagename -> its list's document.
_RECORD = "list_pages"


def redirect_former_pages(app: Sphinx) -> None:
    """Turn the list pages the last build had and this one has not into redirect stubs."""
    store = state_of(app).store
    before = store.load(_RECORD)
    before = before if isinstance(before, dict) else {}
    every = publications_domain(app.env).list_pages
    now = {pagename: docname for docname, pages in every.items() for pagename in pages}
    outdir = Path(app.outdir)
    for pagename, docname in sorted(before.items()):
        if pagename in now or not isinstance(docname, str):
            continue
        file = page_file(app.builder, pagename)
        if docname not in app.env.found_docs:
            remove_output(outdir / file, outdir)
            continue
        stub = render_stub(app, Stub(SitePath(file, f"/{file}"), docname))
        refusal = write_stub_file(outdir, file, stub, replaceable=True)
        if refusal is not None:
            logger.verbose("list page %s not made a redirect: %s", pagename, refusal)
    if now != before:
        store.save(_RECORD, now)
