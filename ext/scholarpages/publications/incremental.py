"""Incremental builds after an edit of publications.bib.

Each entry's content is compared with what the last build saw. The pages that refer to an
entry that changed, appeared or disappeared are read again: sphinxcontrib-bibtex does not
rebuild pages that only cite an entry, nor Sphinx those that link to it. A page with a list
is read again when the parts of the entries its lists read changed, else written again when
an entry it shows changed (see list.list_reads).
"""

from __future__ import annotations

import hashlib

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..build_state import state_of
from ..upstream import bibtex
from .database import Database
from .domain import publications_domain
from .list.list_reads import lists_showing, lists_to_read_again
from .loader import database_of

# Stands for the identifiers (arXiv, DOI, URL) of all entries: when they change, any page
# with an outside link may now point at an entry, or no longer.
_IDENTIFIERS = "\0identifiers"


def _current_digests(database: Database) -> dict[str, str]:
    digests = dict(database.entry_digests)
    identifiers = repr(sorted(database.identifiers.items()))
    digests[_IDENTIFIERS] = hashlib.sha256(identifiers.encode()).hexdigest()
    return digests


def pages_to_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    domain = publications_domain(env)
    database = database_of(app)
    state = state_of(app)
    state.lists_to_write = set()
    if not domain.entries or domain.database == database.digest:
        return []
    old, new = domain.entries, _current_digests(database)
    changed_keys = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    pages = {docname for docname, keys in domain.links.items() if keys & changed_keys}
    for docname, keys in bibtex.citations(env):
        if set(keys) & changed_keys:
            pages.add(docname)
    if _IDENTIFIERS in changed_keys:
        pages |= domain.linkers
    pages |= lists_to_read_again(app, env)
    state.lists_to_write = lists_showing(env, changed_keys) - pages
    return sorted(pages & env.found_docs - removed)


def lists_to_write(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose lists show an entry that changed, which were not read again."""
    return sorted(state_of(app).lists_to_write & env.found_docs)


def remember_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = publications_domain(env)
    database = database_of(app)
    if domain.database != database.digest or not domain.entries:
        domain.entries.clear()
        domain.entries.update(_current_digests(database))
        domain.database = database.digest
    return []
