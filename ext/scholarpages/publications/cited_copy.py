"""The entries sphinxcontrib-bibtex reads: the cited ones only.

sphinxcontrib-bibtex gives ``{cite}``. It keeps every entry of the files it reads, parsed,
in the pickled environment: with thousands of entries, loading that costs more than the
rest of a rebuild where nothing changed, and a changed .bib is parsed once more. It needs
an entry only to label a citation of it, once every page is read. So it reads a copy of
the database that holds the entries some page cites, written when the pages are read.

Two uses need the whole database: a ``{bibliography}`` directive of the author's own (it
may list entries nobody cites), and ``{footcite}``, which looks entries up while its page
is read. For those the copy holds every entry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinxcontrib.bibtex.bibfile import parse_bibdata

from ..build_state import state_of
from .database import BIBTEX_TYPES, Publication
from .loader import cache_dir, database_of
from .output_stamp import write_if_changed

# The ids of the bibliographies the {publications} directive registers.
CITATION_LIST_PREFIX = "sp-list-"
# Roles and directives that need entries while a page is read.
_READ_TIME_USE = re.compile(r"footcite|footbibliography")


def copy_path(app: Sphinx) -> Path:
    return cache_dir(app) / "publications.bib"


def use_copy(app: Sphinx, config: Config) -> None:
    """Give sphinxcontrib-bibtex the copy, beside any .bib files of the author's own."""
    path = copy_path(app)
    if not path.exists():
        path.write_text("", encoding="utf-8")
    database = database_of(app)
    own = [Path(app.confdir, bib).resolve() for bib in (config.bibtex_bibfiles or [])]
    files = {path for path, _ in database.files}
    others = [str(bib) for bib in own if str(bib) not in files]
    config.bibtex_bibfiles = [*others, str(path)] if database.path else others


def _for_styles(publication: Publication) -> str:
    """An entry as sphinxcontrib-bibtex's pybtex styles can format it, never failing."""
    if publication.entry_type in BIBTEX_TYPES:
        return publication.bibtex
    return "@misc" + publication.bibtex[publication.bibtex.index("{") :]


def _provide(app: Sphinx, env: BuildEnvironment, keys: Iterable[str] | None) -> None:
    """Write the copy with these entries (all when None); parse it again if it changed."""
    database = database_of(app)
    if not database.path:
        return
    wanted = None if keys is None else sorted({key.lower() for key in keys})
    # The store's outputs manifest knows what the copy holds. When that is what is wanted,
    # the database's entries are not even read.
    inputs = (database.digest, wanted)
    copy = copy_path(app)
    store = state_of(app).store
    if store.current(copy, inputs):
        return
    shown = None if wanted is None else set(wanted)
    chosen = [p for p in database.publications if shown is None or p.key.lower() in shown]
    text = "".join(f"{_for_styles(publication)}\n\n" for publication in chosen)
    changed = write_if_changed(copy, text)
    store.mark(copy, inputs)
    if changed:
        domain = env.get_domain("cite")
        bibfiles = [Path(app.confdir, bib).resolve() for bib in app.config.bibtex_bibfiles]
        domain.data["bibdata"] = parse_bibdata(bibfiles, app.config.bibtex_encoding)


def provide_for_footnotes(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Every entry, when a page about to be read may cite in footnotes."""
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
    domain = env.get_domain("cite")
    copy = copy_path(app)
    for key, bibliography in getattr(domain, "bibliographies", {}).items():
        if not key.id_.startswith(CITATION_LIST_PREFIX) and copy in bibliography.bibfiles:
            _provide(app, env, None)
            return []
    cited = (target.key for ref in getattr(domain, "citation_refs", []) for target in ref.targets)
    _provide(app, env, cited)
    return []
