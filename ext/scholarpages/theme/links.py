"""Links given in conf.py (author card, navigation): which are accepted, and where they point.

Only ``http(s)`` URLs, ``mailto:`` addresses and paths of the site itself are accepted; a
``javascript:`` or ``data:`` URL, another host written as ``//host``, or a path with ``..``
never reaches a page. Site paths are resolved when a page is written, relative to that page,
so they work under a prefix (``/en/latest/``) and in a local preview.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from ..frontmatter.routes import routes_of
from ..frontmatter.site_files import served_file
from ..frontmatter.urls import encode_uri, split_url

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_UNSAFE_CHARS = re.compile(r"[\s\x00-\x1f\x7f\\]")

# Sphinx's ``pathto`` template function: (target, resource) -> relative URL.
PathTo = Callable[..., str]


class RejectedLinkError(ValueError):
    """A link from conf.py that may not reach a page; the message says why."""


def accept_link(value: object, *, allow_mailto: bool = True) -> str:
    """``value`` as an absolute http(s) URL, a ``mailto:`` URL or a site path (``/x/y``).

    Raises RejectedLinkError for anything else.
    """
    if not isinstance(value, str):
        raise RejectedLinkError(f"expected a string, got {type(value).__name__}")
    text = value.strip()
    if not text:
        raise RejectedLinkError("it is empty")
    if _UNSAFE_CHARS.search(text):
        raise RejectedLinkError("it contains spaces, backslashes or control characters")
    scheme = _SCHEME.match(text)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name in {"http", "https"}:
            parts = split_url(text)
            if parts is None:
                raise RejectedLinkError("it is not a URL that can be read")
            if not parts.netloc:
                raise RejectedLinkError("it names no host")
            return text
        if name == "mailto" and allow_mailto:
            if "@" not in text:
                raise RejectedLinkError("it is not an email address")
            return text
        raise RejectedLinkError(f"{name}: links are not allowed")
    if text.startswith("//"):
        raise RejectedLinkError("'//' names another host; write https://")
    path = "/" + text.lstrip("/")
    if ".." in path.split("/"):
        raise RejectedLinkError("'..' would leave the site")
    return path


def accept_email(value: object) -> str:
    """An email address, with or without ``mailto:``, as a ``mailto:`` URL."""
    if isinstance(value, str) and "@" in value and not _SCHEME.match(value.strip()):
        value = "mailto:" + value.strip()
    link = accept_link(value)
    if not link.startswith("mailto:"):
        raise RejectedLinkError("it is not an email address")
    return link


def is_site_path(link: str) -> bool:
    return link.startswith("/")


def site_page(app: Sphinx, link: str) -> str | None:
    """The document a site path shows, directly or through a redirect."""
    return routes_of(app).page_for(urlsplit(link).path)


def site_target_exists(app: Sphinx, link: str) -> bool:
    """Whether a site path is a page or a file of the site."""
    path = urlsplit(link).path
    return site_page(app, link) is not None or served_file(app, path) is not None


def page_href(app: Sphinx, pathto: PathTo, link: str) -> str:
    """Where a page links to reach ``link``: external links as they are, site paths relative."""
    if not is_site_path(link):
        return link
    parts = urlsplit(link)
    suffix = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    docname = site_page(app, link)
    if docname is not None:
        return str(pathto(docname)) + suffix
    return str(pathto(encode_uri(parts.path.lstrip("/")), 1)) + suffix
