"""What reading a ``{publications}`` list takes from the database, and when a list is read
or written again after an edit of the database.

A list is read with each entry an almost empty node, filled as its page is written (see
entry_html). What reading puts in the page is which entries the list shows, in which order
and groups, and of each its key (its anchors), type (its classes and search words),
keywords (search words) and preview image. Each list notes a digest of those parts of
every entry, and of the parts its options choose, sort or group by (``parts_read``); the
page is read again only when that digest changes. When only the content of entries it
shows changed (a title, a venue, a link), it is written again without being read: at
5,000 entries that is what an edit of one entry costs, less reading the whole list.

An option that reads another part of the entries must add it to ``parts_read``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...build_state import state_of
from ..database import Database, Publication
from ..domain import publications_domain
from ..loader import database_of
from .selection import type_group

# What reads every part of every entry as the page is read (the CV): any edit of the
# database reads it again.
WHOLE_DATABASE = ("*",)


# The fields that only some options read, by the name ``parts_read`` gives them. A digest
# of a field as written changes whenever what is worked out of it does.
_OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "date": ("year", "date", "month"),
    "title": ("title",),
    "author": (),  # the authors are persons, not fields
    "selected": ("selected",),
}


def _every_list_reads(publication: Publication) -> tuple[object, ...]:
    """The parts of an entry that reading any list uses (its order in the files is the
    order of the tuples: sorted by file, and the tie-break of sorts by date)."""
    fields = publication.fields
    preview = fields.get("preview")
    return (
        publication.key,
        publication.entry_type,
        # Its group of types: which the arXiv identifier and the journal decide for some.
        type_group(publication),
        # Its search words, and its preview.
        fields.get("keywords"),
        preview,
        # Where a preview's warnings point.
        publication.line if preview else None,
    )


def parts_read(options: Mapping[str, Any], group_by: str) -> tuple[str, ...]:
    """The optional parts of the entries a list with these directive options reads, grouped
    by ``group_by``."""
    wanted = {
        "date": (
            options.get("sort", "newest") in {"newest", "oldest"}
            or group_by == "year"
            or "years" in options
        ),
        "title": options.get("sort") == "title",
        "author": bool(options.get("author")),
        "selected": "selected" in options,
    }
    return tuple(part for part, read in wanted.items() if read)


def _digest(database: Database, parts: tuple[str, ...]) -> str:
    if parts == WHOLE_DATABASE:
        return database.digest
    fields = [name for part in parts for name in _OPTIONAL_FIELDS[part]]
    authors = "author" in parts
    read = [
        (
            *_every_list_reads(publication),
            *(publication.fields.get(name) for name in fields),
            publication.persons.get("author") if authors else None,
        )
        for publication in database.publications
    ]
    return hashlib.sha256(repr((parts, read)).encode()).hexdigest()


def inputs_digest(owner: Sphinx | BuildEnvironment, parts: tuple[str, ...]) -> str:
    """The digest of these parts of the build's database, worked out once per build."""
    state = state_of(owner)
    digest = state.list_digests.get(parts)
    if digest is None:
        digest = state.list_digests[parts] = _digest(database_of(owner), parts)
    return digest


def note_list_read(env: BuildEnvironment, parts: tuple[str, ...], keys: Iterable[str]) -> None:
    """The current document has a list reading ``parts`` of the database, showing ``keys``."""
    domain = publications_domain(env)
    domain.list_inputs.setdefault(env.docname, {})[parts] = inputs_digest(env, parts)
    domain.listed.setdefault(env.docname, set()).update(keys)


def lists_to_read_again(app: Sphinx, env: BuildEnvironment) -> set[str]:
    """The documents with a list that would read the database differently now."""
    return {
        docname
        for docname, reads in publications_domain(env).list_inputs.items()
        if any(inputs_digest(app, parts) != digest for parts, digest in reads.items())
    }


def lists_showing(env: BuildEnvironment, keys: set[str]) -> set[str]:
    """The documents with a list that shows one of these entries."""
    listed = publications_domain(env).listed
    return {docname for docname, shown in listed.items() if shown & keys}
