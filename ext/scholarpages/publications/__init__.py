"""The publications database: lists, a page per paper, cross-references, downloads."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from ..code_version import environment_version
from ..frontmatter.routes import CLAIMS_EVENT
from ..frontmatter.site_files import register_site_output
from ..frontmatter.written_files import OUTPUTS_EVENT
from ..upstream import bibtex, sphinx_private
from .bib_math import add_math_node
from .bibtex_block import setup_bibtex_block
from .cited_copy import provide_cited_entries, provide_for_footnotes, use_copy
from .crossref import MarkPublicationLinks
from .directive import BuildPublicationLists, PublicationsDirective, narrow_to_cited_entries
from .domain import PublicationsDomain
from .entry_html import setup_entry_html
from .feed import FEED_FILE, link_feed, relink_pages, write_feed
from .incremental import pages_to_reread, remember_entries
from .loader import load_database
from .nodes import add_nodes
from .page_skeleton import use_skeletons
from .paper_names import name_paper_pages
from .paper_writing import (
    collect_paper_pages,
    start_paper_pages,
    stop_paper_pages,
    write_bibtex_files,
)
from .redirects import former_address_claims, paper_claims, paper_outputs
from .reference_changes import pages_citing_changed_references, remember_references
from .references import load_references
from .reveal import add_reveal_script, note_paper_pages
from .search_box import setup_search_box
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
    setup_entry_html(app)
    setup_search_box(app)
    app.add_domain(PublicationsDomain)
    app.add_directive("publications", PublicationsDirective)
    app.add_transform(MarkPublicationLinks)
    app.add_transform(BuildPublicationLists)

    # Before sphinxcontrib-bibtex reads bibtex_bibfiles (builder-inited).
    app.connect("config-inited", load_database, priority=600)
    # After the publications, which win a key both have; before the copy lists their files.
    app.connect("config-inited", load_references, priority=605)
    app.connect("config-inited", use_copy, priority=610)
    app.connect("config-inited", _register_outputs)
    app.connect("config-inited", report_entry_problems_once)
    app.connect("env-get-outdated", pages_to_reread)
    app.connect("env-updated", remember_entries)
    app.connect("env-get-outdated", pages_citing_changed_references)
    app.connect("env-updated", remember_references)
    app.connect("env-updated", relink_pages)
    # Before sphinxcontrib-bibtex formats the entries of every bibliography (priority 500).
    app.connect("env-before-read-docs", provide_for_footnotes)
    app.connect("env-updated", provide_cited_entries, priority=390)
    app.connect("env-updated", narrow_to_cited_entries, priority=400)
    # Before the routes of the site are worked out (priority 500): they hold paper pages.
    app.connect("env-updated", name_paper_pages, priority=450)
    app.connect(CLAIMS_EVENT, paper_claims)
    app.connect(CLAIMS_EVENT, former_address_claims)
    app.connect(OUTPUTS_EVENT, paper_outputs)
    app.connect("doctree-resolved", resolve_output_targets)
    app.connect("builder-inited", use_skeletons)
    app.connect("doctree-resolved", start_paper_pages)
    app.connect("html-collect-pages", collect_paper_pages)
    app.connect("html-page-context", link_feed)
    app.connect("html-page-context", add_reveal_script)
    app.connect("builder-inited", note_paper_pages)
    app.connect("build-finished", stop_paper_pages, priority=0)
    app.connect("build-finished", write_bibtex_files)
    app.connect("build-finished", write_feed)
    app.connect("build-finished", mark_images)
    return {
        "version": "0.1.0",
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
