"""Claimed URLs as files on a static host.

A static host serves ``/x/`` from ``x/index.html`` and, for a path without an extension,
``/x`` from the same file (it redirects ``/x`` to ``/x/``); ``/x.html`` is a file of its own.
So ``/x`` and ``/x/`` are one URL here, and never an extensionless file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from sphinx.util.osutil import relative_uri

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PAGE_SUFFIXES = (".html", ".htm")
# Characters that may stay as they are in an href; everything else is percent-encoded.
_URL_SAFE = "/#%?=&:;@!$'()*+,~"


class UnsafeURLError(ValueError):
    """A claimed URL that cannot be served from inside the output directory."""


@dataclass(frozen=True, slots=True, order=True)
class SitePath:
    """A URL of the site and the output file that serves it."""

    file: str  # relative to the output directory, '/'-separated: "about/index.html"
    url: str  # canonical URL path: "/about/" or "/about.html"


def site_path(claimed: str) -> SitePath:
    """Map a URL a page claims (``permalink``, ``redirect_from``) to the file that serves it.

    Raises UnsafeURLError for anything that could leave the output directory or is not
    a plain path: schemes, ``//host``, ``..`` segments, backslashes, queries, fragments.
    """
    text = claimed.strip()
    if not text:
        raise UnsafeURLError("an empty URL")
    if _SCHEME.match(text):
        raise UnsafeURLError("a URL with a scheme is not a path of this site")
    if text.startswith("//"):
        raise UnsafeURLError("a URL starting with '//' names another host")
    if "?" in text or "#" in text:
        raise UnsafeURLError("a claimed URL cannot carry a query or a fragment")
    path = unquote(text)
    if "\\" in path or _CONTROL.search(path):
        raise UnsafeURLError("backslashes and control characters are not allowed in a URL")
    segments = [segment for segment in path.split("/") if segment not in {"", "."}]
    if ".." in segments:
        raise UnsafeURLError("a URL with '..' would leave the output directory")
    if segments and not path.endswith("/") and segments[-1].lower().endswith(_PAGE_SUFFIXES):
        joined = "/".join(segments)
        return SitePath(file=joined, url="/" + joined)
    directory = "/".join(segments)
    if not directory:
        return SitePath(file="index.html", url="/")
    return SitePath(file=f"{directory}/index.html", url=f"/{directory}/")


def encode_uri(uri: str) -> str:
    """``uri`` percent-encoded where it must be, and left alone where it may be."""
    return quote(uri, safe=_URL_SAFE)


def href(from_file: str, to_uri: str) -> str:
    """A relative, percent-encoded link from an output file to a site URI."""
    return encode_uri(relative_uri(from_file, to_uri))


def is_http_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))
