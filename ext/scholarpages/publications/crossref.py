"""Links to a listed paper are references to it.

A Markdown link to an entry's arXiv page, DOI or URL keeps working as it is, and a small
marker after it links to the entry's page on this site, so the reader sees that the work is
one of the listed publications.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .buttons import arxiv_id, arxiv_id_of_url, doi, doi_of_url
from .database import Database, Publication
from .domain import PublicationsDomain
from .loader import database_of
from .render import OUTPUT_TARGET, paper_pagename, short_label


def _normalise(url: str) -> str:
    return url.strip().rstrip("/").lower().removeprefix("https://").removeprefix("http://")


def _index(publications: list[Publication]) -> dict[str, Publication]:
    index: dict[str, Publication] = {}
    for publication in publications:
        identifier = arxiv_id(publication)
        if identifier:
            index.setdefault(f"arxiv:{identifier.lower()}", publication)
        number = doi(publication)
        if number:
            index.setdefault(f"doi:{number.lower()}", publication)
        for name in ("url", "html"):
            if publication.get(name):
                index.setdefault(f"url:{_normalise(publication.get(name))}", publication)
    return index


_INDEXES: dict[int, tuple[Database, dict[str, Publication]]] = {}


def _index_of(database: Database) -> dict[str, Publication]:
    """The identifier index of a database, made once per database rather than per page."""
    cached = _INDEXES.get(id(database))
    if cached is None or cached[0] is not database:
        _INDEXES.clear()
        cached = _INDEXES[id(database)] = (database, _index(database.publications))
    return cached[1]


def _lookup(index: dict[str, Publication], url: str) -> Publication | None:
    identifier = arxiv_id_of_url(url)
    if identifier and f"arxiv:{identifier.lower()}" in index:
        return index[f"arxiv:{identifier.lower()}"]
    number = doi_of_url(url)
    if number and f"doi:{number.lower()}" in index:
        return index[f"doi:{number.lower()}"]
    return index.get(f"url:{_normalise(url)}")


class MarkPublicationLinks(SphinxTransform):
    default_priority = 410

    def apply(self, **kwargs: Any) -> None:
        database = database_of(self.env.srcdir)
        if not database.has_entries:
            return
        index = _index_of(database)
        found: set[str] = set()
        has_links = False
        for reference in list(self.document.findall(nodes.reference)):
            uri = str(reference.get("refuri", ""))
            if not uri.startswith(("http://", "https://")) or "sp-button" in reference["classes"]:
                continue
            has_links = True
            publication = _lookup(index, uri)
            if publication is None:
                continue
            found.add(publication.key)
            reference["classes"].append("sp-cites")
            label = short_label(publication)
            marker = nodes.reference(
                "",
                f"[{label}]",
                classes=["sp-xref"],
                reftitle=f"On this site: {label}",
            )
            marker[OUTPUT_TARGET] = ("page", paper_pagename(publication.key))
            parent = reference.parent
            parent.insert(parent.index(reference) + 1, [nodes.Text(" "), marker])
        domain = cast(PublicationsDomain, self.env.get_domain("scholarpages"))
        domain.note_links(self.env.docname, found, has_links)
