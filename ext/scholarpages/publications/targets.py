"""References to generated pages and files, written relative once the builder is known."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..frontmatter.links import resolve_site_links
from ..frontmatter.urls import href
from .paper_page.paper_names import paper_pagename
from .render import OUTPUT_ANCHOR, OUTPUT_TARGET


def resolve_output_targets(app: Sphinx, doctree: nodes.Node, pagename: str) -> None:
    if app.builder.format != "html":
        return
    for node in doctree.findall(nodes.reference):
        target = node.get(OUTPUT_TARGET)
        if not target:
            continue
        kind, name = target
        node["internal"] = True
        if kind == "paper":
            kind, name = "page", paper_pagename(app.env, name)
        elif kind == "paper.bib":
            kind, name = "file", f"{paper_pagename(app.env, name)}.bib"
        if kind == "page":
            node["refuri"] = app.builder.get_relative_uri(pagename, name)
        else:
            node["refuri"] = href(app.builder.get_target_uri(pagename), name)
        if node.get(OUTPUT_ANCHOR):
            node["refuri"] += f"#{node[OUTPUT_ANCHOR]}"


def resolve_generated_page(app: Sphinx, doctree: nodes.Element, pagename: str) -> None:
    """Everything a page made outside Sphinx's documents needs before it is rendered."""
    resolve_output_targets(app, doctree, pagename)
    resolve_site_links(app, doctree, pagename)
