"""A list's further pages are written again only when what they show has changed.

Every write of a list's document makes all its pages (page_writing); after an edit of one
entry only the page showing it differs. A page whose content, title and site (page_cache's
site_digest) are those it was written with, and whose file is there, is left as it is.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from sphinx.application import Sphinx

from ...build_state import state_of
from ...frontmatter.written_files import page_file
from ..domain import publications_domain
from ..paper_page.page_cache import site_digest


class ListPageCache:
    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self._store = state_of(app).store
        self._record = f"list-pages-{app.builder.name}"
        stored = self._store.load(self._record)
        self._digests: dict[str, str] = stored if isinstance(stored, dict) else {}
        self._site = site_digest(app)

    def is_fresh(self, pagename: str, shown: Any) -> bool:
        """Record what the page shows; True if its file already shows exactly that."""
        digest = hashlib.sha256(repr((self._site, shown)).encode()).hexdigest()
        fresh = self._digests.get(pagename) == digest and os.path.isfile(  # noqa: PTH113
            f"{self._app.outdir}/{page_file(self._app.builder, pagename)}"
        )
        self._digests[pagename] = digest
        return fresh

    def save(self) -> None:
        every = publications_domain(self._app.env).list_pages
        kept = {name for pages in every.values() for name in pages}
        self._store.save(
            self._record, {name: d for name, d in self._digests.items() if name in kept}
        )
