"""Links to a listed paper are references to it.

A Markdown link to an entry's arXiv page, DOI or URL keeps working as it is, and a small
marker after it links to the entry's page on this site, so the reader sees that the work is
one of the listed publications.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .domain import publications_domain
from .identifiers import key_of_link
from .loader import database_of
from .render import OUTPUT_TARGET, short_label


class MarkPublicationLinks(SphinxTransform):
    default_priority = 410

    def apply(self, **kwargs: Any) -> None:
        database = database_of(self.env)
        found: set[str] = set()
        has_links = False
        for reference in list(self.document.findall(nodes.reference)):
            uri = str(reference.get("refuri", ""))
            if not uri.startswith(("http://", "https://")) or "sp-button" in reference["classes"]:
                continue
            # Noted with no entries too: when entries come, this page is read again.
            has_links = True
            key = key_of_link(database.identifiers, uri) if database.has_entries else None
            if key is None:
                continue
            # Only now are the entries needed, and read if they were not.
            publication = database.by_key()[key]
            found.add(publication.key)
            reference["classes"].append("sp-cites")
            label = short_label(publication)
            marker = nodes.reference(
                "",
                f"[{label}]",
                classes=["sp-xref"],
                reftitle=f"On this site: {label}",
            )
            marker[OUTPUT_TARGET] = ("paper", publication.key)
            parent = reference.parent
            parent.insert(parent.index(reference) + 1, [nodes.Text(" "), marker])
        domain = publications_domain(self.env)
        domain.note_links(self.env.docname, found, has_links)
