"""The entries sphinxcontrib-bibtex reads: the cited ones only.

sphinxcontrib-bibtex gives ``{cite}``. It keeps every entry of the files it reads, parsed,
in the pickled environment: with thousands of entries, loading that costs more than the
rest of a rebuild where nothing changed, and a changed .bib is parsed once more. It needs
an entry only to label a citation of it, once every page is read. So it reads a copy of
the database that holds the entries some page cites, written when the pages are read.

Two uses need the whole database while their page is read: a ``{bibliography}`` directive
of the author's own (it may list entries nobody cites, and makes a target for each entry it
may list as it is read), and ``{footcite}``, which looks entries up. For those the copy
holds every entry.

The works cited that are not the owner's (see references) are in the copy too, so they are
cited and listed just as publications are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..build_state import state_of
from ..store import write_if_changed
from ..upstream import bibtex
from .database import BIBTEX_TYPES, Publication
from .loader import cache_dir, database_of
from .references import references_of
from .styled_math import with_readable_math

# The ids of the bibliographies the {publications} directive registers.
CITATION_LIST_PREFIX = "sp-list-"
# Roles and directives that need entries while a page is read: {footcite}, and
# {bibliography}, which makes the targets of the entries it may list as it is read.
_READ_TIME_USE = re.compile(r"footcite|footbibliography|\{bibliography\}|\.\. bibliography::")


def copy_path(app: Sphinx) -> Path:
    return cache_dir(app) / "publications.bib"


def use_copy(app: Sphinx, config: Config) -> None:
    """Give sphinxcontrib-bibtex the copy, beside any .bib files of the author's own."""
    path = copy_path(app)
    if not path.exists():
        path.write_text("", encoding="utf-8")
    database, references = database_of(app), references_of(app).database
    own = [Path(app.confdir, bib).resolve() for bib in (config.bibtex_bibfiles or [])]
    files = {path for path, _ in [*database.files, *references.files]}
    others = [str(bib) for bib in own if str(bib) not in files]
    config.bibtex_bibfiles = [*others, str(path)] if database.path or references.path else others


def _for_styles(publication: Publication) -> str:
    """An entry as sphinxcontrib-bibtex's pybtex styles can format it, never failing, with
    its math as text (see styled_math)."""
    text = with_readable_math(publication.bibtex)
    if publication.entry_type in BIBTEX_TYPES:
        return text
    return "@misc" + text[text.index("{") :]


def _provide(app: Sphinx, env: BuildEnvironment, keys: Iterable[str] | None) -> None:
    """Write the copy with these entries (all when None); parse it again if it changed."""
    database, references = database_of(app), references_of(app)
    if not database.path and not references.database.path:
        return
    wanted = None if keys is None else sorted({key.lower() for key in keys})
    # The store's outputs manifest knows what the copy holds. When that is what is wanted,
    # the database's entries are not even read.
    inputs = (database.digest, references.digest, wanted)
    copy = copy_path(app)
    store = state_of(app).store
    if store.current(copy, inputs):
        return
    shown = None if wanted is None else set(wanted)
    chosen = [
        p
        for p in [*database.publications, *references.citable()]
        if shown is None or p.key.lower() in shown
    ]
    text = "".join(f"{_for_styles(publication)}\n\n" for publication in chosen)
    changed = write_if_changed(copy, text)
    store.mark(copy, inputs)
    if changed:
        bibfiles = [Path(app.confdir, bib).resolve() for bib in app.config.bibtex_bibfiles]
        bibtex.read_bibfiles_again(env, bibfiles, app.config.bibtex_encoding)


def provide_for_footnotes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every entry, when a page about to be read may cite in footnotes or list entries."""
    for docname in docnames:
        try:
            source = Path(env.doc2path(docname)).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if _READ_TIME_USE.search(source):
            _provide(app, env, None)
            return


def provide_cited_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The entries cited anywhere, once every page is read (before they are labelled)."""
    copy = copy_path(app)
    for id_, bibfiles in bibtex.bibliography_files(env).items():
        if not id_.startswith(CITATION_LIST_PREFIX) and copy in bibfiles:
            _provide(app, env, None)
            return []
    _provide(app, env, bibtex.cited_keys(env))
    return []
