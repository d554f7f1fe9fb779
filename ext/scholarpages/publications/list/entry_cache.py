"""Entries of lists as they were written, kept beside the doctrees between builds.

Files per page, read only when that page is written again: a build that writes other pages
reads none. A page's entries are kept by section, the page of its list that shows them (a
list cut into pages, see list_pages), at most 250 a file, spread by key; when a page is
written again, only the files of the sections it makes again are read, and of those only
the files whose entries changed are written: after an edit of one entry of 5,000, the
file of the page showing it, not all 10 MB. Files of pages not written are kept, and
dropped with their page. An entry is looked up by its key and its content's digest; the
files belong to one builder, the settings, the extensions and the versions of the
libraries that shape an entry's HTML.
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
# At most this many entries a file: after an edit of one entry, the file holding it is
# written again, not all of a long list's.
_ENTRIES_PER_FILE = 250


def _files_for(entries: int) -> int:
    return max(1, -(-entries // _ENTRIES_PER_FILE))


def _by_file(part: Part, files: int) -> list[Part]:
    spread: list[Part] = [{} for _ in range(files)]
    for key, written in part.items():
        spread[int(key[:8], 16) % files][key] = written
    return spread


def _quoted(name: str) -> str:
    # Neither "/" nor ".": the parts of a file's name are told apart by "." (see _name).
    return quote(name, safe="").replace(".", "%2E")


class EntryHtmlCache:
    """Written entries by page and section, kept beside the doctrees between builds.

    A page's entries are kept by section: the further page of a list that shows them
    (list_pages), or "" for the page's own. A section not written again (a further page
    kept as written, see unchanged_pages) is carried over without being read.
    """

    def __init__(self) -> None:
        self._app: Sphinx | None = None
        self._store: Store | None = None
        self._folder = ""
        self._signature = ""
        self._names: set[str] | None = None  # the files kept, once listed
        # (page, section) -> the part read in this build, and how many files it was in.
        self._stored: dict[tuple[str, str], tuple[Part, int]] = {}
        # page -> section -> the entries written or found in this build.
        self._written: dict[str, dict[str, Part]] = {}
        self._carried: dict[str, set[str]] = {}  # page -> sections kept as they are

    def start(self, app: Sphinx) -> None:
        self._app = app if writes_site(app) else None
        self._store = state_of(app).store
        self._folder = f"entries-{app.builder.name}"
        # The code that shapes an entry's HTML (ours and the libraries') is the store's
        # version; the other extensions (their versions) and settings are in output_settings.
        self._signature = repr(output_settings(app))
        self._names, self._stored, self._written, self._carried = None, {}, {}, {}

    @property
    def active(self) -> bool:
        """Whether the build writes a site's HTML, where entries are kept."""
        return self._app is not None

    def _name(self, docname: str, section: str, index: int) -> str:
        return f"{self._folder}/{_quoted(docname)}.{_quoted(section)}.{index:x}"

    def _files(self, docname: str, section: str | None = None) -> list[str]:
        """The files kept of the page, or of one of its sections."""
        assert self._store is not None
        if self._names is None:
            self._names = self._store.names(self._folder)
        prefix = f"{self._folder}/{_quoted(docname)}."
        if section is not None:
            prefix += f"{_quoted(section)}."
        return sorted(name for name in self._names if name.startswith(prefix))

    def _part(self, docname: str, section: str) -> Part:
        found = self._stored.get((docname, section))
        if found is None:
            files = self._files(docname, section)
            part: Part = {}
            for name in files:
                part.update(self._load(name))
            found = self._stored[docname, section] = (part, len(files))
        return found[0]

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
        """The page is being written: its parts are made again from what it holds now."""
        self._written[docname], self._carried[docname] = {}, set()

    def get(self, docname: str, key: str, section: str = "") -> WrittenEntry | None:
        """The entry as written before in the page's section, if it would be written the
        same now."""
        written = self._part(docname, section).get(key)
        if written is None or not self._reusable(docname, written):
            return None
        self._written.setdefault(docname, {}).setdefault(section, {})[key] = written
        return written

    def put(self, docname: str, key: str, written: WrittenEntry, section: str = "") -> None:
        # A site link that led nowhere was warned about: it is warned about every time.
        if self._reusable(docname, written):
            self._written.setdefault(docname, {}).setdefault(section, {})[key] = written

    def holds(self, docname: str, section: str, keys: list[str]) -> Part | None:
        """The entries of these keys as kept in this build, if every one is."""
        part = self._written.get(docname, {}).get(section, {})
        if not all(key in part for key in keys):
            return None
        return {key: part[key] for key in keys}

    def carry(self, docname: str, section: str) -> None:
        """The section is shown as it was written: its files are kept, unread."""
        self._carried.setdefault(docname, set()).add(section)

    def _reusable(self, docname: str, written: WrittenEntry) -> bool:
        if self._app is None:
            return False
        return all(
            site_link_uri(self._app, docname, target) == uri for target, uri in written.site_links
        )

    def save(self, docnames: set[str]) -> None:
        """Keep the parts of the pages written, and drop those of pages not in ``docnames``
        and of sections their page no longer has."""
        store = self._store
        if store is None:
            return
        kept: set[str] = set()
        for docname, sections in self._written.items():
            if docname not in docnames:
                continue
            for section, part in sections.items():
                kept.update(self._save_part(store, docname, section, part))
            for section in self._carried.get(docname, set()):
                kept.update(self._files(docname, section))
        # A page written in this build keeps the files it wrote or carried over; a page the
        # site no longer has keeps none.
        written = {_quoted(docname) for docname in self._written}
        pages = {_quoted(docname) for docname in docnames}
        for name in store.names(self._folder):
            page = name.removeprefix(f"{self._folder}/").split(".", 1)[0]
            if name not in kept and (page in written or page not in pages):
                store.discard(name)
        self._names, self._stored, self._written, self._carried = None, {}, {}, {}

    def _save_part(self, store: Store, docname: str, section: str, part: Part) -> list[str]:
        """Write the files of the section whose entries changed; their names."""
        before, files_before = self._stored.get((docname, section), ({}, 0))
        files = _files_for(len(part))
        now = _by_file(part, files)
        # Spread as before: a file needs writing only if its keys changed (equal keys hold
        # equal HTML); spread otherwise, every file is written.
        then = _by_file(before, files) if files == files_before else None
        names = []
        for index, entries in enumerate(now):
            name = self._name(docname, section, index)
            names.append(name)
            if then is None or set(entries) != set(then[index]):
                store.save(name, (self._signature, entries))
        return names


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
