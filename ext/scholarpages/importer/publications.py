"""``_publications/*.md`` to entries of ``publications.bib``, losing nothing.

Each field has a home: ``venue`` becomes the journal, book title or publisher according to
the ``category``; ``paperurl`` the PDF (or URL), ``slidesurl`` the slides; ``excerpt`` the
abstract; the ``citation`` (HTML) the authors (see citations) or, when no author can be
read from it, the ``citation`` field, shown in place of authors and venue; the page body the
text of the paper's page; the old ``permalink`` a redirect to the paper's new page; links
to the old site's own host links within the site. Everything else is kept as a field of
its own.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlunsplit

import nh3
from pybtex.database import Entry, Person

from ..frontmatter.urls import split_url
from ..publications.buttons import DEFAULT_BUTTONS, arxiv_id_of_url
from .citations import citation_authors
from .documents import as_list
from .source_files import JekyllFile

# academicpages' categories (publication_category in _config.yml) and BibTeX's types.
CATEGORY_TYPES = {
    "manuscripts": ("article", "journal"),
    "journal": ("article", "journal"),
    "conferences": ("inproceedings", "booktitle"),
    "conference": ("inproceedings", "booktitle"),
    "books": ("book", "publisher"),
    "book": ("book", "publisher"),
    "theses": ("phdthesis", "school"),
    "preprints": ("misc", "howpublished"),
}
_HANDLED = {
    "title",
    "collection",
    "category",
    "permalink",
    "redirect_from",
    "excerpt",
    "date",
    "venue",
    "paperurl",
    "slidesurl",
    "bibtexurl",
    "citation",
    "author",  # names, in the entry's author list (a field of that name would be a second)
    "authors",
    "published",
    "layout",
    "author_profile",
}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    # BibTeX counts even an escaped brace, so a lone one would make the file unreadable,
    # and braces only group: text shows none.
    "{": "",
    "}": "",
    **{char: "\\" + char for char in "$&%#_"},
}
_CITED_YEAR = re.compile(r"\(\d{4}[a-z]?\)\.")
_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")


def text_of_html(value: str) -> str:
    return " ".join(html.unescape(nh3.clean(value, tags=set())).split())


def _latex_safe(value: str) -> str:
    """Plain text as a BibTeX value that reads back as the same text."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in value)


# Fields with a link that are no button: the entry's own BibTeX and its old URLs.
_NOT_BUTTONS = {"bibtexurl", "redirect_from"}
_IMAGE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
_LABELS = {
    "ssrn": "SSRN",
    "github": "GitHub",
    "gitlab": "GitLab",
    "arxivurl": "arXiv",
    "pubmed": "PubMed",
    "openreview": "OpenReview",
    "hal": "HAL",
}
# Values read as written: identifiers, and links that name a scheme or a path of the site.
_IDENTIFIERS = {"doi", "arxiv", "eprint", "isbn", "issn", "pmid"}
_LINK = re.compile(r"^(?:https?://|/)[^\s<>]*$", re.IGNORECASE)
_URL_ESCAPED = re.compile(r'[\s{}"]')
_OLD_URL_ESCAPED = re.compile(r'[\s{}",]')


def _url(value: str, escaped: re.Pattern[str] = _URL_ESCAPED) -> str:
    """A URL as a BibTeX value, read as it is written: no brace, double quote or space.

    Percent-encoded, they read back as the same URL, and a space would end it in a link.
    """
    return escaped.sub(lambda match: quote(match.group(), safe=""), value.strip())


def _old_url(value: str) -> str:
    """An old URL of the paper: ``redirect_from`` lists URLs between spaces and commas."""
    return _url(value, _OLD_URL_ESCAPED)


def within_site(value: str, own_url: str) -> str:
    """A link to the old site's own host (its ``url`` in _config.yml) as a path of the site.

    The imported site is served elsewhere, so ``https://ada.github.io/files/paper.pdf``
    is ``/files/paper.pdf``, the copy of that file here; any other link is kept.
    """
    link, own = split_url(value.strip()), split_url(own_url)
    if link is None or own is None:
        return value
    if link.scheme.lower() not in {"http", "https"} or not own.netloc:
        return value
    if link.netloc.lower().removeprefix("www.") != own.netloc.lower().removeprefix("www."):
        return value
    prefix = own.path.rstrip("/")
    if link.path != prefix and not link.path.startswith(prefix + "/"):
        return value
    return urlunsplit(("", "", link.path[len(prefix) :] or "/", link.query, link.fragment))


def _verbatim(value: str) -> str:
    """A value read as it is (a date, a category): BibTeX's braces only group, so drop them."""
    return value.replace("{", "").replace("}", "")


def entry_key(stem: str, taken: set[str]) -> str:
    key = _KEY_UNSAFE.sub("-", stem).strip("-") or "publication"
    candidate, number = key, 2
    while candidate.lower() in taken:
        candidate, number = f"{key}-{number}", number + 1
    taken.add(candidate.lower())
    return candidate


def _date(value: Any) -> tuple[str, str, str]:
    """(year, month, date) as strings from a front-matter date."""
    if isinstance(value, dt.datetime | dt.date):
        return str(value.year), str(value.month), value.isoformat()[:10]
    text = str(value or "")
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?", text)
    if not match:
        return "", "", text
    return match.group(1), str(int(match.group(2))) if match.group(2) else "", text


def _fields(
    item: JekyllFile, venue_field: str, shown_citation: str, own_url: str
) -> dict[str, str]:
    """Every front-matter value of a publication, each in the field that holds it."""
    data = item.data
    paper = within_site(str(data.get("paperurl") or ""), own_url)
    year, month, date = _date(data.get("date"))
    urls = [*as_list(data.get("permalink")), *as_list(data.get("redirect_from"))]
    candidates = {
        "title": _latex_safe(str(data.get("title") or item.path.stem)),
        "year": year,
        "month": month,
        "date": _verbatim(date),
        venue_field: _latex_safe(text_of_html(str(data.get("venue") or ""))),
        ("pdf" if paper.lower().split("?")[0].endswith(".pdf") else "url"): _url(paper),
        "slides": _url(within_site(str(data.get("slidesurl") or ""), own_url)),
        "bibtexurl": _url(within_site(str(data.get("bibtexurl") or ""), own_url)),
        "abstract": _latex_safe(text_of_html(str(data.get("excerpt") or ""))),
        "citation": _latex_safe(shown_citation),
        "page_text": _latex_safe(item.body.strip()),
        "category": _verbatim(str(data.get("category") or "")),
        "redirect_from": " ".join(_old_url(url) for url in urls),
    }
    fields = {name: value for name, value in candidates.items() if value}
    for name, value in data.items():
        if name not in _HANDLED and value not in (None, ""):
            text = str(value)
            if name.lower() == "arxiv":
                text = arxiv_id_of_url(text) or text  # the theme makes the URL of the id
            if _is_link(name, text):
                fields[name.lower()] = _url(within_site(text, own_url))
            else:
                fields[name.lower()] = _latex_safe(text)
    return fields


def link_buttons(entries: Iterable[Entry]) -> dict[str, str]:
    """Fields holding a link that the theme has no button for, each with its button's label.

    academicpages layouts show whatever link fields a site adds (``ssrn``, ``github``); here
    each becomes a button named after its field, and stays out of the readers' BibTeX.
    """
    found: dict[str, str] = {}
    for entry in entries:
        for name, value in entry.fields.items():
            if name in DEFAULT_BUTTONS or name in _NOT_BUTTONS or name in found:
                continue
            link = str(value).strip()
            if _LINK.match(link) and not _IMAGE.search(link):  # a picture is no paper link
                found[name] = _LABELS.get(name) or name.replace("_", " ").capitalize()
    return found


def _is_link(name: str, value: str) -> bool:
    """A URL, a path of the site or an identifier (``code``, ``doi``): kept as written.

    Escaped for LaTeX, ``paper_1`` would become ``paper\\_1``, which no browser follows
    and no reader's BibTeX with the url package reads back.
    """
    return name.lower() in _IDENTIFIERS or bool(_LINK.match(value.strip()))


def publication_entry(
    item: JekyllFile, key: str, categories: dict[str, str], own_url: str = ""
) -> tuple[Entry, list[str]]:
    """The BibTeX entry for an academicpages publication, and what needs a look."""
    notes: list[str] = []
    category = str(item.data.get("category") or "")
    entry_type, venue_field = CATEGORY_TYPES.get(category.lower(), ("misc", "howpublished"))
    if category and category.lower() not in CATEGORY_TYPES and category in categories:
        notes.append(f"category {category!r} ({categories[category]}) imported as @misc")
    # Names as the site lists them (``authors:``, ``author:``), else the citation's.
    candidates = [_names_text(item.data.get(name)) for name in ("authors", "author")]
    candidates.append(str(item.data.get("citation") or ""))
    written = next((text for text in candidates if text.strip()), "")
    excerpt = str(item.data.get("excerpt") or "")
    if _CITED_YEAR.search(excerpt):  # some sites write the citation as the excerpt
        candidates.append(excerpt)
    venue = _plain_words(text_of_html(str(item.data.get("venue") or "")))
    authors = next(
        (
            found
            for text in candidates
            if (found := citation_authors(text))
            # "<b>Economics Letters</b>": a citation naming only the venue names nobody.
            and not (venue and [_plain_words(name) for name in found] == [venue])
        ),
        [],
    )
    # A citation read is its authors (and the venue); one that is not is shown as written.
    shown = "" if authors else text_of_html(written)
    entry = Entry(entry_type, fields=_fields(item, venue_field, shown, own_url))
    for name in authors:
        entry.add_person(Person(name), "author")
    if shown:
        notes.append(
            "authors could not be read from the citation, which is shown as written;"
            " add an author field"
        )
    return entry, notes


def _plain_words(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _names_text(value: Any) -> str:
    """A front-matter list of names, as one: a list of names is one name per item."""
    if isinstance(value, list):
        return " and ".join(str(name) for name in value if name)
    return str(value or "")


def _quoted(value: str) -> str:
    if '"' in value and _balanced(value):
        # Read from a .bib ({\"u}): inside braces a double quote is a character.
        return "{" + value + "}"
    # A double quote would end a quoted value; inside braces it is a character.
    return '"' + value.replace('"', '{"}') + '"'


def _balanced(value: str) -> bool:
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_text(entries: dict[str, Entry]) -> str:
    """The entries as BibTeX, each value written as it is.

    Every value is BibTeX-safe already (text escaped, URLs as they are): pybtex's writer
    would escape them again, and a URL such as ``paper_1.pdf`` would become ``paper\\_1.pdf``.
    """
    blocks = []
    for key, entry in entries.items():
        values = [
            (role, " and ".join(str(person) for person in persons))
            for role, persons in entry.persons.items()
        ]
        values += entry.fields.items()
        lines = [f"    {name} = {_quoted(value)}" for name, value in values]
        blocks.append(f"@{entry.type}{{{key},\n" + ",\n".join(lines) + "\n}\n")
    return "\n".join(blocks)
