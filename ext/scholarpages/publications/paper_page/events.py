"""The paper pages' handlers of Sphinx's events, in one place."""

from __future__ import annotations

from sphinx.application import Sphinx

from ... import event_order as order
from ...frontmatter.routes import CLAIMS_EVENT
from ...frontmatter.written_files import OUTPUTS_EVENT
from .page_skeleton import use_skeletons
from .paper_names import name_paper_pages
from .paper_writing import (
    collect_paper_pages,
    start_paper_pages,
    stop_paper_pages,
    write_bibtex_files,
)
from .redirects import former_address_claims, paper_claims, paper_outputs


def setup_paper_pages(app: Sphinx) -> None:
    # Before the routes of the site are worked out (priority 500): they hold paper pages.
    app.connect("env-updated", name_paper_pages, priority=order.NAME_PAPER_PAGES)
    app.connect(CLAIMS_EVENT, paper_claims)
    app.connect(CLAIMS_EVENT, former_address_claims)
    app.connect(OUTPUTS_EVENT, paper_outputs)
    app.connect("builder-inited", use_skeletons)
    app.connect("doctree-resolved", start_paper_pages)
    app.connect("html-collect-pages", collect_paper_pages)
    app.connect("build-finished", stop_paper_pages, priority=order.STOP_PAPER_PAGE_WORKERS)
    app.connect("build-finished", write_bibtex_files)
