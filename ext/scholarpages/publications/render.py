"""An entry as docutils nodes: the writer escapes every value, so no .bib markup gets through."""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx.util import logging

from ..frontmatter.links import SITE_LINK
from .bibtex_block import make_block
from .buttons import Button, arxiv_id, buttons, safe_target
from .database import Locate, Publication
from .latex import latex_to_nodes, latex_to_text
from .list.selection import year_of
from .names import OwnerMatcher, parse_name
from .nodes import disclosure, disclosure_summary, search_text

logger = logging.getLogger(__name__)

# Where a reference points before the builder knows page addresses: ("page", name),
# ("file", path in the output), or the page ("paper", key) or BibTeX file ("paper.bib", key)
# of an entry, whose name is settled once every page is read; resolved when written.
OUTPUT_TARGET = "scholarpages_output_target"
# A part of the target page a reference leads to, if not its top.
OUTPUT_ANCHOR = "scholarpages_output_anchor"
# Where a paper's page has its abstract and its BibTeX: list entries link there.
ABSTRACT_ID = "abstract"
BIBTEX_ID = "bibtex"
PAPER_PAGES = "publications"


@dataclass(frozen=True)
class RenderSettings:
    owner: OwnerMatcher
    labels: dict[str, str]
    file_base: str
    max_authors: int


def venue(publication: Publication) -> str:
    """Where the work appeared, as plain LaTeX-free text."""
    get = publication.get
    kind = publication.entry_type
    parts: list[str] = []
    if kind == "article":
        parts.append(get("journal"))
        volume = get("volume") + (f"({get('number')})" if get("number") else "")
        parts.append(volume)
        parts.append(get("pages"))
    elif kind in {"inproceedings", "conference", "incollection", "inbook"}:
        parts.append(get("booktitle"))
    elif kind in {"phdthesis", "mastersthesis", "thesis"}:
        label = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}.get(kind, "Thesis")
        parts.extend([label, get("school") or get("institution")])
    elif kind in {"techreport", "report"}:
        parts.extend([get("institution"), get("number")])
    elif kind in {"book", "proceedings"}:
        parts.append(get("publisher"))
    else:
        identifier = arxiv_id(publication)
        parts.append(get("howpublished") or get("journal") or get("publisher"))
        if identifier and not parts[-1]:
            parts[-1] = f"arXiv preprint arXiv:{identifier}"
    return ", ".join(latex_to_text(part) for part in parts if part)


def short_label(publication: Publication) -> str:
    """ "Scarvelis et al., 2025": how a reference to the entry reads."""
    authors = [parse_name(name).last for name in publication.persons.get("author", ())]
    year = year_of(publication)
    who = (
        f"{authors[0]} et al."
        if len(authors) > 2
        else " and ".join(authors)
        if authors
        else latex_to_text(publication.get("title"))
    )
    return f"{who}, {year}" if year else who


def _author_nodes(publication: Publication, settings: RenderSettings, full: bool) -> nodes.Element:
    names = list(publication.persons.get("author", ()))
    limit = len(names) if full or len(names) <= settings.max_authors else settings.max_authors - 1
    shown, hidden = names[:limit], names[limit:]
    # A paragraph cannot hold a disclosure: browsers would close it before the <details> and
    # add an empty paragraph after it. A list with hidden names is a <div> instead.
    paragraph: nodes.Element = (
        nodes.container(classes=["sp-pub-authors"])
        if hidden
        else nodes.paragraph(classes=["sp-pub-authors"])
    )

    def name_node(written: str) -> nodes.Node:
        text = parse_name(written).display
        if settings.owner and settings.owner.matches(written):
            return nodes.strong(text, text, classes=["sp-owner"])
        return nodes.Text(text)

    for index, written in enumerate(shown):
        if index:
            last = index == len(names) - 1
            paragraph += nodes.Text(
                ", and " if last and len(names) > 2 else " and " if last else ", "
            )
        paragraph += name_node(written)
    if hidden:
        more = disclosure(classes=["sp-more-authors"])
        label = f"and {len(hidden)} more"
        more += disclosure_summary(label, label)
        # The names straight in the disclosure: no wrapper element for each entry of a list.
        for index, written in enumerate(hidden):
            more += nodes.Text(", " if index < len(hidden) - 1 or len(hidden) == 1 else ", and ")
            more += name_node(written)
        paragraph += nodes.Text(" ")
        paragraph += more
    return paragraph


def _link(button: Button) -> nodes.reference:
    reference = nodes.reference(
        "", button.label, refuri=button.target, classes=["sp-button", f"sp-button-{button.field}"]
    )
    if button.target.startswith("/"):
        reference[SITE_LINK] = button.target
    return reference


def _header(publication: Publication, full: bool) -> nodes.paragraph | None:
    """Venue badge and title; on the paper's own page the title is the page heading."""
    header = nodes.paragraph(classes=["sp-pub-title"])
    if publication.get("abbr"):
        abbr = latex_to_text(publication.get("abbr"))
        header += nodes.inline(abbr, abbr, classes=["sp-badge"])
        header += nodes.Text(" ")
    if not full:
        header += _title_link(publication)
    return header if len(header) else None


def _title_link(publication: Publication) -> nodes.reference:
    """The title of a list entry, linking to its page; its math as characters where Unicode
    writes it exactly: an entry of a long list stays light, and the link's name holds the
    math (MathML in a link is left out of its name)."""
    parts = latex_to_nodes(publication.get("title") or publication.key, math_as_text=True)
    title = nodes.reference("", "", *parts)
    title[OUTPUT_TARGET] = ("paper", publication.key)
    return title


def _venue_line(publication: Publication) -> nodes.paragraph | None:
    where = nodes.paragraph(classes=["sp-pub-venue"])
    text = venue(publication)
    if text:
        # Italic by the stylesheet, not by an element of its own: one element fewer in each
        # of thousands of entries.
        where += nodes.Text(text)
    year = year_of(publication)
    if year:
        where += nodes.Text(f", {year}" if text else str(year))
    if publication.get("note"):
        note = latex_to_text(publication.get("note"))
        where += nodes.Text(". ")
        where += nodes.inline(note, note, classes=["sp-pub-note"])
    if publication.get("award"):
        award = latex_to_text(publication.get("award"))
        where += nodes.Text(" ")
        where += nodes.inline(award, award, classes=["sp-badge", "sp-award"])
    return where if len(where) else None


def _authors_and_venue(
    publication: Publication, settings: RenderSettings, full: bool
) -> list[nodes.Element | None]:
    """Authors and venue; an entry with no authors but a citation as written shows that."""
    citation = publication.get("citation")
    if citation and not publication.persons.get("author"):
        text = latex_to_text(citation)
        return [nodes.paragraph(text, text, classes=["sp-pub-citation"])]
    return [_author_nodes(publication, settings, full), _venue_line(publication)]


def _reveal_controls(publication: Publication) -> list[nodes.reference]:
    """Links to the abstract and the BibTeX on the paper's page, for a list entry.

    A list holds neither: thousands of entries' abstracts and highlighted BibTeX made a page
    too heavy to use. A script (scholarpages-reveal.js) shows them in place when clicked;
    without it the links lead to them.
    """
    controls: list[nodes.reference] = []
    for label, anchor, shown in (
        ("Abstract", ABSTRACT_ID, bool(publication.get("abstract"))),
        ("BibTeX", BIBTEX_ID, shows_bibtex(publication)),
    ):
        if shown:
            link = nodes.reference("", label, classes=["sp-reveal", f"sp-reveal-{anchor}"])
            link[OUTPUT_TARGET] = ("paper", publication.key)
            link[OUTPUT_ANCHOR] = anchor
            controls.append(link)
    return controls


def _button_line(
    publication: Publication, settings: RenderSettings, reveal: bool
) -> nodes.paragraph | None:
    shown, _ = buttons(publication, settings.labels, settings.file_base)
    links = nodes.paragraph(classes=["sp-buttons"])
    for link in [*map(_link, shown), *(_reveal_controls(publication) if reveal else [])]:
        links += link
        links += nodes.Text(" ")
    return links if len(links) else None


def shows_bibtex(publication: Publication) -> bool:
    # al-folio's bibtex_show: an entry may opt out of showing its BibTeX.
    return publication.get("bibtex_show").lower() not in {"false", "no", "0"}


def _abstract(publication: Publication, full: bool) -> disclosure | None:
    if not publication.get("abstract"):
        return None
    ids = [ABSTRACT_ID] if full else []
    abstract = disclosure(classes=["sp-abstract"], ids=ids, open=full)
    abstract += disclosure_summary("Abstract", "Abstract")
    abstract += nodes.paragraph("", "", *latex_to_nodes(publication.get("abstract")))
    return abstract


def _abstract_words(publication: Publication) -> search_text | None:
    """The abstract a list links to, for the site's search to find it on the list still."""
    text = latex_to_text(publication.get("abstract"))
    return search_text("", nodes.Text(text)) if text else None


def _bibtex(publication: Publication, full: bool) -> disclosure | None:
    if not shows_bibtex(publication):
        return None
    # Left out of the search index: it repeats the entry, and indexing it is slow.
    ids = [BIBTEX_ID] if full else []
    bibtex = disclosure(classes=["sp-bibtex", "no-search"], ids=ids, open=full)
    bibtex += disclosure_summary("BibTeX", "BibTeX")
    bibtex += make_block(publication.bibtex)
    download = nodes.reference("", "Download .bib", classes=["sp-download"])
    download[OUTPUT_TARGET] = ("paper.bib", publication.key)
    bibtex += nodes.paragraph("", "", download)
    return bibtex


def _page_text(publication: Publication) -> list[nodes.Node]:
    """Text written for the paper's own page (an imported academicpages page body)."""
    text = latex_to_text(publication.get("page_text")) if publication.get("page_text") else ""
    return [
        nodes.paragraph(block, block, classes=["sp-pub-text"])
        for block in (part.strip() for part in publication.get("page_text").split("\n\n"))
        if block and text
    ]


class publication_entry(nodes.container):  # noqa: N801 - docutils names nodes in lower case
    """An entry of a list: read with its preview image only, filled in when written.

    Translators write it as the container it is (they look up node classes' bases).
    """


# Set on a list entry until its content is added (see list.entry_html).
UNFILLED = "scholarpages_unfilled"


def entry_node(
    publication: Publication, settings: RenderSettings, locate: Locate | None = None
) -> nodes.container:
    """The body of the entry's own page."""
    entry = nodes.container(classes=entry_classes(publication))
    fill_entry(entry, publication, settings, full=True, locate=locate)
    return entry


def list_entry(publication: Publication, ids: list[str]) -> publication_entry:
    """An entry of a list as read: the rest is added as its page is written (entry_html).

    The preview image is there from the start: Sphinx finds the images to copy as it reads.
    """
    entry = publication_entry(
        classes=entry_classes(publication), ids=list(ids), key=publication.key
    )
    entry[UNFILLED] = True
    # al-folio's thumbnail: a URL, a site path, or a file name under /images/. Sphinx copies
    # a site file into the output (and warns if it is missing).
    preview = safe_target(publication.get("preview"), "/images/")
    if preview:
        entry += nodes.image(uri=preview, alt="", classes=["sp-pub-preview"])
    return entry


def entry_classes(publication: Publication) -> list[str]:
    return ["sp-pub", f"sp-type-{publication.entry_type}"]


def fill_entry(
    entry: nodes.Element,
    publication: Publication,
    settings: RenderSettings,
    full: bool,
    locate: Locate | None = None,
    *,
    linked: bool = True,
) -> None:
    """Give ``entry`` the entry's title, authors, venue, links, abstract and BibTeX.

    In a list of a site (``linked``, not ``full``) the abstract and BibTeX are links to
    them on the entry's own page; in other formats, which have no such page, they are held.

    Warnings about its content (a link that leads nowhere) name the entry's file and line,
    as ``locate`` finds them.
    """
    if not full:  # not for each paper page too: a full build writes thousands
        logger.debug("entry %s made for a list", publication.key)
    parts = [
        _header(publication, full),
        *(_page_text(publication) if full else []),
        *_authors_and_venue(publication, settings, full),
        _button_line(publication, settings, reveal=linked and not full),
        *(
            [_abstract_words(publication)]
            if linked and not full
            else [_abstract(publication, full), _bibtex(publication, full)]
        ),
    ]
    for part in parts:
        if part is not None:
            entry += part
            if locate is not None:
                part.source, part.line = locate(publication.line)
