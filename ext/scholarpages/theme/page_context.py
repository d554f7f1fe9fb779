"""What each page's templates receive from the theme: navbar, author card, metadata.

Runs after sphinx-notfound-page has made the 404 page's links root-relative (priority 400)
and before sphinxext-opengraph and pydata-sphinx-theme read the context (priority 500).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .card import add_card
from .navigation import nav_items
from .not_found import prepare_not_found_page
from .person import add_person
from .social import describe_page


def add_theme_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    prepare_not_found_page(app, pagename, context)
    context["scholarpages_nav"] = nav_items(app, pagename, context["pathto"])
    add_card(app, pagename, context)
    describe_page(app, pagename, context)
    add_person(app, pagename, context)
