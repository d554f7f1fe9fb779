"""scholarpages: a personal academic website on Sphinx, MyST and BibTeX."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("scholarpages.frontmatter")
    app.setup_extension("scholarpages.publications")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
