"""``crossref``: what an entry takes from the entry it names, as BibTeX and biblatex do.

An ``@inproceedings`` that names its ``@proceedings`` takes every field and person it lacks
from it (year, publisher, editors...); the volume's ``title`` is the paper's ``booktitle``
where the volume has no ``booktitle`` (biblatex's mapping). The child then stands alone:
its BibTeX is written with what it took, so the copy sphinxcontrib-bibtex reads and the
site's ``/publications.bib`` need no parent. A volume of a container type that children
name is only their container, not a work of the site's owner: it is not listed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from typing import TYPE_CHECKING

import pybtex.errors
from pybtex.database import Entry, Person

from .bib_writing import clean_bibtex

if TYPE_CHECKING:  # the database module uses this one
    from .database import Publication

# Types of a volume that holds the works naming it.
CONTAINER_TYPES = frozenset(
    {"proceedings", "book", "collection", "mvproceedings", "mvbook", "mvcollection", "periodical"}
)
# Fields that say which entry this is, or link to it: a paper does not take its volume's.
# (biblatex does not inherit the first ones either.)
_OWN_FIELDS = frozenset(
    {
        "crossref",
        "xref",
        "ids",
        "key",
        "label",
        "shorthand",
        "sortkey",
        "entryset",
        "title",
        "doi",
        "url",
        "eprint",
        "archiveprefix",
        "eprinttype",
        "primaryclass",
    }
)


# A memo of written BibTeX: the text kept for a key, or the function's, kept from now on.
KeepBibtex = Callable[[Hashable, Callable[[], str]], str]


def _write_now(key: Hashable, write: Callable[[], str]) -> str:
    return write()


def inherit(
    publications: list[Publication],
    private_fields: frozenset[str],
    keep: KeepBibtex = _write_now,
) -> list[Publication]:
    """The entries with what each takes from its parent, containers left out.

    ``keep`` keeps each child's BibTeX as written with what it took: writing it with
    pybtex takes about a millisecond, for each child after any edit of the database.
    """
    by_key = {publication.key.lower(): publication for publication in publications}
    parents = {
        target
        for publication in publications
        if (target := publication.get("crossref").lower()) in by_key
    }
    return [
        _with_parent(
            publication, by_key.get(publication.get("crossref").lower()), private_fields, keep
        )
        for publication in publications
        if not (
            publication.key.lower() in parents
            and publication.entry_type in CONTAINER_TYPES
            and not publication.get("crossref")
        )
    ]


def _with_parent(
    child: Publication,
    parent: Publication | None,
    private_fields: frozenset[str],
    keep: KeepBibtex,
) -> Publication:
    if parent is None or parent is child:
        return child
    # Site-only fields (selected, pdf, redirect_from...) are about the parent's own page.
    skipped = _OWN_FIELDS | private_fields
    taken = {
        name: value
        for name, value in parent.fields.items()
        if name not in skipped and name not in child.fields
    }
    if "booktitle" not in child.fields and "booktitle" not in parent.fields and parent.get("title"):
        taken["booktitle"] = parent.fields["title"]
    persons = {role: names for role, names in parent.persons.items() if role not in child.persons}
    if not taken and not persons:
        return child
    fields = {**child.fields, **taken}
    all_persons = {**child.persons, **persons}
    # What the text is written from: the key, type, fields and persons, in order.
    written_from = (child.key, child.entry_type, fields, all_persons, sorted(private_fields))
    digest = hashlib.sha256(repr(written_from).encode()).hexdigest()
    return child._replace(
        fields=fields,
        persons=all_persons,
        bibtex=keep(digest, lambda: _standalone_bibtex(child, fields, all_persons, private_fields)),
    )


def _standalone_bibtex(
    child: Publication,
    fields: Mapping[str, str],
    persons: Mapping[str, tuple[str, ...]],
    private_fields: frozenset[str],
) -> str:
    """The child's BibTeX with what it took, and no ``crossref`` left to follow."""
    entry = Entry(child.entry_type)
    with pybtex.errors.capture():  # the names were read from this text: they read again
        for role, names in persons.items():
            entry.persons[role] = [Person(name) for name in names]
    for name, value in fields.items():
        if name != "crossref":
            entry.fields[name] = value
    return clean_bibtex(child.key, entry, private_fields)
