"""The items of a collection: the pages in one folder, with their front matter.

As in a Jekyll collection (``_talks``, ``_teaching``, ``_posts``), each item is a page of its
own with a title, a date (from the front matter or the file name, ``2012-03-01-talk.md``),
and optional ``type``, ``venue``, ``location`` and ``excerpt``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
from sphinx.environment import BuildEnvironment

from ..frontmatter.metadata import decode_text

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class Item:
    docname: str
    title: str
    date: str  # "YYYY-MM-DD", or "" when the item has none
    kind: str
    venue: str
    location: str
    excerpt: str


def plain_text(value: str) -> str:
    """Front-matter text that may hold HTML (academicpages excerpts do), as plain text."""
    return " ".join(html.unescape(nh3.clean(value, tags=set())).split())


def _date(docname: str, metadata: dict[str, object]) -> str:
    for candidate in (str(metadata.get("date") or ""), docname.rsplit("/", 1)[-1]):
        match = _DATE.search(candidate)
        if match:
            return match.group(0)
    return ""


def in_folder(docname: str, folder: str) -> bool:
    """Whether ``docname`` is in ``folder``; "" (or "/") is the top folder, without subfolders."""
    folder = folder.strip("/")
    return docname.startswith(f"{folder}/") if folder else "/" not in docname


def collection_items(env: BuildEnvironment, folder: str, listing: str) -> list[Item]:
    folder = folder.strip("/")
    index = f"{folder}/index" if folder else "index"
    items = []
    for docname in sorted(env.found_docs):
        if not in_folder(docname, folder) or docname in {listing, index}:
            continue
        metadata = env.metadata.get(docname, {})
        title = env.titles.get(docname)
        items.append(
            Item(
                docname=docname,
                title=title.astext() if title is not None else docname,
                date=_date(docname, metadata),
                kind=plain_text(decode_text(metadata.get("type")) or ""),
                venue=plain_text(decode_text(metadata.get("venue")) or ""),
                location=plain_text(decode_text(metadata.get("location")) or ""),
                excerpt=plain_text(decode_text(metadata.get("excerpt")) or ""),
            )
        )
    return items
