"""The personal-site look on pydata-sphinx-theme, and what makes the site found.

Look: the owner's name as the site title, a navbar in the author's order, an author card,
a 404 page. Discoverability: canonical URLs (Read the Docs aware), sitemap.xml and
robots.txt, OpenGraph and Twitter card tags, schema.org ``Person``, a favicon.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .. import event_order as order
from ..code_version import environment_version
from ..stylesheet_bundle import add_stylesheet
from ..upstream import sitemap as sitemap_queue
from ..upstream import soup_selectors
from .author import check_author
from .defaults import apply_defaults
from .icon_fonts import cut_icon_fonts
from .navigation import check_navigation, check_targets
from .not_found import configure_not_found, move_to_root
from .page_assets import fit_page_assets
from .page_context import add_theme_context
from .site_url import choose_site_url
from .sitemap import (
    complete_sitemap,
    configure_sitemap,
    queue_in_this_process,
    restore_queue_maker,
    write_robots_txt,
)
from .social import configure_opengraph

__all__ = ["setup"]

STATIC = Path(__file__).parent / "static"


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        add_stylesheet(app, STATIC / "scholarpages-theme.css")


def _select_without_soupsieve(app: Sphinx, builder: object) -> None:
    """The theme's selectors answered without soupsieve until the build finishes.

    From when writing starts: Sphinx then always ends with build-finished, where an
    application made and never built would leave Beautiful Soup changed.
    """
    if app.builder.format == "html":
        undo = soup_selectors.answer_simple_selectors()
        app.connect("build-finished", lambda app, exception: undo())


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("scholarpages.frontmatter")
    app.setup_extension("sphinx_sitemap")
    sitemap_queue.check()
    soup_selectors.check()
    # sphinxext-opengraph prints a notice on import when matplotlib is missing; it is only
    # needed for the social cards this theme turns off.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")

    app.add_config_value("scholarpages_author", {}, "html", types=frozenset({dict}))
    app.add_config_value("scholarpages_navigation", [], "html", types=frozenset({list, tuple}))
    # Font Awesome's fonts cut down to the icons the site shows (see icon_fonts).
    app.add_config_value("scholarpages_cut_icon_fonts", True, "html", types=frozenset({bool}))

    # Early, so that every later reader of html_baseurl sees the chosen address.
    app.connect("config-inited", choose_site_url, priority=order.CHOOSE_SITE_URL)
    app.connect("config-inited", check_author, priority=order.CHECK_SETTINGS)
    app.connect("config-inited", check_navigation, priority=order.CHECK_SETTINGS)
    app.connect("config-inited", apply_defaults, priority=order.APPLY_DEFAULTS)
    app.connect("config-inited", configure_opengraph, priority=order.APPLY_DEFAULTS)
    app.connect("config-inited", configure_sitemap, priority=order.APPLY_DEFAULTS)
    app.connect("config-inited", configure_not_found, priority=order.APPLY_DEFAULTS)
    app.connect("builder-inited", _add_static_files)
    app.connect("write-started", _select_without_soupsieve)
    # After the front-matter extension has worked out which page answers each URL.
    app.connect("env-updated", check_targets, priority=order.CHECK_TARGETS)
    app.connect("html-page-context", add_theme_context, priority=order.THEME_CONTEXT)
    app.connect("html-page-context", fit_page_assets, priority=order.FIT_PAGE_ASSETS)
    # Around sphinx-sitemap's own handlers: as it makes its queue, and before it writes.
    app.connect("builder-inited", queue_in_this_process, priority=order.BEFORE_SITEMAP_QUEUE)
    app.connect("builder-inited", restore_queue_maker, priority=order.AFTER_SITEMAP_QUEUE)
    app.connect("build-finished", complete_sitemap, priority=order.COMPLETE_SITEMAP)
    app.connect("build-finished", write_robots_txt)
    app.connect("build-finished", move_to_root)
    # Once every page is in place, redirect stubs (priority 600) included.
    app.connect("build-finished", cut_icon_fonts, priority=order.CUT_ICON_FONTS)
    return {
        "version": "0.1.0",
        "env_version": environment_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
