"""Which further pages of a list are as they were written, known before their entries are made.

When a list's document is written, each of its entries is given its HTML (entry_html), and
the pages after the first are cut out of it (page_writing). A further page whose signature
(list_page_cache) is the one it was written with, whose file is there and whose site links
lead where they did is emptied before then: its HTML is the kept one, and none of its
entries is read from the kept HTML of entries, made, walked or written again. A page's
signature is kept only when each of its entries' HTML is kept too (a link that leads
nowhere is warned about every time, so its page is made every time).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ...build_state import state_of
from ..domain import publications_domain
from ..render import publication_entry
from .directive import list_page
from .search_box import TERMS, search_box

logger = logging.getLogger(__name__)

# On a further page emptied here: its entries' HTML as kept (a JSON string, search_index).
KEPT_HTML = "scholarpages_kept_html"
# On a further page: its signature, when it is known before its entries are made, and
# the keys of its entries' HTML.
SIGNATURE = "scholarpages_signature"
ENTRY_KEYS = "scholarpages_entry_keys"

# A list's pages, each (pagename, label), and what its search box shows of the list.
ListContext = tuple[list[tuple[str, str]], tuple[object, ...] | None]


def list_context(container: nodes.Element, docname: str) -> ListContext:
    """The pages of the list in ``container``, and what its search box shows of it: its
    count of the whole list, and whether it searches the list's file of entries."""
    pages = [
        (str(page["pagename"]) or docname, str(page["label"]))
        for page in container.children
        if isinstance(page, list_page)
    ]
    before = container.previous_sibling()
    if not isinstance(before, search_box):
        return pages, None
    return pages, (before["ident"], before["total"], "index_file" in container)


def further_pages(document: nodes.document) -> list[list_page]:
    """The pages after the first of the document's lists (none where a list is whole)."""
    return [
        page
        for page in document.findall(list_page)
        if isinstance(page, list_page) and page["pagename"]
    ]


def entry_sections(further: list[list_page]) -> dict[int, str]:
    """The further page showing each entry that one shows, by ``id()`` of its node: the
    section its kept HTML is kept in (entry_cache). The others are in the section ""."""
    return {id(entry): str(page["pagename"]) for page in further for entry in _entries_of(page)}


def keep_unchanged_pages(
    env: BuildEnvironment,
    further: list[list_page],
    docname: str,
    keys: Mapping[int, str],
) -> dict[str, set[int]]:
    """Empty each further page of the document's lists written as it is now, giving it its
    kept HTML; give every other further page the signature it is made with, when known,
    and the keys of its entries. The pages emptied are returned, each with the ``id()`` of
    the nodes of the entries it had.

    ``keys``: the key of each entry's HTML (entry_cache), by ``id()`` of its node.
    """
    cache = state_of(env).list_page_cache
    if cache is None or not publications_domain(env).list_pages.get(docname):
        return {}
    if not cache.writing():
        return {}
    title_node = env.titles.get(docname)
    title = title_node.astext() if title_node is not None else ""
    contexts: dict[int, ListContext] = {}
    emptied: dict[str, set[int]] = {}
    for page in further:
        shown = _page_made_of(page, keys)
        if shown is None:
            continue
        container = page.parent
        if id(container) not in contexts:
            contexts[id(container)] = list_context(container, docname)
        signature = cache.signature((title, contexts[id(container)], shown))
        html = cache.kept(str(page["pagename"]), docname, signature)
        if html is None:
            page[SIGNATURE] = signature
            page[ENTRY_KEYS] = [keys[id(entry)] for entry in _entries_of(page)]
            continue
        logger.debug("list page %s kept as written", page["pagename"])
        emptied[str(page["pagename"])] = {id(entry) for entry in _entries_of(page)}
        page.children = []
        page[KEPT_HTML] = html
    return emptied


def _page_made_of(page: list_page, keys: Mapping[int, str]) -> tuple[object, ...] | None:
    """What the page's HTML is made of, if each of its entries has a key (entry_cache): its
    headings as they are, and each entry's HTML, named by its key, and what its start tag
    is made of (as start_inputs has it)."""
    made_of: list[object] = []
    for child in page.children:
        if isinstance(child, nodes.rubric):
            made_of.append((child.astext(), sorted(child.attributes.items())))
            continue
        if not isinstance(child, nodes.container):
            return None
        entries: list[object] = [tuple(child["classes"])]
        for entry in child.children:
            key = keys.get(id(entry))
            # An entry with a preview image holds it: its HTML is not only the kept one.
            if key is None or not isinstance(entry, publication_entry) or entry.children:
                return None
            entries.append((key, tuple(entry["ids"]), tuple(entry["classes"]), entry.get(TERMS)))
        made_of.append(tuple(entries))
    return tuple(made_of)


def _entries_of(page: list_page) -> Iterator[nodes.Node]:
    """The entries of a page as the list made it: its groups' children."""
    for group in page.children:
        if isinstance(group, nodes.container):
            yield from group.children
