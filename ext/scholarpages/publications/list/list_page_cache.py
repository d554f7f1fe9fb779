"""The further pages of a list, kept as written: an edit of one entry makes one page again.

A list's document is written whole whenever an entry it shows changes; at 5,000 entries,
giving every entry of its forty-odd pages its HTML, writing them and making the list's file
of entries was most of the rebuild. So each page is kept beside the doctrees with a
signature of what it was made of: the site (page_cache's site_digest), its title, the list's
pages and search box, and, for each entry, the key of its kept HTML (entry_cache), which
names its content, and what its start tag is made of. When the document is written again, a
page whose signature is the one it was written with, whose file is there and whose site
links lead where they did takes its HTML from here, without its entries being made (see
unchanged_pages).
"""

from __future__ import annotations

import hashlib
import os
from typing import cast
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ...build_state import state_of
from ...frontmatter.links import site_link_uri
from ...frontmatter.written_files import page_file
from ...sphinx_support import writes_site
from ...upstream.sphinx_private import shared_context
from ..domain import publications_domain
from ..paper_page.page_cache import site_digest


class ListPageCache:
    """Each further page's signature and HTML, by page name, for one builder."""

    def __init__(self, app: Sphinx) -> None:
        self._app = app
        self._store = state_of(app).store
        self._folder = f"list-pages-{app.builder.name}"
        stored = self._store.load(self._folder)
        self._signatures: dict[str, str] = stored if isinstance(stored, dict) else {}
        self._site: str | None = None
        self._changed = False

    def writing(self) -> bool:
        """Whether the builder writes pages now: a page resolved before then (by an
        extension, as writing starts) is not the page written."""
        return shared_context(cast(StandaloneHTMLBuilder, self._app.builder)) is not None

    def signature(self, made_of: object) -> str:
        """The signature of a page made of ``made_of`` on this site."""
        if self._site is None:
            # Once the pages are read: the site's titles are part of it.
            self._site = site_digest(self._app)
        return hashlib.sha256(repr((self._site, made_of)).encode()).hexdigest()

    def written_with(self, pagename: str, signature: str) -> bool:
        """Whether the page's file is there, written with this signature."""
        # A string path: a list has dozens of pages, checked on every write of it.
        output = f"{self._app.outdir}/{page_file(self._app.builder, pagename)}"
        return self._signatures.get(pagename) == signature and os.path.isfile(output)  # noqa: PTH113

    def kept(self, pagename: str, docname: str, signature: str) -> str | None:
        """The page's entries' HTML as a JSON string (search_index), if its file is there,
        written with this signature, and the site links in it lead where they did from the
        list's document."""
        if not self.written_with(pagename, signature):
            return None
        stored = self._store.load(self._record(pagename))
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == signature):
            # Damaged or gone: the page made again is kept again (see put).
            del self._signatures[pagename]
            return None
        _, html, site_links = stored
        if any(site_link_uri(self._app, docname, target) != uri for target, uri in site_links):
            return None
        return html if isinstance(html, str) else None

    def put(
        self,
        pagename: str,
        signature: str,
        html: str,
        site_links: tuple[tuple[str, str], ...] = (),
    ) -> None:
        """The page has been made with this signature: its entries' HTML is ``html``, a
        JSON string, with these site links (site path, the address written) in it."""
        if self._signatures.get(pagename) == signature:
            return
        self._store.save(self._record(pagename), (signature, html, site_links))
        self._signatures[pagename] = signature
        self._changed = True

    def save(self) -> None:
        """Keep the signatures; drop what is kept of pages no list has any more."""
        every = publications_domain(self._app.env).list_pages
        pages = {name for names in every.values() for name in names}
        gone = set(self._signatures) - pages
        if not self._changed and not gone:
            return
        for pagename in gone:
            self._store.discard(self._record(pagename))
        self._signatures = {name: s for name, s in self._signatures.items() if name in pages}
        self._store.save(self._folder, self._signatures)
        self._changed = False

    def _record(self, pagename: str) -> str:
        return f"{self._folder}/{quote(pagename, safe='')}"


def start_list_page_cache(app: Sphinx) -> None:
    state_of(app).list_page_cache = ListPageCache(app) if writes_site(app) else None


def save_list_page_cache(app: Sphinx, exception: BaseException | None) -> None:
    cache = state_of(app).list_page_cache
    if cache is not None and exception is None:
        cache.save()
