"""A 404 page that helps: it links home and to the site's pages, and works at any address.

sphinx-notfound-page renders it with root-relative links (``/en/latest/_static/...``), since a
host serves it in place of whatever URL was not found. The links start with the path of the
site's address, so they work on the Read the Docs domain and on a custom domain alike.
Static hosts (GitHub Pages, Netlify) and Read the Docs all look for ``404.html`` at the root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.config import Config

from ..frontmatter.routes import routes_of
from .config_values import set_default, user_set
from .links import PathTo, site_page
from .navigation import nav_items
from .site_url import site_path_prefix

TEMPLATE = "scholarpages-404.html"


def configure_not_found(app: Sphinx, config: Config) -> None:
    if not user_set(config, "notfound_urls_prefix"):
        config.notfound_urls_prefix = site_path_prefix(config)
    set_default(config, "notfound_template", TEMPLATE)
    set_default(config, "notfound_context", {"title": "Page not found"})


def _root_aware(pathto: PathTo, root_doc: str, prefix: str) -> PathTo:
    """sphinx-notfound-page links the home page as ``#`` under dirhtml, whose URL for it is
    empty (readthedocs/sphinx-notfound-page#251); link it to the site's root instead."""

    def pathto_fixed(target: str, resource: bool = False, *args: Any) -> str:
        if not resource and target == root_doc:
            return prefix
        return str(pathto(target, resource, *args))

    return pathto_fixed


def prepare_not_found_page(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    if pagename != app.config.notfound_pagename:
        return
    context["pathto"] = _root_aware(
        context["pathto"], app.config.root_doc, app.config.notfound_urls_prefix
    )
    # The page stands in for URLs that do not exist: it is nobody's canonical page.
    context["pageurl"] = None
    context["metatags"] = context.get("metatags", "") + '\n<meta name="robots" content="noindex">'
    links = [(item.title, item.href) for item in nav_items(app, pagename, context["pathto"])]
    hrefs = {href for _, href in links}
    home = context["pathto"](app.config.root_doc)
    if home not in hrefs:
        links.insert(0, ("Home", home))
    publications = site_page(app, "/publications/")
    if publications is not None and context["pathto"](publications) not in hrefs:
        links.append(("Publications", context["pathto"](publications)))
    context["scholarpages_404_links"] = links


def move_to_root(app: Sphinx, exception: BaseException | None) -> None:
    """Under dirhtml the page is written as ``404/index.html``; hosts want ``404.html``."""
    if exception is not None or not isinstance(app.builder, DirectoryHTMLBuilder):
        return
    root_file = f"{app.config.notfound_pagename}.html"
    if root_file in routes_of(app).stubs:
        # A page claims that URL (academicpages' 404.md has ``permalink: /404.html``); the
        # front-matter extension answers it.
        return
    folder = Path(app.outdir, app.config.notfound_pagename)
    page = folder / "index.html"
    if page.is_file():
        page.replace(Path(app.outdir, root_file))
        if not any(folder.iterdir()):
            folder.rmdir()
