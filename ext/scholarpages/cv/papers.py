"""The publications of the CV's PDF, from publications.bib, as the lists of the site show them.

The same pieces the site's lists are made of (names, owner, venue, year, links), as plain
text for the PDF's template.
"""

from __future__ import annotations

from typing import Any

from ..publications.buttons import buttons
from ..publications.database import Publication
from ..publications.latex import latex_to_text
from ..publications.list.selection import year_of
from ..publications.names import parse_name
from ..publications.render import RenderSettings, venue


def paper_record(
    publication: Publication, settings: RenderSettings, site_url: str
) -> dict[str, Any]:
    """One entry: authors (the owner marked), title, venue, year and its links."""
    authors = [
        {"name": parse_name(name).display, "owner": bool(settings.owner.matches(name))}
        for name in publication.persons.get("author", ())
    ]
    shown, _ = buttons(publication, settings.labels, settings.file_base)
    links = []
    for button in shown:
        target = button.target
        if target.startswith("/"):
            # A file of the site: a link in the PDF needs the site's address.
            if not site_url:
                continue
            target = site_url.rstrip("/") + target
        links.append({"label": button.label, "url": target})
    year = year_of(publication)
    return {
        "title": latex_to_text(publication.get("title") or publication.key),
        "authors": authors,
        "citation": latex_to_text(publication.get("citation")) if not authors else "",
        "venue": venue(publication),
        "year": str(year) if year else "",
        "links": links,
    }


def paper_groups(
    groups: list[tuple[str, str, list[Publication]]], settings: RenderSettings, site_url: str
) -> list[dict[str, Any]]:
    return [
        {
            "heading": heading,
            "papers": [paper_record(paper, settings, site_url) for paper in members],
        }
        for _, heading, members in groups
    ]
