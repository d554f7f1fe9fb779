"""The ``{collection}`` directive: a listing of a folder's pages, newest first.

``{collection} /`` lists the pages at the top of the site (what Jekyll's ``site.pages`` loops
of archive and sitemap pages listed), without those in folders.

The listing is filled in when the page is written, once every page has been read, so it
always shows the collection as it is; a page added to, changed in or removed from the folder
makes the listing page be read again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ..sphinx_support import choice
from .items import Item, collection_items, in_folder

SORTS = ("newest", "oldest", "title")
LISTED_FOLDERS = "scholarpages_collections"
GROUPINGS = ("year", "none")


class collection_listing(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Stands for a collection's listing until every page has been read."""


class CollectionDirective(SphinxDirective):
    required_arguments = 1
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "sort": choice(SORTS),
        "group-by": choice(GROUPINGS),
        "limit": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        folder = self.arguments[0].strip().strip("/")
        node = collection_listing(
            folder=folder,
            sort=self.options.get("sort", "newest"),
            group_by=self.options.get("group-by", "none"),
            limit=self.options.get("limit", 0),
            heading_level=min(6, int(getattr(self.state.memo, "section_level", 0)) + 2),
        )
        self.set_source_info(node)
        note_listed_folder(self.env, self.env.docname, folder)
        return [node]


def note_listed_folder(env: BuildEnvironment, docname: str, folder: str) -> None:
    """Have ``docname`` read again when a page of ``folder`` is added, changed or removed.

    Noted in the page's metadata, which Sphinx keeps per page, for listings_to_reread.
    """
    metadata = env.metadata[docname]
    folders = set(_folders(metadata))
    metadata[LISTED_FOLDERS] = ",".join(sorted(folders | {folder or "/"}))


def _ordered(items: list[Item], sort: str) -> list[Item]:
    if sort == "title":
        return sorted(items, key=lambda item: (item.title.lower(), item.docname))
    chronological = sorted(items, key=lambda item: (item.date, item.docname))
    return chronological if sort == "oldest" else chronological[::-1]


def _pretty(day: str) -> str:
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{parsed:%B} {parsed.day}, {parsed.year}"


def _item_node(app: Sphinx, docname: str, item: Item) -> nodes.container:
    box = nodes.container(classes=["sp-item"])
    title = nodes.paragraph(classes=["sp-item-title"])
    title += nodes.reference(
        "", item.title, refuri=app.builder.get_relative_uri(docname, item.docname), internal=True
    )
    box += title
    details = [part for part in (item.kind, item.venue, item.location) if part]
    meta = nodes.paragraph(classes=["sp-item-meta"])
    if item.date:
        meta += nodes.inline(_pretty(item.date), _pretty(item.date), classes=["sp-item-date"])
    if details:
        text = (" · " if item.date else "") + ", ".join(details)
        meta += nodes.Text(text)
    if len(meta):
        box += meta
    if item.excerpt:
        box += nodes.paragraph(item.excerpt, item.excerpt, classes=["sp-item-excerpt"])
    return box


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(collection_listing)):
        items = _ordered(collection_items(app.env, node["folder"], docname), node["sort"])
        if node["limit"]:
            items = items[: node["limit"]]
        listing = nodes.container(classes=["sp-collection"])
        groups: dict[str, list[Item]] = {}
        for item in items:
            key = item.date[:4] or "Undated" if node["group_by"] == "year" else ""
            groups.setdefault(key, []).append(item)
        for heading, members in groups.items():
            if heading:
                rubric = nodes.rubric(heading, heading, classes=["sp-group"])
                rubric["heading-level"] = node["heading_level"]
                listing += rubric
            for item in members:
                listing += _item_node(app, docname, item)
        if not items:
            listing += nodes.paragraph(text="Nothing here yet.")
        node.replace_self(listing)


def listings_to_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Listing pages whose folder gained, changed or lost a page."""
    touched = added | changed | removed
    pages = {
        docname
        for docname, metadata in env.metadata.items()
        if any(in_folder(name, folder) for folder in _folders(metadata) for name in touched)
    }
    return sorted(pages & env.found_docs - touched)


def _folders(metadata: dict[str, Any]) -> list[str]:
    return [folder for folder in str(metadata.get(LISTED_FOLDERS, "")).split(",") if folder]
