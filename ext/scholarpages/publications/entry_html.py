"""A list's entries written from the HTML they were last written as.

A list of a thousand entries is some 35,000 docutils nodes, and reading, transforming,
writing and indexing them was most of the rebuild after one entry is edited. So a list is
read with each entry an almost empty ``publication_entry`` (see ``render.list_entry``),
filled in as its page is written:

- for a site's HTML, with the HTML the entry was last written as on that page, when its
  entry, its key, the builder and the settings are unchanged, and the site links it holds
  still lead where they did;
- otherwise with its nodes, which then go through Sphinx's post-transforms and link
  resolution like any content, before being written once with the builder's own translator
  and kept for the next build.

The HTML node keeps the entry's text, as Sphinx's search index and the page description
read it, and tells the page it holds math (for MathJax). The cache lives beside the
doctrees, a part per page; a page's part is replaced when the page is written, and dropped
with the page.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import sphinx
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..frontmatter.links import SITE_LINK, site_link_uri
from ..sphinx_support import writes_site
from .database import Publication
from .directive import render_settings
from .entry_text import PageText, Texts, entry_texts
from .loader import database_of
from .page_cache import output_settings
from .render import UNFILLED, fill_entry, publication_entry

_VERSION = "1"
# Set on an entry given its nodes when written, until its HTML is kept.
_TO_KEEP = "scholarpages_keep_html"


class entry_html(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """An entry's content as HTML (only for HTML builders).

    It is given the entry's text as children once the page is resolved (see entry_text):
    the post-transforms before then have fewer nodes to walk.
    """


def _visit_entry_html(translator: HTML5Translator, node: entry_html) -> None:
    translator.body.append(node["html"])
    if node["math"]:
        # What a math node sets as it is written; the page then loads MathJax.
        translator._has_maths_elements = True
    raise nodes.SkipNode


@dataclass(frozen=True)
class WrittenEntry:
    html: str
    math: bool
    texts: Texts
    # (site path, the address it was written as) of each site link in the entry.
    site_links: tuple[tuple[str, str], ...]

    def node(self) -> entry_html:
        return entry_html(html=self.html, math=self.math, texts=self.texts)


class EntryHtmlCache:
    """Written entries by page, kept beside the doctrees between builds."""

    def __init__(self) -> None:
        self._app: Sphinx | None = None
        self._path: Path | None = None
        self._signature = ""
        self._stored: dict[str, dict[str, WrittenEntry]] | None = None
        self._written: dict[str, dict[str, WrittenEntry]] = {}
        self._mathjax = False

    def start(self, app: Sphinx) -> None:
        self._app = app if writes_site(app) else None
        self._path = Path(app.doctreedir) / "scholarpages" / f"entries-{app.builder.name}.pickle"
        # The libraries that shape an entry's HTML: the translator, decoded LaTeX, the
        # highlighted BibTeX; the extensions (their versions) and settings are in
        # output_settings.
        libraries = [version(name) for name in ("docutils", "pybtex", "latexcodec", "pygments")]
        self._signature = repr((_VERSION, sphinx.__version__, libraries, output_settings(app)))
        self._stored, self._written = None, {}
        # Other renderers write math to files as they go: such entries are written each time.
        self._mathjax = getattr(app.builder, "math_renderer_name", None) == "mathjax"

    @property
    def active(self) -> bool:
        """Whether the build writes a site's HTML, where entries are kept."""
        return self._app is not None

    def _load(self) -> dict[str, dict[str, WrittenEntry]]:
        if self._path is None:
            return {}
        try:
            with self._path.open("rb") as stream:
                signature, stored = pickle.load(stream)  # noqa: S301 - our own cache file
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return {}
        return stored if signature == self._signature and isinstance(stored, dict) else {}

    @staticmethod
    def key(publication: Publication, digest: str | None) -> str:
        return hashlib.sha256(f"{publication.key}\0{digest}".encode()).hexdigest()

    def start_page(self, docname: str) -> None:
        """The page is being written: its part is made again from what it holds now."""
        self._written[docname] = {}

    def get(self, docname: str, key: str) -> WrittenEntry | None:
        """The entry as written before on the page, if it would be written the same now."""
        if self._stored is None:
            self._stored = self._load()
        written = self._stored.get(docname, {}).get(key)
        if written is None or not self._reusable(docname, written):
            return None
        self._written.setdefault(docname, {})[key] = written
        return written

    def put(self, docname: str, key: str, written: WrittenEntry) -> None:
        # A site link that led nowhere was warned about: it is warned about every time.
        if self._reusable(docname, written):
            self._written.setdefault(docname, {})[key] = written

    def _reusable(self, docname: str, written: WrittenEntry) -> bool:
        if self._app is None or (written.math and not self._mathjax):
            return False
        return all(
            site_link_uri(self._app, docname, target) == uri for target, uri in written.site_links
        )

    def save(self, docnames: set[str]) -> None:
        """Keep the parts of the pages of ``docnames``, new ones replacing old ones."""
        if not self._written or self._path is None:
            return
        if self._stored is None:
            self._stored = self._load()
        kept = {name: part for name, part in self._stored.items() if name in docnames}
        kept.update((name, part) for name, part in self._written.items() if name in docnames)
        kept = {name: part for name, part in kept.items() if part}
        # Equal keys hold equal HTML: the file needs writing only if the keys changed.
        if _keys(kept) != _keys(self._stored):
            self._path.parent.mkdir(parents=True, exist_ok=True)
            with self._path.open("wb") as stream:
                pickle.dump((self._signature, kept), stream, pickle.HIGHEST_PROTOCOL)
        self._stored, self._written = kept, {}


def _keys(parts: dict[str, dict[str, WrittenEntry]]) -> dict[str, set[str]]:
    return {name: set(part) for name, part in parts.items()}


WRITTEN = EntryHtmlCache()


def start_entry_cache(app: Sphinx) -> None:
    WRITTEN.start(app)


def save_entry_cache(app: Sphinx, exception: BaseException | None) -> None:
    if exception is None:
        WRITTEN.save(set(app.env.all_docs))


class FillPublicationEntries(SphinxPostTransform):
    """Give each entry its HTML, or its nodes, before the other post-transforms."""

    # Before every other post-transform: the entries given nodes go through all of them.
    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if WRITTEN.active:
            WRITTEN.start_page(docname)
        unfilled = [node for node in self.document.findall(publication_entry) if UNFILLED in node]
        if not unfilled:
            return
        database = database_of(self.env.srcdir)
        by_key = database.by_key()
        settings = render_settings(self.config)
        for node in unfilled:
            del node[UNFILLED]
            publication = by_key.get(node["key"])
            if publication is None:
                continue
            if WRITTEN.active:
                key = WRITTEN.key(publication, database.entry_digests.get(publication.key))
                written = WRITTEN.get(docname, key)
                if written is not None:
                    node.append(written.node())
                    continue
                # Its content starts after the preview image.
                node[_TO_KEEP] = (key, len(node.children))
            fill_entry(node, publication, settings, False, database.path)


def finish_entries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the entries given nodes as HTML and keep it; give every entry its text."""
    if not WRITTEN.active:
        return
    entries = list(doctree.findall(publication_entry))
    if not entries:
        return
    if any(_TO_KEEP in node for node in entries):
        _write_entries(app, doctree, docname, [node for node in entries if _TO_KEEP in node])
    page_text = PageText(app)
    for entry in entries:
        for child in entry.children:
            if isinstance(child, entry_html):
                page_text.give(child, child["texts"])
                del child["texts"]


def _write_entries(
    app: Sphinx, doctree: nodes.document, docname: str, filled: list[publication_entry]
) -> None:
    """Write the entries given nodes as HTML, keep it, and put it in their place."""
    builder = cast(StandaloneHTMLBuilder, app.builder)
    read_settings = doctree.settings
    # As the builder will write the page (write_doc), so the HTML is what it would write.
    doctree.settings = builder.docsettings
    try:
        translator = cast(HTML5Translator, builder.create_translator(doctree, builder))
        for node in filled:
            key, start = node[_TO_KEEP]
            del node[_TO_KEEP]
            content = node.children[start:]
            translator.body = []
            translator._has_maths_elements = False
            for child in content:
                child.walkabout(translator)
            written = WrittenEntry(
                html="".join(translator.body),
                math=translator._has_maths_elements,
                texts=tuple(text for child in content for text in entry_texts(child)),
                site_links=tuple(
                    (str(reference[SITE_LINK]), str(reference["refuri"]))
                    for child in content
                    for reference in child.findall(nodes.reference)
                    if SITE_LINK in reference
                ),
            )
            node.children = node.children[:start]
            node.append(written.node())
            WRITTEN.put(docname, key, written)
    finally:
        doctree.settings = read_settings


def setup_entry_html(app: Sphinx) -> None:
    app.add_node(entry_html, html=(_visit_entry_html, None))
    app.add_post_transform(FillPublicationEntries)
    app.connect("builder-inited", start_entry_cache)
    # After the links in the entries are resolved (priority 500).
    app.connect("doctree-resolved", finish_entries, priority=900)
    app.connect("build-finished", save_entry_cache)
