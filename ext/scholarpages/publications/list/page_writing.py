"""The pages a long list goes on over (see list_pages), written with its document.

The document's doctree holds every entry of the list, each in the ``list_page`` of the page
that shows it: ``{cite}``, the citation ids and the entries' cached HTML work on it as on a
list of one page. When the document is written, the other pages' entries are taken out of
it and written as pages of their own (html-collect-pages), their links made relative to
where each page is; every page gets links to all of them, and the list's search box
searches them all (search_index).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from html import escape
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.writers.html5 import HTML5Translator

from ...build_state import state_of
from ...frontmatter.site_files import register_generated_pages
from ...sphinx_support import writes_site
from ..domain import publications_domain
from .directive import list_page
from .entry_cache import entry_cache_of
from .former_pages import redirect_former_pages
from .list_page_cache import ListPageCache
from .reveal import LIST_PAGE_MARK
from .search_box import search_box
from .search_index import json_string, write_search_index
from .unchanged_pages import ENTRY_KEYS, KEPT_HTML, SIGNATURE, ListContext, list_context

LIST_PAGE_TEMPLATE = "page.html"

# A relative address in an attribute the translator wrote: href=".." or src="..".
_ADDRESS = re.compile(r'(\s(?:href|src)=")([^"]*)(")')


def rebase_addresses(html: str, from_uri: str, to_uri: str) -> str:
    """HTML written for the page at ``from_uri`` with its relative addresses made to lead
    to the same places from ``to_uri`` (both as the builder names pages' files)."""
    from_dir, to_dir = posixpath.dirname(from_uri), posixpath.dirname(to_uri)
    if from_dir == to_dir:
        return html

    def rebase(match: re.Match[str]) -> str:
        address = match.group(2)
        path = re.split(r"[?#]", address, maxsplit=1)[0]
        if not path or ":" in path or path.startswith("/"):
            return match.group(0)  # a fragment, another site, or the site's root
        moved = posixpath.relpath(posixpath.normpath(posixpath.join(from_dir, path)), to_dir or ".")
        if path.endswith("/") and not moved.endswith("/"):
            moved += "/"
        return f"{match.group(1)}{moved}{address[len(path) :]}{match.group(3)}"

    return _ADDRESS.sub(rebase, html)


def _pages_nav(
    builder: StandaloneHTMLBuilder, here: str, pages: list[tuple[str, str]], label: str
) -> str:
    """Links to every page of the list, the one shown marked as such."""
    items = []
    for pagename, page_label in pages:
        text = escape(page_label)
        if pagename == here:
            items.append(f'<li><a aria-current="page">{text}</a></li>')
        else:
            href = escape(builder.get_relative_uri(here, pagename), quote=True)
            items.append(f'<li><a href="{href}">{text}</a></li>')
    return (
        f'<nav class="sp-list-pages" aria-label="{escape(label, quote=True)}">\n'
        f"<ul>{''.join(items)}</ul>\n</nav>\n"
    )


def cut_list_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Take the other pages' entries out of the document, and make those pages."""
    if not publications_domain(app.env).list_pages.get(docname):
        return
    builder = cast(StandaloneHTMLBuilder, app.builder)
    cache = state_of(app).list_page_cache  # None where the build writes no site
    if cache is None or not cache.writing():
        return  # resolved before writing: not the page written (see entry_html)
    read_settings = doctree.settings
    # As the builder will write the page (write_doc), so the HTML is what it would write.
    doctree.settings = builder.docsettings
    try:
        cutter = _ListCutter(app, builder, doctree, docname, cache)
        cut = [
            (container, shown)
            for container in list(doctree.findall(nodes.container))
            if len(shown := [child for child in container.children if isinstance(child, list_page)])
            > 1
        ]
        for number, (container, shown) in enumerate(cut, start=1):
            # Each list's links to its pages a landmark of its own name.
            name = "the list" if len(cut) == 1 else f"list {number}"
            cutter.cut(container, shown, f"Pages of {name}")
    finally:
        doctree.settings = read_settings


class _ListCutter:
    """Cuts the lists of one document into their pages."""

    def __init__(
        self,
        app: Sphinx,
        builder: StandaloneHTMLBuilder,
        doctree: nodes.document,
        docname: str,
        cache: ListPageCache,
    ) -> None:
        self._app, self._builder, self._docname = app, builder, docname
        self._translator = cast(HTML5Translator, builder.create_translator(doctree, builder))
        title = app.env.titles.get(docname)
        self._title = title.astext() if title is not None else ""
        self._cache = cache

    def _html(self, node_list: list[nodes.Node]) -> str:
        self._translator.body = []
        for node in node_list:
            node.walkabout(self._translator)
        return "".join(self._translator.body)

    def _index_from(self, container: nodes.Element, pagename: str) -> str:
        """The address of the list's file of entries from the page ``pagename``."""
        page_folder = posixpath.dirname(self._builder.get_target_uri(pagename))
        return posixpath.relpath(str(container["index_file"]), page_folder or ".")

    def _further_page(self, page: list_page, context: ListContext, container: nodes.Element) -> str:
        """Make a further page of the list, unless its file shows it already; its entries'
        HTML as the list's file of entries holds it (a JSON string)."""
        if KEPT_HTML in page:
            return str(page[KEPT_HTML])
        pagename = str(page["pagename"])
        html = self._html(list(page.children))
        signature = page.get(SIGNATURE)
        held = None
        if signature is not None:
            # Kept as known before its entries were made only if they are all kept too.
            held = entry_cache_of(self._app).holds(self._docname, pagename, page[ENTRY_KEYS])
        if held is None:
            # Made of what it shows: its file is not written again if that is unchanged.
            signature = self._cache.signature(("html", self._title, context, html))
        current = self._cache.written_with(pagename, signature)
        links = tuple(link for written in (held or {}).values() for link in written.site_links)
        as_json = json_string(html)
        self._cache.put(pagename, signature, as_json, links)
        if not current:
            state_of(self._app).list_pages.append(
                (pagename, self._page_context(page, context, container, html))
            )
        return as_json

    def _page_context(
        self, page: list_page, context: ListContext, container: nodes.Element, html: str
    ) -> dict[str, Any]:
        """The template context of a further page showing ``html``."""
        builder, pagename, pages = self._builder, str(page["pagename"]), context[0]
        before = container.previous_sibling()
        box_html = ""
        if isinstance(before, search_box):
            page_box = before.deepcopy()
            if "index_file" in container:
                page_box["index"] = self._index_from(container, pagename)
            box_html = self._html([page_box])
        title = f"{self._title}: {page['label']}" if self._title else str(page["label"])
        doc_uri = builder.get_target_uri(self._docname)
        shown_html = rebase_addresses(html, doc_uri, builder.get_target_uri(pagename))
        body = (
            f'<section id="{escape(posixpath.basename(pagename), quote=True)}">\n'
            f"<h1>{escape(title)}</h1>\n"
            f"{_pages_nav(builder, pagename, pages, 'Pages of the list')}{box_html}"
            f'<div class="sp-publications docutils container">\n{shown_html}</div>\n'
            f"{_pages_nav(builder, pagename, pages, 'Pages of the list, again')}</section>\n"
        )
        page_context = _context(title, body)
        page_context[LIST_PAGE_MARK] = {"search": bool(box_html)}
        return page_context

    def cut(self, container: nodes.Element, shown: list[list_page], nav_label: str) -> None:
        builder, docname = self._builder, self._docname
        context = list_context(container, docname)
        pages = context[0]
        # Each page's entries as the list's file of entries holds them; each further page
        # made, and taken out of the document's, one at a time: a page's HTML is let go of
        # once it is made.
        first = self._html(list(shown[0].children))
        as_json = [json_string(first)]
        for page in shown[1:]:
            as_json.append(self._further_page(page, context, container))
            container.remove(page)
        before = container.previous_sibling()
        box = before if isinstance(before, search_box) else None
        if box is not None and "index_file" in container:
            index_file = str(container["index_file"])
            listed = [
                (name, label, html) for (name, label), html in zip(pages, as_json, strict=True)
            ]
            write_search_index(self._app, builder, index_file, listed)
            box["index"] = self._index_from(container, docname)
        parent = container.parent
        top = _nav_node(builder, docname, pages, nav_label)
        parent.insert(parent.index(box if box is not None else container), top)
        bottom = _nav_node(builder, docname, pages, f"{nav_label}, again")
        parent.insert(parent.index(container) + 1, bottom)


def _nav_node(
    builder: StandaloneHTMLBuilder, here: str, pages: list[tuple[str, str]], label: str
) -> nodes.raw:
    return nodes.raw("", _pages_nav(builder, here, pages, label), format="html")


def _context(title: str, body: str) -> dict[str, Any]:
    return {
        # Templates take the title as HTML, as Sphinx renders a document's title.
        "title": escape(title),
        "body": body,
        "metatags": f'<meta name="description" content="{escape(title, quote=True)}">',
        "display_toc": False,
        "sourcename": "",
    }


def collect_list_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The list pages that changed in the documents written in this build; every list page
    is noted as the site's."""
    if not writes_site(app):
        return
    state = state_of(app)
    written, state.list_pages = state.list_pages, []
    for pagename, context in written:
        yield pagename, context, LIST_PAGE_TEMPLATE
    every = publications_domain(app.env).list_pages
    register_generated_pages(app, [name for pages in every.values() for name in pages])
    redirect_former_pages(app)
