"""Front matter in the HTML page: meta description and values for templates."""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx

from .metadata import FrontMatter


def add_front_matter_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename not in app.env.found_docs:
        return
    fm = FrontMatter.from_metadata(app.env.metadata.get(pagename, {}))
    context["author_profile"] = fm.author_profile
    context["layout"] = fm.layout
    context["excerpt"] = fm.excerpt
    if fm.excerpt:
        description = escape(fm.excerpt, quote=True)
        context["metatags"] = (
            context.get("metatags", "") + f'\n<meta name="description" content="{description}">'
        )
