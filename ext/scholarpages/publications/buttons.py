"""The links an entry has, as buttons: PDF, arXiv, DOI, code, slides, poster, video, page.

Only http(s) URLs and site paths become links: anything else (``javascript:``, ``data:``,
``//host``) is dropped with a warning, so no .bib value can put a script behind a button.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import NamedTuple
from urllib.parse import unquote

from ..frontmatter.urls import split_url
from .database import Publication

ARXIV_ABS = "https://arxiv.org/abs/"
DOI_RESOLVER = "https://doi.org/"

# field -> label, in the order buttons are shown; "url" is the entry's own page elsewhere.
DEFAULT_BUTTONS: dict[str, str] = {
    "pdf": "PDF",
    "arxiv": "arXiv",
    "doi": "DOI",
    "code": "Code",
    "slides": "Slides",
    "poster": "Poster",
    "video": "Video",
    "html": "Website",
    "url": "Link",
}

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# An http(s) URL whose host is plain letters, digits, dots and hyphens: what urlsplit would
# accept, known without it (a database has thousands, checked on every edit).
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#]|\Z)", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/([^?#]+?)(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)


class Button(NamedTuple):
    field: str
    label: str
    target: str  # an http(s) URL or a site path beginning with "/"


class UnsafeLink(NamedTuple):
    field: str
    value: str


def arxiv_id(publication: Publication) -> str | None:
    """The arXiv identifier of an entry, without version."""
    if publication.get("arxiv"):
        return re.sub(r"v\d+$", "", publication.get("arxiv").removeprefix("arXiv:"))
    prefix = publication.get("archiveprefix") or publication.get("eprinttype")
    eprint = publication.get("eprint")
    if eprint and prefix.lower() == "arxiv":
        return re.sub(r"v\d+$", "", eprint.removeprefix("arXiv:"))
    return None


# BibTeX without the url package needs "_", "%", "#", "&" and "~" escaped, and DBLP and
# many authors escape them in DOIs and URLs too ("3-540-48749-2\_2", "ICML\%202022").
_ESCAPED_IN_URL = re.compile(r"\\([_%#&$])|\\~\{\}|\\textasciitilde\{\}")


def url_value(text: str) -> str:
    """A DOI or URL as written in a .bib, with LaTeX's escapes of URL characters undone."""
    return _ESCAPED_IN_URL.sub(lambda match: match.group(1) or "~", text.strip())


def doi(publication: Publication) -> str | None:
    value = _DOI_PREFIX.sub("", url_value(publication.get("doi")))
    return value or None


def arxiv_id_of_url(url: str) -> str | None:
    match = _ARXIV_URL.match(url.strip())
    return match.group(1) if match else None


def doi_of_url(url: str) -> str | None:
    text = url.strip()
    if not _DOI_PREFIX.match(text) or not text.lower().startswith("http"):
        return None
    return _DOI_PREFIX.sub("", text) or None


def safe_target(value: str, file_base: str) -> str | None:
    """``value`` as a link target if it is an http(s) URL or a site path, else None.

    A bare file name ("paper.pdf") is a file of the site, under ``file_base``.
    """
    text = url_value(value)
    if not text or text.startswith("//") or "\\" in text:
        return None
    if _PLAIN_WEB_URL.match(text):
        return text
    if _SCHEME.match(text):
        parts = split_url(text)
        is_web = parts is not None and parts.scheme.lower() in {"http", "https"}
        return text if is_web and parts is not None and parts.netloc else None
    # A site path never climbs out of the site ("/../../etc/passwd", "%2e%2e" too).
    if ".." in unquote(text).split("/"):
        return None
    if text.startswith("/"):
        return text
    return file_base.rstrip("/") + "/" + text


def buttons(
    publication: Publication, labels: Mapping[str, str], file_base: str
) -> tuple[list[Button], list[UnsafeLink]]:
    """The buttons of an entry, and the link values refused as unsafe."""
    shown: list[Button] = []
    refused: list[UnsafeLink] = []
    seen: set[str] = set()
    for field, label, value in _candidates(publication, labels):
        target = safe_target(value, file_base)
        if target is None:
            refused.append(UnsafeLink(field, value))
            continue
        if target.rstrip("/") in seen:
            continue
        seen.add(target.rstrip("/"))
        shown.append(Button(field, label, target))
    return shown, refused


def _candidates(
    publication: Publication, labels: Mapping[str, str]
) -> Iterator[tuple[str, str, str]]:
    url = publication.get("url")
    for field, label in labels.items():
        if field == "pdf":
            value = publication.get("pdf") or (url if url.lower().endswith(".pdf") else "")
        elif field == "arxiv":
            identifier = arxiv_id(publication)
            value = ARXIV_ABS + identifier if identifier else ""
        elif field == "doi":
            identifier = doi(publication)
            value = DOI_RESOLVER + identifier if identifier else ""
        elif field == "url":
            value = "" if url.lower().endswith(".pdf") else url
        else:
            value = publication.get(field)
        if value:
            yield field, label, value
