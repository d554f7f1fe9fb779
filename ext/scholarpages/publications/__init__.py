"""The publications database: lists, a page per paper, cross-references, downloads."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import event_order as order
from ..code_version import environment_version
from ..frontmatter.site_files import register_site_output
from ..upstream import bibtex, sphinx_private
from .bib_math import add_math_node
from .bibtex_block import setup_bibtex_block
from .cited_copy import provide_cited_entries, provide_for_footnotes, use_copy
from .crossref import MarkPublicationLinks
from .domain import PublicationsDomain
from .feed import FEED_FILE, link_feed, relink_pages, write_feed
from .incremental import lists_to_write, pages_to_reread, remember_entries
from .list.events import setup_lists
from .loader import load_database
from .nodes import add_nodes
from .paper_page.events import setup_paper_pages
from .reference_changes import pages_citing_changed_references, remember_references
from .references import load_references
from .settings import add_config_values, report_entry_problems_once
from .stale_images import mark_images
from .targets import resolve_output_targets


def _register_outputs(app: Sphinx, config: object) -> None:
    for path in ("publications.bib", FEED_FILE):
        register_site_output(app, path)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("scholarpages.build_state")
    app.setup_extension("scholarpages.frontmatter")
    app.setup_extension("sphinxcontrib.bibtex")
    # An upstream rename stops here, naming the library, rather than leaving stale pages.
    bibtex.check()
    sphinx_private.check()
    # The BibTeX shown with each entry gets a copy button.
    app.setup_extension("sphinx_copybutton")
    add_config_values(app)

    add_nodes(app)
    add_math_node(app)
    setup_bibtex_block(app)
    app.add_domain(PublicationsDomain)
    setup_lists(app)
    setup_paper_pages(app)
    app.add_transform(MarkPublicationLinks)

    # Before sphinxcontrib-bibtex reads bibtex_bibfiles (builder-inited).
    app.connect("config-inited", load_database, priority=order.LOAD_DATABASE)
    # After the publications, which win a key both have; before the copy lists their files.
    app.connect("config-inited", load_references, priority=order.LOAD_REFERENCES)
    app.connect("config-inited", use_copy, priority=order.USE_CITED_COPY)
    app.connect("config-inited", _register_outputs)
    app.connect("config-inited", report_entry_problems_once)
    app.connect("env-get-outdated", pages_to_reread)
    app.connect("env-get-updated", lists_to_write)
    app.connect("env-updated", remember_entries)
    app.connect("env-get-outdated", pages_citing_changed_references)
    app.connect("env-updated", remember_references)
    app.connect("env-updated", relink_pages)
    app.connect("env-before-read-docs", provide_for_footnotes)
    # Before sphinxcontrib-bibtex formats the entries of every bibliography (priority 500).
    app.connect("env-updated", provide_cited_entries, priority=order.PROVIDE_CITED_ENTRIES)
    app.connect("doctree-resolved", resolve_output_targets)
    app.connect("html-page-context", link_feed)
    app.connect("build-finished", write_feed)
    app.connect("build-finished", mark_images)
    return {
        "version": "0.1.0",
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
