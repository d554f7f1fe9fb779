"""Collections: talks, teaching, portfolio, posts; a folder of pages and a listing of them."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from ..code_version import environment_version
from ..sphinx_support import add_node
from .directive import CollectionDirective, collection_listing, fill_listings, listings_to_reread


def _skip(translator: object, node: collection_listing) -> None:
    """A listing is always filled in before writing; other outputs show nothing for it."""


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("scholarpages.frontmatter")
    skip = (_skip, _skip)
    add_node(app, collection_listing, skip, skip)
    app.add_directive("collection", CollectionDirective)
    app.connect("env-get-outdated", listings_to_reread)
    app.connect("doctree-resolved", fill_listings)
    return {
        "version": "0.1.0",
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
