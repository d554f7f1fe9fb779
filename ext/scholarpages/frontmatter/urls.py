"""Claimed URLs as files on a static host.

A static host serves ``/x/`` from ``x/index.html`` and, for a path without an extension,
``/x`` from the same file (it redirects ``/x`` to ``/x/``); ``/x.html`` is a file of its own.
So ``/x`` and ``/x/`` are one URL here, and never an extensionless file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, unquote, urlsplit

from sphinx.util.osutil import relative_uri

from ..confinement import MAX_NAME_BYTES, is_safe_name

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PAGE_SUFFIXES = (".html", ".htm")
# Characters that may stay as they are in an href; everything else is percent-encoded.
_URL_SAFE = "/#%?=&:;@!$'()*+,~"
# Far beyond any real address, and short enough that the output folder's path plus this
# stays within what file systems accept (4096 bytes on Linux).
MAX_URL_BYTES = 1024


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
    a plain path: schemes, ``//host``, ``..`` segments, backslashes, queries, fragments,
    and names no file system would take (a segment over 255 bytes, a very long URL).
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
    if not path.isascii() and not _is_utf8(path):
        raise UnsafeURLError("a URL with characters that are not Unicode text")
    if "\\" in path or _CONTROL.search(path):
        raise UnsafeURLError("backslashes and control characters are not allowed in a URL")
    segments = [segment for segment in path.split("/") if segment not in {"", "."}]
    if ".." in segments:
        raise UnsafeURLError("a URL with '..' would leave the output directory")
    if not all(is_safe_name(segment) for segment in segments):
        raise UnsafeURLError(f"a URL segment longer than {MAX_NAME_BYTES} bytes cannot be a file")
    if len(path.encode()) > MAX_URL_BYTES:
        raise UnsafeURLError(f"a URL longer than {MAX_URL_BYTES} bytes cannot be a file")
    if segments and not path.endswith("/") and segments[-1].lower().endswith(_PAGE_SUFFIXES):
        joined = "/".join(segments)
        return SitePath(file=joined, url="/" + joined)
    directory = "/".join(segments)
    if not directory:
        return SitePath(file="index.html", url="/")
    return SitePath(file=f"{directory}/index.html", url=f"/{directory}/")


def _is_utf8(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:  # a lone surrogate, which YAML escapes can produce
        return False
    return True


def encode_uri(uri: str) -> str:
    """``uri`` percent-encoded where it must be, and left alone where it may be."""
    return quote(uri, safe=_URL_SAFE)


def href(from_file: str, to_uri: str) -> str:
    """A relative, percent-encoded link from an output file to a site URI."""
    return encode_uri(relative_uri(from_file, to_uri))


def split_url(text: str) -> SplitResult | None:
    """``text`` as urllib splits it; None for what urllib refuses to split (an unclosed
    IPv6 bracket: "https://host:[x"), which no link of the site may then be made from."""
    try:
        return urlsplit(text)
    except ValueError:
        return None


def is_http_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def own_prefixes(baseurl: str) -> tuple[str, ...]:
    """The site's own address, as http and https, when ``html_baseurl`` is set."""
    if not baseurl:
        return ()
    parts = urlsplit(baseurl)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return ()
    rest = parts.netloc + parts.path.rstrip("/") + "/"
    return (f"https://{rest}", f"http://{rest}")
