"""A site's .bib files against its ``_publications`` items: each paper listed once.

Sites keep one .bib per paper for a "Download BibTeX" link (``bibtexurl``, ``files/*.bib``).
An entry of such a file is the same paper as an item when they share a DOI, an arXiv id or
a title (compared without case, accents, LaTeX or punctuation); the two become one entry,
the richer value of each field winning. A file an item names as its download is that
paper's, so what in it matches no paper (academicpages' sample ``files/bibtex1.bib``, an
"Example Article" beside "Paper Title Number 1") is a download only, never a publication.
Sites that delete the sample paper often keep its file: its entry, as the template ships it,
is known by its content and is no publication either.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from pybtex.database import BibliographyData, Entry, parse_string
from pybtex.exceptions import PybtexError

from ..frontmatter.urls import split_url

_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>{}]+)", re.IGNORECASE)
_ARXIV = re.compile(
    r"arxiv(?:\.org/(?:abs|pdf)/|\s*:\s*|\s+)(\d{4}\.\d{4,5})(?:v\d+)?", re.IGNORECASE
)
_ARXIV_ID = re.compile(r"^(\d{4}\.\d{4,5})(?:v\d+)?$")
_LATEX_COMMAND = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z\s])")
_NOT_WORD = re.compile(r"[\W_]+")
# Shorter titles ("Notes", "Preface") name too many papers to tell one.
_MIN_TITLE = 12


# academicpages' sample entry (files/bibtex1.bib), field by field as the template ships it.
_TEMPLATE_SAMPLE = {
    "title": "an example article",
    "journal": "journal of examples",
    "volume": "12",
    "number": "3",
    "pages": "123 456",
    "year": "2023",
    "publisher": "example publisher",
}
_TEMPLATE_SAMPLE_AUTHORS = ("alice bob", "charlie")


def is_template_sample(entry: Entry) -> bool:
    """Whether ``entry`` is the template's sample, unchanged: not a paper of the owner."""
    fields = {name.lower(): normalised_title(str(value)) for name, value in entry.fields.items()}
    authors = tuple(normalised_title(str(person)) for person in entry.persons.get("author", []))
    return (
        entry.type.lower() == "article"
        and fields == _TEMPLATE_SAMPLE
        and authors == _TEMPLATE_SAMPLE_AUTHORS
        and set(entry.persons) == {"author"}
    )


def read_bib(text: str) -> BibliographyData | str:
    """The entries of a .bib file, or why it cannot be read."""
    try:
        return parse_string(text, "bibtex")
    except (PybtexError, ValueError, KeyError, IndexError) as error:
        return str(error).splitlines()[0] if str(error) else type(error).__name__


def normalised_title(text: str) -> str:
    """A title as compared: no LaTeX, braces, accents, case or punctuation."""
    plain = _LATEX_COMMAND.sub("", text).replace("{", "").replace("}", "")  # "{C}ats" is "Cats"
    decomposed = unicodedata.normalize("NFKD", plain)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", letters.casefold()).split())


def identities(entry: Entry) -> set[str]:
    """What tells this paper from another: its DOI, arXiv id and title."""
    found: set[str] = set()
    for name, value in entry.fields.items():
        text = unquote(str(value))
        for doi in _DOI.findall(text):
            found.add("doi:" + doi.rstrip(".,;)").casefold())
        for arxiv in _ARXIV.findall(text):
            found.add("arxiv:" + arxiv)
        if name.lower() == "eprint" and _ARXIV_ID.match(text.strip()):
            found.add("arxiv:" + _ARXIV_ID.match(text.strip()).group(1))  # type: ignore[union-attr]
    title = normalised_title(str(entry.fields.get("title", "")))
    if len(title) >= _MIN_TITLE:
        found.add("title:" + title)
    return found


def merge_into(kept: Entry, other: Entry) -> None:
    """``other``'s fields and names into ``kept``, the richer of each winning.

    Names written in a .bib are the paper's own; those read from a citation may be fewer
    ("et al."), so the longer list wins, the .bib's on a tie.
    """
    for name, value in other.fields.items():
        current = str(kept.fields.get(name, ""))
        if len(str(value).strip()) > len(current.strip()):
            kept.fields[name] = value
    for role, persons in other.persons.items():
        if len(persons) >= len(kept.persons.get(role, [])):
            kept.persons[role] = list(persons)
    if kept.type == "misc" and other.type != "misc":
        kept.type = other.type


def download_path(link: str) -> str:
    """The site file a ``bibtexurl`` within the site names: "/files/a.bib" is "files/a.bib"."""
    parts = split_url(link.strip())
    if parts is None or parts.scheme or parts.netloc:
        return ""
    return unquote(parts.path).lstrip("/")
