"""scholarpages: a personal academic website on Sphinx, MyST and BibTeX."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from . import event_order as order
from .collector import collect_it_again, set_aside_what_is_loaded
from .page_files import setup_page_files
from .safe_links import setup_safe_links
from .settled_config import setup_settled_config
from .stem_cache import keep_stems
from .stylesheet_bundle import add_stylesheet, write_bundle
from .template_cache import cache_compiled_templates

__version__ = "0.1.0"


STATIC = Path(__file__).parent / "static"


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        add_stylesheet(app, STATIC / "scholarpages-lists.css")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.setup_extension("scholarpages.frontmatter")
    app.setup_extension("scholarpages.publications")
    app.setup_extension("scholarpages.collections")
    app.setup_extension("scholarpages.theme")
    app.setup_extension("scholarpages.math")
    app.setup_extension("scholarpages.cv")
    app.setup_extension("scholarpages.diagrams")
    setup_page_files(app)
    setup_safe_links(app)
    setup_settled_config(app)
    app.connect("builder-inited", _add_static_files)
    app.connect("builder-inited", write_bundle, priority=order.WRITE_STYLESHEET_BUNDLE)
    app.connect("builder-inited", cache_compiled_templates)
    # Once the databases are loaded, and again once the environment and the builder are.
    app.connect("config-inited", set_aside_what_is_loaded, priority=order.SET_ASIDE_DATABASE)
    app.connect("builder-inited", set_aside_what_is_loaded, priority=order.SET_ASIDE_LOADED)
    app.connect("build-finished", collect_it_again, priority=order.COLLECT_AGAIN)
    app.connect("doctree-resolved", keep_stems)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
