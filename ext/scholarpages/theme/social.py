"""OpenGraph and Twitter card tags, written by sphinxext-opengraph.

Each page is described by its front-matter ``excerpt`` when it has one (the same text as its
meta description), and pictured by the owner's avatar; a shared link shows the owner's name.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from ..frontmatter.metadata import FrontMatter
from .author import Author
from .config_values import set_default, user_set
from .links import is_site_path
from .site_url import site_url

# X reads OpenGraph for everything but the card type; "summary" shows the avatar as a square.
TWITTER_CARD = '<meta name="twitter:card" content="summary" />'


def configure_opengraph(app: Sphinx, config: Config) -> None:
    author = Author.from_config(config)
    set_default(config, "ogp_site_url", site_url(config))
    set_default(config, "ogp_site_name", author.name)
    # Social cards would need matplotlib and picture the page title, not the person.
    set_default(config, "ogp_social_cards", {"enable": False})
    # A page's meta description is its excerpt (see the front-matter extension); pages
    # without one get none unless the site opts in to descriptions taken from the text.
    set_default(config, "ogp_enable_meta_description", False)
    if author.avatar and not user_set(config, "ogp_image"):
        if not is_site_path(author.avatar):
            config.ogp_image = author.avatar
        elif site_url(config):
            # sphinxext-opengraph resolves a relative image against ogp_site_url.
            config.ogp_image = author.avatar.lstrip("/")
        set_default(config, "ogp_image_alt", author.name)
    tags = list(config.ogp_custom_meta_tags)
    if not any("twitter:card" in tag for tag in tags):
        config.ogp_custom_meta_tags = [*tags, TWITTER_CARD]


def describe_page(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Hand the page's excerpt to sphinxext-opengraph as its ``og:description``."""
    if pagename not in app.env.found_docs:
        return
    excerpt = FrontMatter.from_metadata(app.env.metadata.get(pagename, {})).excerpt
    if not excerpt:
        return
    # sphinxext-opengraph escapes only quotes; escape the rest here. A copy, because
    # ``meta`` is the environment's own record of the page.
    context["meta"] = {**(context.get("meta") or {}), "og:description": escape(excerpt, False)}
