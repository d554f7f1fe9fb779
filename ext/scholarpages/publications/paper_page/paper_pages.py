"""A page for each entry: full citation, abstract, links, BibTeX, who refers to it, and the
metadata Google Scholar (``citation_*``) and schema.org (JSON-LD) read."""

from __future__ import annotations

import json
from html import escape
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ...upstream import bibtex
from ..buttons import arxiv_id, buttons, doi
from ..database import Publication
from ..domain import publications_domain
from ..latex import latex_to_nodes, latex_to_text
from ..list.directive import render_settings
from ..list.selection import month_of, type_group, year_of
from ..loader import database_of
from ..names import parse_name
from ..render import entry_node, venue
from ..targets import resolve_generated_page
from .fragment import FragmentWriter
from .page_skeleton import MARK
from .share_tags import share_tags


def _absolute(app: Sphinx, target: str, pagename: str) -> str:
    """An absolute URL for metadata, when the site's address is known."""
    if target.startswith(("http://", "https://")):
        return target
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}{target}" if base else target


def scholar_meta(app: Sphinx, publication: Publication, pagename: str) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, as (name, content) pairs."""
    tags = [("citation_title", latex_to_text(publication.get("title")))]
    tags += [
        ("citation_author", parse_name(name).display)
        for name in publication.persons.get("author", ())
    ]
    year = year_of(publication)
    if year:
        month = month_of(publication)
        tags.append(("citation_publication_date", f"{year}/{month:02d}" if month else str(year)))
    group = type_group(publication)
    if publication.get("journal"):
        tags.append(("citation_journal_title", latex_to_text(publication.get("journal"))))
    elif group == "conference" and publication.get("booktitle"):
        tags.append(("citation_conference_title", latex_to_text(publication.get("booktitle"))))
    elif publication.entry_type in {"incollection", "inbook"} and publication.get("booktitle"):
        # A chapter: the book it is in (Highwire Press's tag, which Scholar reads).
        tags.append(("citation_inbook_title", latex_to_text(publication.get("booktitle"))))
    for field, tag in (("volume", "citation_volume"), ("number", "citation_issue")):
        if publication.get(field):
            tags.append((tag, publication.get(field)))
    pages = publication.get("pages").replace("--", "-").split("-")
    if pages[0]:
        tags.append(("citation_firstpage", pages[0]))
        if len(pages) > 1 and pages[-1]:
            tags.append(("citation_lastpage", pages[-1]))
    if doi(publication):
        tags.append(("citation_doi", doi(publication) or ""))
    identifier = arxiv_id(publication)
    if identifier:
        tags.append(("citation_arxiv_id", identifier))
    shown, _ = buttons(
        publication, dict(app.config.scholarpages_buttons), app.config.scholarpages_file_base
    )
    for button in shown:
        if button.field == "pdf":
            tags.append(("citation_pdf_url", _absolute(app, button.target, pagename)))
    return tags


def json_ld(app: Sphinx, publication: Publication, pagename: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": latex_to_text(publication.get("title")),
        "name": latex_to_text(publication.get("title")),
        "author": [
            {"@type": "Person", "name": parse_name(name).display}
            for name in publication.persons.get("author", ())
        ],
    }
    year = year_of(publication)
    if year:
        data["datePublished"] = str(year)
    where = venue(publication)
    if where:
        data["isPartOf"] = {
            "@type": "Periodical" if publication.get("journal") else "Event",
            "name": where,
        }
    if publication.get("abstract"):
        data["abstract"] = latex_to_text(publication.get("abstract"))
    same_as = []
    if doi(publication):
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "DOI",
            "value": doi(publication),
        }
        same_as.append(f"https://doi.org/{doi(publication)}")
    if arxiv_id(publication):
        same_as.append(f"https://arxiv.org/abs/{arxiv_id(publication)}")
    if same_as:
        data["sameAs"] = same_as
    return data


def _json_script(data: dict[str, Any]) -> str:
    # json.dumps escapes nothing for HTML; with <, > and & as \u escapes, no value can
    # close the script element or open a comment in it.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def referrers(app: Sphinx) -> dict[str, list[tuple[str, str]]]:
    """key -> (docname, title) of each page that cites or links to the entry."""
    domain = publications_domain(app.env)
    found = domain.referrers(list(bibtex.citations(app.env)))
    return {
        key: [(name, _title(app, name)) for name in names if name in app.env.found_docs]
        for key, names in found.items()
    }


def _title(app: Sphinx, docname: str) -> str:
    title = app.env.titles.get(docname)
    return title.astext() if title is not None else docname


def description(publication: Publication, limit: int = 300) -> str:
    """What a search result shows under the paper's title: its abstract, or its citation."""
    abstract = latex_to_text(publication.get("abstract"))
    if abstract:
        if len(abstract) <= limit:
            return abstract
        return abstract[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.") + "\u2026"
    authors = ", ".join(parse_name(name).display for name in publication.persons.get("author", ()))
    year = year_of(publication)
    parts = [authors, venue(publication), str(year) if year else ""]
    return ". ".join(part for part in parts if part)


class PaperPages:
    """Writes the body and template context of paper pages.

    What every page shares (the translator, the render settings, the database's file name
    for warnings) is made once, not for each of thousands of pages.
    """

    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self._fragments = FragmentWriter(cast(StandaloneHTMLBuilder, app.builder))
        self._settings = render_settings(app.config)
        database = database_of(app)
        self._locate = database.locate() if database.path else None

    def _body(self, publication: Publication, pagename: str, citing: list[tuple[str, str]]) -> str:
        """The page's HTML (its math is MathML: no script is loaded for it)."""
        app = self._app
        document = nodes.container(classes=["sp-paper"])
        heading = nodes.rubric("", "", *latex_to_nodes(publication.get("title") or publication.key))
        heading["heading-level"] = 1
        document += heading
        document += entry_node(publication, self._settings, self._locate)
        if citing:
            section = nodes.container(classes=["sp-cited-by"])
            heading = nodes.rubric("Referenced on", "Referenced on")
            heading["heading-level"] = 2
            section += heading
            items = nodes.bullet_list()
            for docname, text in citing:
                reference = nodes.reference(
                    "", text, refuri=app.builder.get_relative_uri(pagename, docname)
                )
                items += nodes.list_item("", nodes.paragraph("", "", reference))
            section += items
            document += section
        resolve_generated_page(app, document, pagename)
        return self._fragments.write(document)

    def context(
        self, publication: Publication, pagename: str, citing: list[tuple[str, str]]
    ) -> dict[str, Any]:
        app = self._app
        title = latex_to_text(publication.get("title")) or publication.key
        summary = description(publication)
        tags = [
            *([("description", summary)] if summary else []),
            *scholar_meta(app, publication, pagename),
        ]
        meta = "\n".join(
            f'<meta name="{escape(name)}" content="{escape(content, quote=True)}">'
            for name, content in tags
        )
        meta += "\n" + share_tags(app, publication, pagename, title, summary)
        body = self._body(publication, pagename, citing)
        return {
            # Templates take the title as HTML, as Sphinx renders a document's title.
            "title": escape(title),
            "body": body,
            "metatags": meta + "\n" + _json_script(json_ld(app, publication, pagename)),
            "excerpt": summary or None,
            "display_toc": False,
            "sourcename": "",
            MARK: publication.key,
        }
