"""Entries of lists as they were written, kept beside the doctrees between builds.

Files per page, read only when that page is written again: a build that writes other pages
reads none. A page's entries are spread over a few files by key, and a page written in this
build has those files made again whose entries changed: after an edit of one entry of
5,000, one or two files of some 600 kB, not all 10 MB. Files of pages not written are
kept, and dropped with their page. An entry is looked up by
its key and its content's digest; the files belong to one builder, the settings, the
extensions and the versions of the libraries that shape an entry's HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ...build_state import state_of
from ...frontmatter.links import site_link_uri
from ...sphinx_support import writes_site
from ...store import Store
from ..database import Publication
from ..paper_page.page_cache import output_settings
from .entry_text import PackedTexts, Words


# Strings, not tuples of them: at 5,000 entries, a page's entries read back as some 250,000
# small objects, which the garbage collector then went through, more than once a build.
@dataclass(frozen=True, slots=True)
class WrittenEntry:
    html: str
    texts: PackedTexts
    # (site path, the address it was written as) of each site link in the entry.
    site_links: tuple[tuple[str, str], ...]
    # The searchable words of ``texts``, as the search index splits them (see PageText).
    words: Words = ""
    # What the entry's start tag is made of (see search_box), and the tag as written.
    start_inputs: str = ""
    start_tag: str = ""


Part = dict[str, WrittenEntry]
# The files a page's entries are spread over, by their keys (hexadecimal digests).
_SHARDS = 16


def _shard_of(key: str) -> int:
    return int(key[:4], 16) % _SHARDS


def _by_shard(part: Part) -> list[Part]:
    shards: list[Part] = [{} for _ in range(_SHARDS)]
    for key, written in part.items():
        shards[_shard_of(key)][key] = written
    return shards


class EntryHtmlCache:
    """Written entries by page, kept beside the doctrees between builds."""

    def __init__(self) -> None:
        self._app: Sphinx | None = None
        self._store: Store | None = None
        self._folder = ""
        self._signature = ""
        self._stored: dict[str, Part] = {}  # the parts read in this build
        self._written: dict[str, Part] = {}  # the parts of the pages written in this build

    def start(self, app: Sphinx) -> None:
        self._app = app if writes_site(app) else None
        self._store = state_of(app).store
        self._folder = f"entries-{app.builder.name}"
        # The code that shapes an entry's HTML (ours and the libraries') is the store's
        # version; the other extensions (their versions) and settings are in output_settings.
        self._signature = repr(output_settings(app))
        self._stored, self._written = {}, {}

    @property
    def active(self) -> bool:
        """Whether the build writes a site's HTML, where entries are kept."""
        return self._app is not None

    def _name(self, docname: str, shard: int) -> str:
        # A page's name, quoted, holds no "/" and its shard's suffix no ".".
        return f"{self._folder}/{quote(docname, safe='')}.{shard:x}"

    def _part(self, docname: str) -> Part:
        part = self._stored.get(docname)
        if part is None:
            part = {}
            for shard in range(_SHARDS):
                part.update(self._load(self._name(docname, shard)))
            self._stored[docname] = part
        return part

    def _load(self, name: str) -> Part:
        assert self._store is not None
        stored = self._store.load(name)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == self._signature:
            part = stored[1]
            return part if isinstance(part, dict) else {}
        return {}

    @staticmethod
    def key(publication: Publication, digest: str | None, pagename: str) -> str:
        text = f"{publication.key}\0{digest}\0{pagename}"
        return hashlib.sha256(text.encode()).hexdigest()

    def start_page(self, docname: str) -> None:
        """The page is being written: its part is made again from what it holds now."""
        self._written[docname] = {}

    def get(self, docname: str, key: str) -> WrittenEntry | None:
        """The entry as written before on the page, if it would be written the same now."""
        written = self._part(docname).get(key)
        if written is None or not self._reusable(docname, written):
            return None
        self._written.setdefault(docname, {})[key] = written
        return written

    def put(self, docname: str, key: str, written: WrittenEntry) -> None:
        # A site link that led nowhere was warned about: it is warned about every time.
        if self._reusable(docname, written):
            self._written.setdefault(docname, {})[key] = written

    def _reusable(self, docname: str, written: WrittenEntry) -> bool:
        if self._app is None:
            return False
        return all(
            site_link_uri(self._app, docname, target) == uri for target, uri in written.site_links
        )

    def save(self, docnames: set[str]) -> None:
        """Keep the parts of the pages written, and drop those of pages not in ``docnames``."""
        store = self._store
        if store is None:
            return
        for docname, part in self._written.items():
            shards = _by_shard(part if docname in docnames else {})
            before = _by_shard(self._stored.get(docname, {}))
            for shard, (now, then) in enumerate(zip(shards, before, strict=True)):
                name = self._name(docname, shard)
                if not now:
                    store.discard(name)
                # Equal keys hold equal HTML: a file needs writing only if its keys changed.
                elif set(now) != set(then):
                    store.save(name, (self._signature, now))
        pages = {quote(docname, safe="") for docname in docnames}
        for name in store.names(self._folder):
            if name.removeprefix(f"{self._folder}/").rsplit(".", 1)[0] not in pages:
                store.discard(name)
        self._stored, self._written = {}, {}


def entry_cache_of(owner: Sphinx | BuildEnvironment) -> EntryHtmlCache:
    """The written entries of the build (see start_entry_cache)."""
    state = state_of(owner)
    if state.entry_html is None:
        state.entry_html = EntryHtmlCache()
    return state.entry_html


def start_entry_cache(app: Sphinx) -> None:
    entry_cache_of(app).start(app)


def save_entry_cache(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        entry_cache_of(app).save(set(app.env.all_docs))
