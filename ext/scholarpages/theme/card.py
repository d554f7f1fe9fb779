"""The author card shown on pages whose front matter says ``author_profile: true``.

The card's values come from the checked ``scholarpages_author``; the template
(``scholarpages-author-card.html``) escapes every one of them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from sphinx.application import Sphinx

from ..frontmatter.metadata import FrontMatter
from ..publications.paper_page.page_skeleton import MARK as PAPER_PAGE_MARK
from .author import Author
from .links import PathTo, is_site_path, page_href


class CardLink(NamedTuple):
    label: str
    icon: str
    href: str
    rel: str  # "me" for the author's own profiles elsewhere


def card_context(app: Sphinx, author: Author, pathto: PathTo) -> dict[str, Any]:
    links = [
        CardLink(
            link.kind.label,
            link.kind.icon,
            page_href(app, pathto, link.url),
            "me" if link.kind.profile and not is_site_path(link.url) else "",
        )
        for link in author.links
    ]
    return {
        "name": author.name,
        "pronouns": author.pronouns,
        "bio": author.bio,
        "position": author.position,
        "employer": author.employer,
        "location": author.location,
        "education": list(author.education),
        "avatar": page_href(app, pathto, author.avatar) if author.avatar else None,
        "links": links,
    }


def add_card(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """The card on pages whose front matter asks for it, and on every paper page.

    A paper page is the author's work, shown as the list of it is: with the author beside it.
    """
    author = Author.from_config(app.config)
    if not author.configured:
        return
    if pagename in app.env.found_docs:
        wanted = FrontMatter.from_metadata(app.env.metadata.get(pagename, {})).author_profile
    else:
        wanted = context.get(PAPER_PAGE_MARK) is not None
    if wanted:
        context["scholarpages_author_card"] = card_context(app, author, context["pathto"])
