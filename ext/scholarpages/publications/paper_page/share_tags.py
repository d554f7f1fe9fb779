"""OpenGraph and Twitter card tags of a paper page, so a shared link shows a card.

sphinxext-opengraph writes these tags for documents Sphinx read; paper pages are generated,
so it never sees them. The tags here take its settings (``ogp_site_name``, ``ogp_image`` and
its alt text, ``ogp_custom_meta_tags``) so paper pages are described like every other page,
and add what only an entry knows: the title, its abstract, its ``preview`` picture.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urljoin

from sphinx.application import Sphinx

from ...frontmatter.urls import split_url
from ...theme.site_url import site_url
from ..buttons import safe_target
from ..database import Publication

# Cards show about this much text; the search result description may be longer.
DESCRIPTION_LIMIT = 200


def share_tags(
    app: Sphinx, publication: Publication, pagename: str, title: str, summary: str
) -> str:
    """The ``<meta>`` tags for ``publication``'s page; ``title`` and ``summary`` are text."""
    config = app.config
    base = site_url(config)
    tags = [("og:title", title), ("og:type", "article")]
    if summary:
        tags.append(("og:description", _shortened(summary, DESCRIPTION_LIMIT)))
    if base:
        # Only with the site's address, as on other pages: a relative og:url means nothing.
        tags.append(("og:url", urljoin(base, app.builder.get_target_uri(pagename))))
    site_name = _site_name(app)
    if site_name:
        tags.append(("og:site_name", site_name))
    preview = _absolute(safe_target(publication.get("preview"), "/images/"), base)
    image = preview or _absolute(str(config.ogp_image or ""), base)
    if image:
        tags.append(("og:image", image))
        alt = title if preview else str(config.ogp_image_alt or site_name or "")
        if alt:
            tags.append(("og:image:alt", alt))
    lines = [
        f'<meta property="{name}" content="{escape(content, quote=True)}" />'
        for name, content in tags
    ]
    card = "summary_large_image" if preview else "summary"
    lines.append(f'<meta name="twitter:card" content="{card}" />')
    # The site's own extra tags, except the card type, which depends on the picture here.
    lines += [tag for tag in config.ogp_custom_meta_tags if "twitter:card" not in tag]
    return "\n".join(lines)


def _site_name(app: Sphinx) -> str:
    # sphinxext-opengraph's rule: False for none, None for the project's name.
    name = app.config.ogp_site_name
    if name is False:
        return ""
    return str(app.config.project if name is None else name)


def _absolute(target: str | None, base: str) -> str:
    """An http(s) URL as it is, a site path on the site's address; "" when neither."""
    if not target:
        return ""
    parts = split_url(target)
    if parts is None:
        return ""
    if parts.scheme in {"http", "https"}:
        return target
    if parts.scheme or target.startswith("//") or not base:
        return ""
    return urljoin(base, target.lstrip("/"))


def _shortened(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"
