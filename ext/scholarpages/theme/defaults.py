"""Defaults that turn pydata-sphinx-theme from software documentation into a personal site.

Every default gives way to a value set in conf.py; theme options are merged key by key, so
a user who sets one option keeps all the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .author import Author, avatar_source
from .config_values import set_default, user_set
from .navigation import entries

TEMPLATES = Path(__file__).parent / "templates"
THEME = "pydata_sphinx_theme"


def _theme_options(config: Config) -> dict[str, Any]:
    options: dict[str, Any] = {
        # The navbar: the owner's name, their pages, and the colour-mode switch. No search:
        # a handful of pages does not need it, and it is an option away.
        "navbar_align": "left",
        "navbar_end": ["theme-switcher", "navbar-icon-links"],
        "navbar_persistent": [],
        "disable_search": True,
        "search_bar_text": "Search this site…",
        "header_links_before_dropdown": 6,
        # No breadcrumbs, previous/next links, "Show Source" or ads placeholder.
        "article_header_start": [],
        "show_prev_next": False,
        "secondary_sidebar_items": ["page-toc"],
        "primary_sidebar_end": [],
        "footer_start": ["copyright"],
        "footer_center": [],
        "footer_end": ["sphinx-version"],
    }
    if entries(config):
        options["navbar_center"] = ["scholarpages-nav"]
    return options


def site_name(config: Config) -> str:
    return Author.from_config(config).name


def apply_defaults(app: Sphinx, config: Config) -> None:
    # The site is named after its owner; Sphinx would say "<project> documentation".
    set_default(config, "html_title", site_name(config))
    set_default(config, "html_show_sourcelink", False)
    set_default(config, "html_copy_source", False)
    # A personal site has no index of terms.
    set_default(config, "html_use_index", False)
    if not user_set(config, "html_favicon"):
        config.html_favicon = avatar_source(app, Author.from_config(config))
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if config.html_theme == THEME:
        config.html_theme_options = {**_theme_options(config), **config.html_theme_options}
